import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // WxtVitest does not carry over wxt.config's Vite plugins, so preact() is added again.
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/setup.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e-chromium',
          include: ['tests/e2e/chromium/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          provide: { browser: 'chromium' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e-firefox',
          include: ['tests/e2e/firefox/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          provide: { browser: 'firefox' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
