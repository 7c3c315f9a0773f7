import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { CHROME_KEY, COPY_FOR_SITE, FILL_FOR_SITE, GECKO_ID } from './utils/common/identity';

/** Set by `npm run zip`: the build for the stores, kept apart from the one loaded unpacked. */
const forStore = () => !!process.env.TOKENKEEP_STORE_ZIP;

export default defineConfig({
  hooks: {
    // The terminal's tokenkeep.mjs ships inside the extension, for the options page to save: one file, needing only Node.
    'build:publicAssets': async (_wxt, files) => {
      const { bundleBridge } = await import('./scripts/build-bridge');
      files.push({ relativeDest: 'tokenkeep.mjs', contents: await bundleBridge() });
    },
  },
  ...(forStore() ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-store' } : {}),
  // Explicit imports everywhere: the same modules run in Node CLIs and tests.
  imports: false,
  // One manifest version for both browsers: Firefox MV3 gives us storage.session,
  // scripting and action with the same shapes as Chrome.
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    // Chrome refuses scripts holding Unicode noncharacters ("isn't UTF-8 encoded");
    // ASCII output with \u escapes sidesteps that for every regex and string.
    esbuild: { charset: 'ascii' },
    // The import reader's worker (entrypoints/options/read-worker.ts) is a module worker: its readers split into chunks.
    worker: { format: 'es' as const, plugins: () => [] },
    build: {
      // The content script runs on every webmail page: no source maps shipped,
      // and terser's second pass, which beats esbuild's minifier by a few percent.
      sourcemap: false,
      minify: 'terser',
      terserOptions: { compress: { passes: 2 }, format: { ascii_only: true } },
    },
  }),
  manifest: ({ browser }) => ({
    name: 'Tokenkeep',
    description: 'Capture Salesforce security tokens from webmail, keep them encrypted, copy and fill them in one click.',
    // storage: settings, and storage.session for the unlocked key. alarms and
    // idle: auto-lock, clipboard clearing, expiry reminders. clipboardWrite
    // and clipboardRead: copy, and clear later only if the clipboard still
    // holds what we copied. notifications: expiry reminders and the copy
    // command's result. activeTab and scripting: filling, and the copy command
    // reading the current tab's address, only when the user asks; activeTab also lets the popup read an
    // authenticator QR code off the visible tab (captureVisibleTab). contextMenus: "Save to Tokenkeep…"
    // on a selection or field, whose click grants activeTab in that frame. offscreen (Chrome): a document that holds the clipboard for
    // the service worker. The content script's hosts come from its own
    // matches; there are no other host permissions.
    permissions: [
      'storage',
      'alarms',
      'idle',
      'clipboardWrite',
      'clipboardRead',
      'notifications',
      'activeTab',
      'scripting',
      'contextMenus',
      // tabGroups: "Log in" opens its tab in a group of the account's colour, named for it (no prompt, no site access).
      'tabGroups',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // nativeMessaging: the terminal bridge, asked for only when the user turns it on in options.
    optional_permissions: ['nativeMessaging'],
    // "Log in" fills a tab Tokenkeep opened, which activeTab does not reach: each login page's host is asked
    // for in the click that needs it, that host alone (https://login.salesforce.com/*), never all of these.
    optional_host_permissions: ['https://*/*'],
    commands: {
      // Alt+Shift+letter, none taken by Chrome or Firefox: Chrome refuses to
      // assign a suggested key it uses itself (Alt+Shift+P and C among them).
      _execute_action: { suggested_key: { default: 'Alt+Shift+K' }, description: 'Open Tokenkeep' },
      [COPY_FOR_SITE]: {
        suggested_key: { default: 'Alt+Shift+Y' },
        description: 'Copy password + token (the token alone while no password is kept) for the account of this site',
      },
      [FILL_FOR_SITE]: { suggested_key: { default: 'Alt+Shift+L' }, description: 'Fill the login form with the account of this site' },
    },
    // Argon2id runs as bundled WebAssembly (hash-wasm); nothing is loaded remotely.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : // The Web Store refuses a manifest with a key (its item's key decides the id there), so the store zip has none.
        forStore()
        ? {}
        : { key: CHROME_KEY }),
  }),
});
