/** The shared scenarios' driver over Playwright, for Chromium with the built extension. */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { bannerText, clickBanner } from '../../../scripts/lib/banner-chromium';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { expect } from 'vitest';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import type { Driver, Reply, Running, Site, Tab, Target, WebmailTab } from './driver';
import { withPopup } from './driver';
import { expectNoAxeViolations } from './axe';
import { allowInChromePrompt } from './chrome-prompt';
import { readClipboard } from './clipboard';
import { openWebmail, saveWithKeyboard, tabToBanner } from './flows';
import { openMenuOn, pressOn } from './keys';
import { startChromium } from './launch';

function locate(page: Page, target: Target): Locator {
  if (typeof target === 'string') return page.locator(target).first();
  if ('role' in target) return page.getByRole(target.role, { name: target.name, exact: true });
  if ('label' in target) return page.getByLabel(target.label, { exact: true });
  if (target.within) return page.locator(target.within, { hasText: target.text }).first();
  return page.getByText(target.text).first();
}

/** What a tab may need of the browser it is in. */
interface Env {
  downloadDir?: string | undefined;
  screen?: VirtualDisplay | undefined;
}

function tab(page: Page, env: Env = {}): Tab {
  return {
    click: (target) => locate(page, target).click(),
    fill: (target, value) => locate(page, target).fill(value),
    select: async (target, value) => void (await locate(page, target).selectOption(value)),
    waitFor: (target) => locate(page, target).waitFor(),
    // Polled on a timer, not on animation frames: a page in a background tab (behind a tab Log in opened) draws none.
    showsText: async (text) => void (await page.waitForFunction((t) => document.body.textContent!.includes(t), text, { polling: 100 })),
    waitUntil: async (check) => void (await page.waitForFunction(check, undefined, { polling: 100 })),
    text: () => page.evaluate(() => document.body.innerText),
    count: (css) => page.locator(css).count(),
    attribute: (target, name) => locate(page, target).getAttribute(name),
    evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as never,
    request: (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<Reply>,
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    texts: (css) => page.locator(css).allTextContents(),
    async clickForWindow(target) {
      const opened = page.context().waitForEvent('page');
      await locate(page, target).click();
      const window = await opened;
      await window.waitForLoadState();
      return tab(window, env);
    },
    audit: (state) => expectNoAxeViolations(page, state),
    async download(target) {
      if (!env.downloadDir) throw new Error('start the browser with a downloadDir to download');
      const download = page.waitForEvent('download');
      await locate(page, target).click();
      const file = path.join(env.downloadDir, (await download).suggestedFilename());
      await (await download).saveAs(file);
      return file;
    },
    setFiles: (target, file) => locate(page, target).setInputFiles(file),
    // Chrome's prompt is its own, drawn in the browser window: answered with the keyboard on the screen.
    allowPermission: (steps) => allowInChromePrompt(onScreen(env.screen), page, steps),
    close: () => page.close(),
  };
}

function onScreen(screen: VirtualDisplay | undefined): VirtualDisplay {
  if (!screen) throw new Error('start the browser with uses: { shortcuts: true }: its own keys and menus need a screen');
  return screen;
}

function site(session: ChromiumSession, screen: VirtualDisplay | undefined, page: Page): Site {
  return {
    ...tab(page),
    goto: async (url) => void (await page.goto(url)),
    inFrames: (fn) =>
      Promise.all(
        page
          .frames()
          .slice(1)
          .map((frame) => frame.evaluate(fn)),
      ),
    async toolbarPopup() {
      // DevTools' Extensions.triggerAction is the toolbar click (activeTab and all); the popped-out window then acts on that tab.
      await session.clickAction(page);
      const popup = await session.popOut();
      await popup.getByRole('searchbox', { name: 'Search accounts' }).waitFor();
      return tab(popup);
    },
    async shortcut(keys) {
      await pressOn(onScreen(screen), page, keys);
    },
    async saveFromMenu() {
      // The Menu key, then up from the bottom past Inspect.
      const keys = onScreen(screen);
      await openMenuOn(keys, page);
      keys.pressHere('Up');
      keys.pressHere('Up');
      keys.pressHere('Return');
      const saveWindow = () => session.context.pages().find((p) => p.url().includes('popup.html?window&save'));
      await expect.poll(saveWindow).toBeDefined();
      return tab(saveWindow()!);
    },
  };
}

function running(session: ChromiumSession, screen?: VirtualDisplay, downloadDir?: string): Running {
  return withPopup({
    profileDir: session.profileDir,
    async site(url, html, others = {}) {
      // Served to the whole browser, as the web is: the latest page served for an origin answers (Playwright runs the newest route first).
      for (const [origin, body] of Object.entries({ ...others, [new URL(url).origin]: html })) await session.serve(origin, body);
      const page = await session.context.newPage();
      await page.goto(url);
      return site(session, screen, page);
    },
    extensionPage: async (path, size) => tab(await session.openExtensionPage(path, size), { downloadDir, screen }),
    async webmail(id, html): Promise<WebmailTab> {
      const page = await openWebmail(session, id, html);
      const banner = () => page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
      /** Saves the way `press` does, once the banner is there, and waits until the banner says it is stored. */
      const saveBy = async (press: () => Promise<void>) => {
        await banner();
        await press();
        await expect.poll(() => bannerText(page)).toMatch(/Saved|sealed/);
      };
      return {
        ...tab(page),
        save: () => saveBy(() => clickBanner(page, 'button.save')),
        saveWithKeyboard: () => saveBy(() => saveWithKeyboard(page)),
        tabToBanner: () => tabToBanner(page),
        reload: async () => void (await page.reload()),
        async dismiss() {
          await banner();
          await clickBanner(page, 'button.dismiss');
          await page.locator('tokenkeep-banner').waitFor({ state: 'detached' });
        },
      };
    },
    clipboard: () => readClipboard(() => session.context.newPage()),
    async close() {
      await session.close();
      await screen?.close();
    },
  });
}

export const chromiumDriver: Driver = {
  name: 'chromium',
  syncName: 'Chrome',
  syncStorage: (profileDir) => ({ dir: path.join(profileDir, 'Default', 'Sync Extension Settings'), files: /./ }),
  async start(options = {}) {
    // Chromium's toolbar click needs no screen (DevTools triggers it); its shortcuts and prompts do.
    const screen = options.uses?.shortcuts || options.uses?.permissionPrompts ? await startDisplay() : undefined;
    try {
      const session = await startChromium({
        ...(options.profileDir ? { profileDir: options.profileDir } : {}),
        ...(screen ? { headless: false, env: { DISPLAY: screen.display } } : {}),
        // Only the stand-in's certificate key is taken in place of a real authority's.
        ...(options.standIn
          ? { args: [`--proxy-server=http://${options.standIn.proxy}`, `--ignore-certificate-errors-spki-list=${options.standIn.spki}`] }
          : {}),
      });
      return running(session, screen, options.downloadDir);
    } catch (err) {
      await screen?.close();
      throw err;
    }
  },
};
