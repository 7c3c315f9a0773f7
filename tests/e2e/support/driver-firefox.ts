/** The shared scenarios' driver over puppeteer-core's WebDriver BiDi, for Firefox with the built extension. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import axe from 'axe-core';
import type { KeyInput, Locator, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import type { Driver, Key, Reply, Running, Site, Tab, Target, WebmailTab } from './driver';
import { withPopup } from './driver';
import { firefoxProxyPrefs } from './login-site';
import { FIREFOX_GRANTS_PERMISSIONS } from '../../../scripts/lib/terminal';
import { openMenuOn } from './keys';
import { readClipboard } from './clipboard';
import { firefoxPopup, nextExtensionWindow } from './firefox-popup';
import { openWebmail, saveWithKeyboard, tabToBanner } from './flows';
import { startFirefox } from './launch';

/** Puppeteer's query for a target: its ARIA and text selectors name things as Playwright's getBy… do, exactly. */
function selector(target: Target): string {
  const quoted = (s: string) => JSON.stringify(s);
  if (typeof target === 'string') return target;
  if ('role' in target) return `::-p-aria([name=${quoted(target.name)}][role=${quoted(target.role)}])`;
  if ('label' in target) return `::-p-aria(${target.label})`;
  // Within: the innermost element holding the text, inside what the CSS matches; a click there lands on that too.
  return `${target.within ?? ''} ::-p-text(${target.text})`.trim();
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

/**
 * axe-core run in the page, in the colours Firefox draws it: light only, for
 * BiDi has no media emulation (puppeteer-core's BidiPage.emulateMediaFeatures
 * goes to its CDP emulation manager, lib/esm/puppeteer/bidi/Page.js:363).
 */
async function auditLight(page: Page, state: string): Promise<void> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const found = await (window as unknown as { axe: typeof axe }).axe.run();
    return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations.map((v) => `${state} (light): ${v}`)).toEqual([]);
}

/** Puppeteer presses one key at a time: a chord is the modifier held around it. */
async function pressKey(page: Page, key: Key): Promise<void> {
  const [modifier, main] = key.includes('+') ? key.split('+') : [undefined, key];
  if (modifier) await page.keyboard.down(modifier as KeyInput);
  await page.keyboard.press(main as KeyInput);
  if (modifier) await page.keyboard.up(modifier as KeyInput);
}

function tab(page: Page, downloadDir?: string): Tab {
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
    press: (key) => pressKey(page, key),
    type: (text) => page.keyboard.type(text),
    texts: (css) => page.evaluate((selector) => [...document.querySelectorAll(selector)].map((el) => el.textContent ?? ''), css),
    async clickForWindow(target) {
      const window = nextExtensionWindow(page.browser());
      await locate(page, target).click();
      return tab(await window, downloadDir);
    },
    audit: (state) => auditLight(page, state),
    async download(target) {
      if (!downloadDir) throw new Error('start Firefox with a downloadDir to download');
      const before = new Set(await readdir(downloadDir));
      await locate(page, target).click();
      // Firefox writes a .part file first; the download is there once a new file has its own name.
      const saved = async () => (await readdir(downloadDir)).find((f) => !before.has(f) && !f.endsWith('.part'));
      await expect.poll(saved).toBeDefined();
      return path.join(downloadDir, (await saved())!);
    },
    // BiDi's input.setFiles does not reach an add-on page's file input, so the file is handed over as a person's drop
    // would be: a DataTransfer's files set on the input, then its input and change events. Playwright's setInputFiles,
    // over DevTools, likewise sets the files without the picker.
    async setFiles(target, file) {
      const handle = await locate(page, target).waitHandle();
      const bytes = (await readFile(file)).toString('base64');
      await handle.evaluate(
        (el, { name, bytes }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))], name));
          const input = el as HTMLInputElement;
          input.files = transfer.files;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        { name: path.basename(file), bytes },
      );
    },
    // Firefox's prompt is a panel of its own that WebDriver cannot reach; the start turned it off, so asking grants.
    async allowPermission({ ask, granted }) {
      await ask();
      await expect.poll(granted).toBe(true);
    },
    close: () => page.close(),
  };
}

