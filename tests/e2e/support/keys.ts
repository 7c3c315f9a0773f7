/**
 * Real keys, through the X server, for one page. Bringing a tab to front
 * returns before the browser shows it, and keys pressed meanwhile reach the
 * tab that was in front. The browser names its window after the tab it
 * shows, so the page gets a title no other has, and the keys go once the
 * window bears it.
 */
import { randomUUID } from 'node:crypto';
import type { VirtualDisplay } from '../../../scripts/lib/display';
import { pace } from './launch';

/** A Playwright or a Puppeteer page. */
interface BrowserPage {
  evaluate(fn: (title: string) => void, title: string): Promise<unknown>;
  bringToFront(): Promise<void>;
}

async function windowShowing(screen: VirtualDisplay, page: BrowserPage): Promise<string> {
  const title = `tokenkeep-test-${randomUUID()}`;
  await page.evaluate((t) => void (document.title = t), title);
  await page.bringToFront();
  return screen.windowNamed(title, pace.waitMs);
}

/** Presses the keys in the window, once it shows this page. */
export async function pressOn(screen: VirtualDisplay, page: BrowserPage, keys: string): Promise<void> {
  screen.pressIn(await windowShowing(screen, page), keys);
}

/** Opens the browser's own context menu on this page's focused element, from the keyboard; the menu then takes `screen.pressHere`. */
export async function openMenuOn(screen: VirtualDisplay, page: BrowserPage): Promise<void> {
  await screen.openMenu(await windowShowing(screen, page), 'Menu', pace.waitMs);
}
