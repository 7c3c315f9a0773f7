// @ts-check
/**
 * Lint: the language rules (ESLint + typescript-eslint), and utils/'s
 * purity: no browser API in it, however spelt. The layers and cycles are
 * dependency-cruiser's (.dependency-cruiser.cjs), which sees type-only
 * imports too; ARCHITECTURE.md explains both.
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Everything a pure module must not reach: the browser's APIs, however they are spelled. */
const BROWSER_APIS = {
  globals: [
    { name: 'browser', message: 'utils/ is pure: take what you need from the browser as a parameter (see ARCHITECTURE.md).' },
    { name: 'chrome', message: 'utils/ is pure: take what you need from the browser as a parameter (see ARCHITECTURE.md).' },
  ],
  imports: {
    paths: [
      { name: 'wxt/browser', message: 'utils/ is pure: the entry point passes the browser API in.' },
      { name: '#imports', message: 'utils/ is pure: the entry point passes the browser API in.' },
      { name: 'wxt/utils/storage', message: 'utils/ is pure: the entry point passes storage in.' },
    ],
    patterns: [{ group: ['wxt/*', '@wxt-dev/*'], message: 'utils/ is pure: no WXT runtime here.' }],
  },
};

export default tseslint.config(
  {
    ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bridge/dist/**', 'demo-output/**', 'bench-output/**', 'tests/fixtures/**/*.html'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // Types already check names; ESLint's own no-undef does not know TypeScript's globals.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['utils/**'],
    rules: {
      'no-restricted-globals': ['error', ...BROWSER_APIS.globals],
      'no-restricted-imports': ['error', BROWSER_APIS.imports],
      // A module past 300 lines holds more than one concern: split it into rooms (see utils/vault/).
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    // The end-to-end tests read the background's replies off the wire in a page, where they are untyped JSON.
    files: ['tests/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
