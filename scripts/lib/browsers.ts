/**
 * Finds the system browsers the demo, tests and benchmark drive. A missing
 * browser is an error that names the package to install, never a skip.
 */
import { existsSync } from 'node:fs';

export class MissingBrowserError extends Error {
  override name = 'MissingBrowserError';
}

function find(envVar: string, candidates: string[], name: string, aptPackage: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new MissingBrowserError(`${envVar}=${fromEnv} does not exist.`);
  }
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  throw new MissingBrowserError(
    `${name} was not found at ${candidates.join(' or ')}. Install it with: sudo apt-get install -y ${aptPackage} (or set ${envVar} to its path).`,
  );
}

export function chromiumPath(): string {
  return find('CHROMIUM_PATH', ['/usr/bin/chromium', '/usr/bin/chromium-browser'], 'Chromium', 'chromium');
}

export function firefoxPath(): string {
  return find('FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox'], 'Firefox', 'firefox-esr');
}

/** The X server the keyboard tests run a visible browser on: browser shortcuts only answer real key events. */
export function xvfbPath(): string {
  return find('XVFB_PATH', ['/usr/bin/Xvfb'], 'Xvfb (a virtual screen)', 'xvfb');
}

/** Presses keys as the X server's keyboard, so the browser's own shortcut handling sees them. */
export function xdotoolPath(): string {
  return find('XDOTOOL_PATH', ['/usr/bin/xdotool'], 'xdotool', 'xdotool');
}