function running(session: FirefoxSession, screen?: VirtualDisplay, downloadDir?: string): Running {
  // Keys reach only the active tab: saves from several tabs press one tab after another, never waiting for a save to finish.
  let keyboard: Promise<unknown> = Promise.resolve();
  const onScreen = () => {
    if (!screen) throw new Error('start Firefox with uses: { shortcuts: true } or { toolbarPopup: true }: both need it on a screen');
    return screen;
  };
  const popups = firefoxPopup(() => session, onScreen);
  const site = (page: Page): Site => ({
    ...tab(page),
    goto: async (url) => void (await page.goto(url)),
    inFrames: (fn) =>
      Promise.all(
        page
          .frames()
          .filter((frame) => frame !== page.mainFrame())
          .map((frame) => frame.evaluate(fn)),
      ),
    toolbarPopup: async () => tab(await popups.popOutOver(page)),
    shortcut: (keys) => popups.press(page, keys),
    async saveFromMenu() {
      const form = nextExtensionWindow(session.browser);
      // The Menu key, then up from the top to the menu's last item, the add-on's.
      const keys = onScreen();
      await openMenuOn(keys, page);
      keys.pressHere('Up');
      keys.pressHere('Return');
      return tab(await form);
    },
  });
  return withPopup({
    profileDir: session.profileDir,
    site: async (url, html, others) => site(await popups.open(url, html, others)),
    extensionPage: async (path, size) => tab(await session.openExtensionPage(path, size), downloadDir),
    async webmail(id, html): Promise<WebmailTab> {
      const page = await openWebmail(session, id, html);
      const webmail: WebmailTab = {
        ...tab(page),
        async save() {
          await page.waitForSelector('tokenkeep-banner');
          const turn = keyboard.then(() => saveWithKeyboard(page));
          keyboard = turn.catch(() => undefined);
          await turn;
        },
        // Firefox's save is the keyboard's already: BiDi cannot see into the banner's closed shadow root to click Save.
        saveWithKeyboard: () => webmail.save(),
        tabToBanner: () => tabToBanner(page),
        // A web page reloads as it should; only the add-on's own pages never report their load over BiDi.
        reload: async () => void (await page.reload()),
        async dismiss() {
          await page.waitForSelector('tokenkeep-banner');
          await tabToBanner(page);
          await page.keyboard.press('Escape');
          await page.waitForSelector('tokenkeep-banner', { hidden: true });
        },
      };
      return webmail;
    },
    clipboard: () => readClipboard(() => session.browser.newPage()),
    async close() {
      await session.close();
      await screen?.close();
    },
  });
}

export const firefoxDriver: Driver = {
  name: 'firefox',
  syncName: 'Firefox',
  // Firefox keeps storage.sync in this database, synced or not.
  syncStorage: (profileDir) => ({ dir: profileDir, files: /^storage-sync/ }),
  async start(options = {}) {
    // Firefox handles extension shortcuts in its own window, before any page; the toolbar popup is opened by one.
    const screen = options.uses?.shortcuts || options.uses?.toolbarPopup ? await startDisplay() : undefined;
    try {
      const session = await startFirefox({
        ...(options.profileDir ? { profileDir: options.profileDir } : {}),
        ...(options.downloadDir ? { downloadDir: options.downloadDir } : {}),
        ...(screen ? { headless: false, env: { DISPLAY: screen.display } } : {}),
        prefs: {
          ...(options.uses?.permissionPrompts ? FIREFOX_GRANTS_PERMISSIONS : {}),
          ...(options.standIn ? firefoxProxyPrefs(options.standIn.proxy) : {}),
        },
        // The stand-in's certificate is signed by a test authority Firefox does not know: WebDriver's acceptInsecureCerts takes it.
        acceptInsecureCerts: !!options.standIn,
      });
      return running(session, screen, options.downloadDir);
    } catch (err) {
      await screen?.close();
      throw err;
    }
  },
};
