/**
 * Firefox: the toolbar popup over a page, in a window a test can drive. The
 * popup's own shortcut (pressed on the virtual screen) gives activeTab on the
 * tab, then the same popup opens popped out, and follows the tab it was over.
 */
import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { VirtualDisplay } from '../../../scripts/lib/display';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { pressOn } from './keys';

/**
 * The next page the add-on opens in a tab or window, once loaded. Puppeteer over BiDi lists it as about:blank, and
 * reports no navigation into the extension's process (see openExtensionPage): the document's own state says it has loaded.
 */
export async function nextExtensionWindow(browser: Browser): Promise<Page> {
  const page = await new Promise<Page>((resolve) => browser.once('targetcreated', (t) => void t.page().then((p) => p && resolve(p))));
  await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete');
  return page;
}

export function firefoxPopup(session: () => FirefoxSession, screen: () => VirtualDisplay) {
  async function open(url: string, html: string | ((url: URL) => string), others?: Record<string, string>): Promise<Page> {
    const page = await session().newPageServing(new URL(url).origin, html, others);
    await page.goto(url);
    await page.bringToFront();
    return page;
  }

  const press = (page: Page, keys: string) => pressOn(screen(), page, keys);
  const escape = (window: string) => {
    try {
      screen().pressIn(window, 'Escape');
    } catch {
      // The window closed between the look and the key: what was wanted.
    }
  };

  /**
   * Presses `keys` on the page, which should open the toolbar popup, and
   * waits until Firefox draws it (a window of its own on the screen): by
   * then the command has run, and activeTab is granted on that page's tab.
   * Then closes it with Escape.
   */
  async function pressForPopup(page: Page, keys: string): Promise<void> {
    const before = screen().windows('firefox');
    await press(page, keys);
    let popup: string | undefined;
    await expect
      .poll(
        () =>
          (popup = screen()
            .windows('firefox')
            .find((w) => !before.includes(w))),
      )
      .toBeDefined();
    // Only that window: another (a popped-out popup just closed) may be going away meanwhile. On a busy
    // machine the popup is drawn before its page takes keys, and the first Escape is lost: press it again.
    await expect
      .poll(
        () => {
          const open = screen().windows('firefox').includes(popup!);
          if (open) escape(popup!);
          return open;
        },
        { interval: 500 },
      )
      .toBe(false);
  }

  async function popOutOver(page: Page): Promise<Page> {
    await pressForPopup(page, 'alt+shift+k');
    const opener = await session().openExtensionPage('popup.html');
    const created = nextExtensionWindow(session().browser);
    await opener.evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('popup.html?window'), type: 'popup', width: 380, height: 640 }));
    const popup = await created;
    await opener.close();
    // Back on the page, then to the popped-out window, as a user goes: the window asks which tab Fill acts on when it gets focus.
    await page.bringToFront();
    await popup.bringToFront();
    await popup.waitForSelector('input[type="search"]');
    return popup;
  }

  return { open, press, popOutOver };
}
