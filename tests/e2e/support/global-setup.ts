/**
 * Fails the e2e run up front, with the fix named, when the built extension or
 * the browser is missing. Nothing is ever skipped.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromiumPath, firefoxPath, xdotoolPath, xvfbPath } from '../../../scripts/lib/browsers';
import { extensionDir } from './paths';

export default function setup(project: TestProject) {
  const browser = project.config.provide.browser as 'chromium' | 'firefox';
  const target = browser === 'chromium' ? 'chrome' : 'firefox';
  const dir = extensionDir(target);
  if (!existsSync(`${dir}/manifest.json`)) {
    throw new Error(`The ${target} build is missing at ${dir}. Run "npm run build:all" first (npm test does this for you).`);
  }
  if (browser === 'chromium') chromiumPath();
  else firefoxPath();
  // The keyboard-shortcut tests need a virtual screen and a real keyboard on it.
  xvfbPath();
  xdotoolPath();
}

declare module 'vitest' {
  export interface ProvidedContext {
    browser: 'chromium' | 'firefox';
    pace: import('./pace').Pace;
  }
}
