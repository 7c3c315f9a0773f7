/** The driver for the browser a test project runs: a shared scenario file runs once per project, through this. */
import { inject } from 'vitest';
import type { Driver } from './driver';

const drivers: Record<Driver['name'], () => Promise<Driver>> = {
  chromium: async () => (await import('./driver-chromium')).chromiumDriver,
  firefox: async () => (await import('./driver-firefox')).firefoxDriver,
};

export const driver = () => drivers[inject('browser')]();
