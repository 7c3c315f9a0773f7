/** The shared scenarios' driver over puppeteer-core's WebDriver BiDi, for Firefox with the built extension. */
import type { Locator, Page } from 'puppeteer-core';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import type { Driver, Reply, Running, Tab, Target, WebmailTab } from './driver';
import { withPopup } from './driver';
import { readClipboard } from './clipboard';
import { openWebmailFirefox, saveWithKeyboard } from './flows';
import { startFirefox } from './launch';

/** Puppeteer's query for a target: its ARIA and text selectors name things as Playwright's getBy… do, exactly. */
function selector(target: Target): string {
  const quoted = (s: string) => JSON.stringify(s);
  if (typeof target === 'string') return target;
  if ('role' in target) return `::-p-aria([name=${quoted(target.name)}][role=${quoted(target.role)}])`;
  if ('label' in target) return `::-p-aria(${target.label})`;
  return `::-p-text(${target.text})`;
}

const locate = (page: Page, target: Target): Locator<Element> => page.locator(selector(target));

/**
 * Sets a field's value in one input event, as Playwright's fill does (and a paste): puppeteer's own
 * fill types key by key, which takes seconds for a PEM key over BiDi and says nothing more.
 */
async function setValue(page: Page, target: Target, value: string): Promise<void> {
  const handle = await locate(page, target).waitHandle();
  await handle.evaluate((el, v) => {
    const field = el as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    field.focus();
    field.value = v;
    // A person's edit ends in a change event too (when focus leaves); the page's own handlers may listen to either.
    if (!(field instanceof HTMLSelectElement)) field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

function tab(page: Page): Tab {
  return {
    click: (target) => locate(page, target).click(),
    fill: (target, value) => setValue(page, target, value),
    select: (target, value) => setValue(page, target, value),
    waitFor: async (target) => void (await locate(page, target).wait()),
    showsText: async (text) => void (await page.waitForFunction((t) => document.body.textContent!.includes(t), {}, text)),
    waitUntil: async (check) => void (await page.waitForFunction(check)),
    text: () => page.evaluate(() => document.body.innerText),
    // Counted in the page: $$eval hands every element back over BiDi, which overflows on a page of thousands.
    count: (css) => page.evaluate((selector) => document.querySelectorAll(selector).length, css),
    attribute: async (target, name) => {
      const handle = await locate(page, target).waitHandle();
      return handle.evaluate((el, n) => el.getAttribute(n), name);
    },
    evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as never,
    request: (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<Reply>,
    press: (key) => page.keyboard.press(key),
    close: () => page.close(),
  };
}

function running(session: FirefoxSession): Running {
  // Keys reach only the active tab: saves from several tabs press one tab after another, never waiting for a save to finish.
  let keyboard: Promise<unknown> = Promise.resolve();
  return withPopup({
    profileDir: session.profileDir,
    extensionPage: async (path, size) => tab(await session.openExtensionPage(path, size)),
    async webmail(id, html): Promise<WebmailTab> {
      const page = await openWebmailFirefox(session, id, html);
      return {
        ...tab(page),
        async save() {
          await page.waitForSelector('tokenkeep-banner');
          const turn = keyboard.then(() => saveWithKeyboard(page));
          keyboard = turn.catch(() => undefined);
          await turn;
        },
      };
    },
    clipboard: () => readClipboard(() => session.browser.newPage()),
    close: () => session.close(),
  });
}

export const firefoxDriver: Driver = {
  name: 'firefox',
  canSetFiles: false,
  syncName: 'Firefox',
  // Firefox keeps storage.sync in this database, synced or not.
  syncStorage: (profileDir) => ({ dir: profileDir, files: /^storage-sync/ }),
  start: async (options = {}) =>
    running(
      await startFirefox({
        ...(options.profileDir ? { profileDir: options.profileDir } : {}),
        ...(options.downloadDir ? { downloadDir: options.downloadDir } : {}),
      }),
    ),
};
