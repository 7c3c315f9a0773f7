/**
 * A virtual X screen and a real keyboard on it. Extension shortcuts are
 * handled by the browser itself, before any page, so DevTools key events
 * never reach them; key presses through the X server do, as a user's would.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { xdotoolPath, xvfbPath } from './browsers';

export interface VirtualDisplay {
  /** ":N", for the browser's DISPLAY. */
  display: string;
  /** The visible windows of that class, by X window id. A browser draws an extension's popup as a window of its own. */
  windows(windowClass: string): string[];
  /**
   * The visible window whose name holds `text`, once there is one. A browser
   * names its window after the tab in front, so a page's own title tells
   * when keys sent to that window will reach that page.
   */
  windowNamed(text: string, timeoutMs: number): Promise<string>;
  /** Focuses one window and presses the keys there. */
  pressIn(window: string, keys: string): void;
  /** Presses the keys wherever focus is: inside an open menu, which focusing a window would close. */
  pressHere(keys: string): void;
  /**
   * Presses the keys in that window, and resolves once a new window is
   * mapped: a browser's native menu, which has no name and no class, so only
   * its appearing tells that it is ready for keys.
   */
  openMenu(window: string, keys: string, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startDisplay(): Promise<VirtualDisplay> {
  const xvfb = xvfbPath();
  const xdotool = xdotoolPath();
  let n = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X${n}-lock`)) n++;
  const display = `:${n}`;
  const server: ChildProcess = spawn(xvfb, [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const run = (args: string[]) => execFileSync(xdotool, args, { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  for (let i = 0; ; i++) {
    try {
      run(['getdisplaygeometry']);
      break;
    } catch (err) {
      if (i > 50 || server.exitCode !== null) throw new Error(`Xvfb did not start on ${display}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const search = (...args: string[]) => {
    try {
      return run(['search', '--onlyvisible', ...args])
        .trim()
        .split('\n')
        .filter(Boolean);
    } catch {
      // xdotool search exits 1 when nothing matches.
      return [];
    }
  };
  const mapped = () => search('--name', '');
  const pressIn = (window: string, keys: string) => {
    run(['windowfocus', '--sync', window]);
    run(['key', '--clearmodifiers', keys]);
  };
  const until = async <T>(what: string, timeoutMs: number, found: () => T | undefined): Promise<T> => {
    for (const deadline = Date.now() + timeoutMs; ;) {
      const value = found();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    display,
    windows: (windowClass) => search('--class', windowClass),
    windowNamed: (text, timeoutMs) => until(`no visible window named "${text}"`, timeoutMs, () => search('--name', text).at(-1)),
    pressIn,
    pressHere: (keys) => void run(['key', '--clearmodifiers', keys]),
    async openMenu(window, keys, timeoutMs) {
      const before = new Set(mapped());
      pressIn(window, keys);
      await until(`no menu opened on ${keys}`, timeoutMs, () => mapped().find((w) => !before.has(w)));
    },
    async close() {
      server.kill();
      await new Promise((r) => (server.exitCode !== null ? r(undefined) : server.once('exit', r)));
    },
  };
}
