/**
 * `tokenkeep install`: the host manifest each browser reads, naming only
 * Tokenkeep's own extension id, and the launcher it points at. `uninstall`
 * removes both. Nothing else is written.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserName } from '../utils/bridge/cli-args';
import { BRIDGE_HOST, CHROME_ID, GECKO_ID } from '../utils/identity';
import { shellQuote } from '../utils/kinds/text';
import { launcherPath, manifestDir, type Place } from './paths';

export function hostManifest(browser: BrowserName, launcher: string) {
  const common = { name: BRIDGE_HOST, description: 'Tokenkeep terminal bridge', path: launcher, type: 'stdio' };
  return browser === 'firefox' ? { ...common, allowed_extensions: [GECKO_ID] } : { ...common, allowed_origins: [`chrome-extension://${CHROME_ID}/`] };
}

export async function install(browsers: readonly BrowserName[], place: Place, host: { node: string; script: string }, userDataDir?: string): Promise<string[]> {
  // Every folder is known before anything is written, so a system it cannot serve is refused with nothing left behind.
  const dirs = browsers.map((browser) => [browser, manifestDir(browser, place, userDataDir)] as const);
  const launcher = launcherPath(place);
  await mkdir(path.dirname(launcher), { recursive: true, mode: 0o700 });
  // Browsers start the host with their own environment, where `node` may not be on PATH: the launcher names both paths.
  await writeFile(launcher, `#!/bin/sh\n# Written by tokenkeep install: the browser starts Tokenkeep's bridge through this.\nexec ${shellQuote(host.node)} ${shellQuote(host.script)} "$@"\n`, { mode: 0o755 });
  await chmod(launcher, 0o755);
  const written: string[] = [];
  for (const [browser, dir] of dirs) {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${BRIDGE_HOST}.json`);
    await writeFile(file, `${JSON.stringify(hostManifest(browser, launcher), null, 2)}\n`, { mode: 0o644 });
    written.push(file);
  }
  return [launcher, ...written];
}

export async function uninstall(browsers: readonly BrowserName[], place: Place, userDataDir?: string): Promise<string[]> {
  const removed: string[] = [];
  for (const browser of browsers) {
    const file = path.join(manifestDir(browser, place, userDataDir), `${BRIDGE_HOST}.json`);
    await rm(file, { force: true });
    removed.push(file);
  }
  // The launcher goes once no browser is left to use it: uninstall of all of them.
  if (browsers.length === 3 && !userDataDir) {
    await rm(path.dirname(launcherPath(place)), { recursive: true, force: true });
    removed.push(launcherPath(place));
  }
  return removed;
}
