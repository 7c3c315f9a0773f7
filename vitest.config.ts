import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { measurePace } from './tests/e2e/support/pace';

export default defineConfig(async () => {
  // Only the end-to-end runs wait on real browsers; a unit-only run skips the measurement.
  const argv = process.argv.join(' ');
  const e2e = !/--project[= ]unit\b/.test(argv) || /--project[= ]e2e/.test(argv);
  const pace = e2e ? await measurePace() : { kdfMs: 0, waitMs: 30_000, testMs: 120_000 };
  if (e2e) console.log(`pace: Argon2id takes ${pace.kdfMs} ms here, so a wait may take up to ${pace.waitMs / 1000} s and a test ${pace.testMs / 1000} s`);
  const browserProject = (browser: 'chromium' | 'firefox') => ({
    test: {
      name: `e2e-${browser}`,
      include: [`tests/e2e/${browser}/**/*.test.ts`],
      globalSetup: ['tests/e2e/support/global-setup.ts'],
      provide: { browser, pace },
      testTimeout: pace.testMs,
      hookTimeout: pace.testMs,
      expect: { poll: { timeout: pace.waitMs } },
      fileParallelism: false,
    },
  });
  return {
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
        browserProject('chromium'),
        browserProject('firefox'),
      ],
    },
  };
});
