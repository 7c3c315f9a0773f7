/** The shared scenarios' driver over Playwright, for Chromium with the built extension. */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { bannerText, clickBanner } from '../../../scripts/lib/banner-chromium';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { expect } from 'vitest';
import type { Driver, Reply, Running, Tab, Target, WebmailTab } from './driver';
import { withPopup } from './driver';
import { readClipboard } from './clipboard';
import { openWebmailChromium } from './flows';
import { startChromium } from './launch';

function locate(page: Page, target: Target): Locator {
  if (typeof target === 'string') return page.locator(target).first();
  if ('role' in target) return page.getByRole(target.role, { name: target.name, exact: true });
  if ('label' in target) return page.getByLabel(target.label, { exact: true });
  return page.getByText(target.text).first();
}

function tab(page: Page): Tab {
  return {
    click: (target) => locate(page, target).click(),
    fill: (target, value) => locate(page, target).fill(value),
    select: async (target, value) => void (await locate(page, target).selectOption(value)),
    waitFor: (target) => locate(page, target).waitFor(),
    showsText: async (text) => void (await page.waitForFunction((t) => document.body.textContent!.includes(t), text)),
    waitUntil: async (check) => void (await page.waitForFunction(check)),
    text: () => page.evaluate(() => document.body.innerText),
    count: (css) => page.locator(css).count(),
    attribute: (target, name) => locate(page, target).getAttribute(name),
    evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as never,
    request: (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<Reply>,
    press: (key) => page.keyboard.press(key),
    close: () => page.close(),
  };
}

function running(session: ChromiumSession): Running {
  return withPopup({
    profileDir: session.profileDir,
    extensionPage: async (path, size) => tab(await session.openExtensionPage(path, size)),
    async webmail(id, html): Promise<WebmailTab> {
      const page = await openWebmailChromium(session, id, html);
      return {
        ...tab(page),
        async save() {
          await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
          await clickBanner(page, 'button.save');
          await expect.poll(() => bannerText(page)).toMatch(/Saved|sealed/);
        },
      };
    },
    clipboard: () => readClipboard(() => session.context.newPage()),
    close: () => session.close(),
  });
}

export const chromiumDriver: Driver = {
  name: 'chromium',
  canSetFiles: true,
  syncName: 'Chrome',
  syncStorage: (profileDir) => ({ dir: path.join(profileDir, 'Default', 'Sync Extension Settings'), files: /./ }),
  start: async (options = {}) => running(await startChromium({ ...(options.profileDir ? { profileDir: options.profileDir } : {}) })),
};
