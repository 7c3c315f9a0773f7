/**
 * `tokenkeep install`: a copy of tokenkeep.mjs in a folder of its own, the
 * host manifest each browser reads (naming only Tokenkeep's own extension
 * id), the launcher it points at, and the `tokenkeep` command. `uninstall`
 * removes them. Nothing else is written.
 */
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserName } from '../utils/bridge/cli-args';
import { BRIDGE_HOST, CHROME_ID, GECKO_ID } from '../utils/common/identity';
import { shellQuote } from '../utils/kinds/text';
import { commandPath, launcherPath, manifestDir, scriptPath, type Place } from './paths';

export function hostManifest(browser: BrowserName, launcher: string) {
  const common = { name: BRIDGE_HOST, description: 'Tokenkeep terminal bridge', path: launcher, type: 'stdio' };
  return browser === 'firefox' ? { ...common, allowed_extensions: [GECKO_ID] } : { ...common, allowed_origins: [`chrome-extension://${CHROME_ID}/`] };
}

const WRITTEN_BY = '# Written by tokenkeep install';

/** A shell script that runs `script` with `node`, and the arguments given: browsers start the host with their own environment, where `node` may not be on PATH. */
const launcherText = (node: string, script: string, why: string, first = '') =>
  `#!/bin/sh\n${WRITTEN_BY}: ${why}\nexec ${shellQuote(node)} ${shellQuote(script)}${first} "$@"\n`;

async function writeExecutable(file: string, text: string) {
  await writeFile(file, text, { mode: 0o755 });
  await chmod(file, 0o755);
}

/**
 * Installs from `host.source`, the tokenkeep.mjs this runs from (wherever the options page saved
 * it): a copy goes to a folder of its own, which the launcher and the command name.
 */
export async function install(browsers: readonly BrowserName[], place: Place, host: { node: string; source: string }, userDataDir?: string): Promise<string[]> {
  // Every folder is known before anything is written, so a system it cannot serve is refused with nothing left behind.
  const dirs = browsers.map((browser) => [browser, manifestDir(browser, place, userDataDir)] as const);
  const launcher = launcherPath(place);
  const script = scriptPath(place);
  await mkdir(path.dirname(launcher), { recursive: true, mode: 0o700 });
  if (path.resolve(host.source) !== script) await copyFile(host.source, script);
  await chmod(script, 0o755);
  await writeExecutable(launcher, launcherText(host.node, script, "the browser starts Tokenkeep's bridge through this.", ' host'));
  const written: string[] = [script, launcher];
  // The command, unless something else of that name is there (a tokenkeep from npm): that one is left as it is.
  const command = commandPath(place);
  const present = await readFile(command, 'utf8').catch(() => undefined);
  if (present === undefined || present.includes(WRITTEN_BY)) {
    await mkdir(path.dirname(command), { recursive: true });
    await writeExecutable(command, launcherText(host.node, script, 'the tokenkeep command.'));
    written.push(command);
  }
  for (const [browser, dir] of dirs) {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${BRIDGE_HOST}.json`);
    await writeFile(file, `${JSON.stringify(hostManifest(browser, launcher), null, 2)}\n`, { mode: 0o644 });
    written.push(file);
  }
  return written;
}

export async function uninstall(browsers: readonly BrowserName[], place: Place, userDataDir?: string): Promise<string[]> {
  const removed: string[] = [];
  for (const browser of browsers) {
    const file = path.join(manifestDir(browser, place, userDataDir), `${BRIDGE_HOST}.json`);
    await rm(file, { force: true });
    removed.push(file);
  }
  // The launcher, the copy and the command go once no browser is left to use them: uninstall of all of them.
  if (browsers.length === 3 && !userDataDir) {
    await rm(path.dirname(launcherPath(place)), { recursive: true, force: true });
    removed.push(launcherPath(place), scriptPath(place));
    const command = commandPath(place);
    if ((await readFile(command, 'utf8').catch(() => ''))?.includes(WRITTEN_BY)) {
      await rm(command, { force: true });
      removed.push(command);
    }
  }
  return removed;
}
