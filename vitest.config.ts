import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { measurePace } from './tests/e2e/support/pace';

export default defineConfig(async () => {
  const pace = await measurePace();
  console.log(`pace: Argon2id takes ${pace.kdfMs} ms here, so a wait may take up to ${pace.waitMs / 1000} s and a test ${pace.testMs / 1000} s`);
  const browserProject = (browser: 'chromium' | 'firefox') => ({
    test: {
      name: `e2e-${browser}`,
      // The shared scenarios run in both browsers, each through its own driver (tests/e2e/support/driver.ts).
      include: [`tests/e2e/${browser}/**/*.test.ts`, 'tests/e2e/shared/**/*.test.ts'],
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
            // The CLI tests start npm and Node: a hang guard, paced like the rest, not the 5 s default.
            testTimeout: pace.waitMs,
            // What follows a change after a delay (sync's 2 s debounce) is awaited as long as a loaded machine needs, not 1 s.
            expect: { poll: { timeout: pace.waitMs } },
          },
        },
        browserProject('chromium'),
        browserProject('firefox'),
      ],
    },
  };
});
