/**
 * Where the bridge's pieces live on this machine: the socket the host listens
 * on, the host manifests each browser reads, and the launcher they name.
 * Pure given the environment, so tests point it at a temporary home.
 */
import os from 'node:os';
import path from 'node:path';
import type { BrowserName } from '../utils/bridge/cli-args';

export interface Place {
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
  username: string;
}

/** This process's place: its environment, home, system and user. */
export const currentPlace = (env: NodeJS.ProcessEnv = process.env): Place => ({
  env,
  home: os.homedir(),
  platform: process.platform,
  username: os.userInfo().username,
});

/**
 * A per-user socket: under $XDG_RUNTIME_DIR (memory-backed, the user's alone,
 * cleared at logout), else in a directory of the user's home. On Windows, a
 * named pipe of the user's own.
 */
export function socketPath(place: Place): string {
  if (place.platform === 'win32') return `\\\\.\\pipe\\tokenkeep-${place.username}`;
  const runtime = place.env.XDG_RUNTIME_DIR;
  return path.join(runtime ? path.join(runtime, 'tokenkeep') : path.join(place.home, '.tokenkeep'), 'bridge.sock');
}

const APP_SUPPORT = (place: Place) => path.join(place.home, 'Library', 'Application Support');

/** The folder a browser reads user-level native-messaging host manifests from. */
export function manifestDir(browser: BrowserName, place: Place, userDataDir?: string): string {
  if (userDataDir) return path.join(path.resolve(userDataDir), 'NativeMessagingHosts');
  if (place.platform === 'darwin') {
    return path.join(APP_SUPPORT(place), { chrome: 'Google/Chrome', chromium: 'Chromium', firefox: 'Mozilla' }[browser], 'NativeMessagingHosts');
  }
  if (place.platform !== 'linux') throw new Error(`tokenkeep install does not know where ${browser} looks for host manifests on ${place.platform} yet.`);
  if (browser === 'firefox') return path.join(place.home, '.mozilla', 'native-messaging-hosts');
  const config = place.env.XDG_CONFIG_HOME || path.join(place.home, '.config');
  return path.join(config, browser === 'chrome' ? 'google-chrome' : 'chromium', 'NativeMessagingHosts');
}

/** Where install puts the launcher that the manifests name (it holds two paths, nothing else). */
export function launcherPath(place: Place): string {
  if (place.platform === 'darwin') return path.join(APP_SUPPORT(place), 'Tokenkeep', 'tokenkeep-host');
  const data = place.env.XDG_DATA_HOME || path.join(place.home, '.local', 'share');
  return path.join(data, 'tokenkeep', 'tokenkeep-host');
}

/** Where install keeps its own copy of tokenkeep.mjs, beside the launcher: a download folder may be cleaned, this is not. */
export const scriptPath = (place: Place) => path.join(path.dirname(launcherPath(place)), 'tokenkeep.mjs');

/** Where install puts the `tokenkeep` command: ~/.local/bin (XDG_BIN_HOME), which the usual shells' profiles put on PATH. */
export const commandPath = (place: Place) => path.join(place.env.XDG_BIN_HOME || path.join(place.home, '.local', 'bin'), 'tokenkeep');
