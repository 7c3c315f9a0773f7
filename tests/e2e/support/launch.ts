/**
 * The browsers as the e2e tests start them: the built extension loaded, and
 * every wait paced to this machine (./pace.ts) rather than to a fixed guess.
 */
import { inject } from 'vitest';
import { launchChromium, type ChromiumOptions } from '../../../scripts/lib/chromium';
import { launchFirefox, type FirefoxOptions } from '../../../scripts/lib/firefox';
import { extensionDir } from './paths';

export const pace = inject('pace');

export const startChromium = (options: Partial<ChromiumOptions> = {}) =>
  launchChromium({ extensionDir: extensionDir('chrome'), timeoutMs: pace.waitMs, ...options });

export const startFirefox = (options: Partial<FirefoxOptions> = {}) =>
  launchFirefox({ extensionDir: extensionDir('firefox'), timeoutMs: pace.waitMs, ...options });

/**
 * How long to watch for something that must not happen, when the app gives
 * no sign that it has looked: five times what the same step took when it
 * did happen, measured just before on this machine, and at least a second.
 */
export const quietPeriod = (measuredMs: number) => Math.max(1000, measuredMs * 5);
