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
  /** Focuses the top window of the process whose window class matches, and presses the keys ("alt+shift+l"). */
  press(windowClass: string, keys: string): void;
  /** The visible windows of that class, by X window id. A browser draws an extension's popup as a window of its own. */
  windows(windowClass: string): string[];
  /** Focuses one window and presses the keys there. */
  pressIn(window: string, keys: string): void;
  /** Presses the keys wherever focus is: inside an open menu, which focusing a window would close. */
  pressHere(keys: string): void;
  /**
   * Presses the keys in the top window of that class, and resolves once a new
   * window is mapped: a browser's native menu, which has no name and no class,
   * so only its appearing tells that it is ready for keys.
   */
  openMenu(windowClass: string, keys: string, timeoutMs: number): Promise<void>;
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
  const windows = (windowClass: string) => {
    try {
      return run(['search', '--onlyvisible', '--class', windowClass]).trim().split('\n').filter(Boolean);
    } catch {
      // xdotool search exits 1 when nothing matches.
      return [];
    }
  };
  const mapped = () => {
    try {
      return run(['search', '--onlyvisible', '--name', '']).trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  const pressIn = (window: string, keys: string) => {
    run(['windowfocus', '--sync', window]);
    run(['key', '--clearmodifiers', keys]);
  };
  const press = (windowClass: string, keys: string) => {
    const found = windows(windowClass);
    if (!found.length) throw new Error(`no visible ${windowClass} window on ${display}`);
    pressIn(found.at(-1)!, keys);
  };
  return {
    display,
    windows,
    pressIn,
    pressHere: (keys) => void run(['key', '--clearmodifiers', keys]),
    press,
    async openMenu(windowClass, keys, timeoutMs) {
      const before = new Set(mapped());
      press(windowClass, keys);
      for (const deadline = Date.now() + timeoutMs; !mapped().some((w) => !before.has(w)); ) {
        if (Date.now() > deadline) throw new Error(`no menu opened on ${keys} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      server.kill();
      await new Promise((r) => (server.exitCode !== null ? r(undefined) : server.once('exit', r)));
    },
  };
}
