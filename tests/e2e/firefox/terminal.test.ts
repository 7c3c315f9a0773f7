/**
 * The terminal bridge in Firefox, end to end: the real host installed with
 * `tokenkeep install --browser firefox` into the test's own home (Firefox
 * reads ~/.mozilla/native-messaging-hosts), started by Firefox over native
 * messaging once the user turns it on, and the real CLI asking it, each
 * request answered in the consent window.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { salesforceAccount, TOKEN } from '../support/accounts';
import { E2E_PASSPHRASE, setupVaultFirefox } from '../support/flows';
import { quietPeriod, startFirefox } from '../support/launch';
import { extensionDir } from '../support/paths';
import { requestIn } from '../support/sync';
import {
  FIREFOX_GRANTS_PERMISSIONS,
  firefoxConsentWindow,
  installHost,
  terminalHome,
  tokenkeep,
  turnOnBridgeFirefox,
  type TerminalHome,
} from '../support/terminal';
import { terminalScenarios, type ConsentWindow, type TerminalDriver } from '../support/terminal-scenarios';
import { firefoxProxyPrefs } from '../support/proxy';
import { startLiveSite, type LiveSite } from '../support/live-site';

/** Firefox suspends an idle event page after this long here (30 s by default): the bridge must keep it awake. */
const IDLE_MS = 2000;

let home: TerminalHome;
let session: FirefoxSession;
let options: Page;
let request: (message: unknown) => Promise<any>;
let live: LiveSite;

beforeAll(async () => {
  // Installed by the first test, after it has turned the bridge on without it.
  home = await terminalHome();
  live = await startLiveSite();
  session = await startFirefox({
    env: home.env,
    // What the options page saves lands in the home's Downloads, as it would for the user.
    downloadDir: path.join(home.env.HOME, 'Downloads'),
    // Salesforce's hosts go to the stand-in, through its proxy; its test authority is taken by WebDriver's acceptInsecureCerts.
    prefs: { ...FIREFOX_GRANTS_PERMISSIONS, 'extensions.background.idle.timeout': IDLE_MS, ...firefoxProxyPrefs(live.proxy) },
    acceptInsecureCerts: true,
  });
  await setupVaultFirefox(session, E2E_PASSPHRASE);
  options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
  request = requestIn((fn, arg) => options.evaluate(fn as never, arg) as never);
  await request({ type: 'account.save', account: salesforceAccount() });
});

afterAll(async () => {
  await session?.close();
  await live?.close();
  await home?.remove();
});

/** The extension's windows of its own (consent windows) that are open. */
const extensionWindows = () =>
  options.evaluate(async () => (await (globalThis as unknown as { browser: typeof chrome }).browser.windows.getAll({ windowTypes: ['popup'] })).length);

/** The consent window as a puppeteer page. BiDi reports no close for a window the extension removes: the extension is asked. */
function consentWindow(page: Page): ConsentWindow {
  return {
    text: () => page.$eval('main', (el) => (el as HTMLElement).innerText),
    async answer(name) {
      // Allow is inert for a moment after the window shows; puppeteer's click does not wait for that.
      await page.waitForFunction((n) => [...document.querySelectorAll('button')].some((b) => b.textContent!.trim() === n && !b.disabled), {}, name);
      await page.click(`::-p-aria(${name})`).catch((err: Error) => {
        if (!page.isClosed()) throw err;
      });
      await expect.poll(extensionWindows).toBe(0);
    },
    chooseMinutes: async (minutes) => void (await page.select('select', String(minutes))),
    pick: (account) =>
      page.$$eval(
        'label.consent-option',
        (labels, a) => (labels.find((l) => l.querySelector('strong')!.textContent === a)!.querySelector('input') as HTMLInputElement).click(),
        account,
      ),
    async close() {
      await page.close();
      await expect.poll(extensionWindows).toBe(0);
    },
    // Firefox asks nothing here (its optional-permission prompts are off for the test): Allow grants the hosts.
    allowWithHosts() {
      return this.answer('Allow once');
    },
  };
}

const driver = (): TerminalDriver => ({
  home,
  request,
  live,
  async asked(args, env) {
    const opened = firefoxConsentWindow(session);
    const run = tokenkeep(home, args, env);
    return { run, consent: consentWindow(await opened) };
  },
});

describe('terminal bridge in Firefox', () => {
  it('terminal: turned on before tokenkeep install, it says to run it; after it, turned on again, the host starts on a private socket', async () => {
    const toggle = '::-p-aria(Let the tokenkeep command ask for accounts)';
    await options.click(toggle);
    await options.waitForFunction(() =>
      document.querySelector('#terminal [role="status"]')?.textContent?.includes('run tokenkeep install, then turn this on again'),
    );
    // The command the extension ships: saved from the options page, installed as the page says, needing only Node.
    await options.click('::-p-text(Save tokenkeep.mjs)');
    const saved = path.join(home.env.HOME, 'Downloads', 'tokenkeep.mjs');
    const shipped = await readFile(path.join(extensionDir('firefox'), 'tokenkeep.mjs'), 'utf8');
    await expect.poll(() => readFile(saved, 'utf8').catch(() => '')).toBe(shipped);
    installHost(home, 'firefox', undefined, saved);
    // The copy install made is what the browser starts, and what the tokenkeep command runs.
    expect(await readFile(path.join(home.env.XDG_DATA_HOME, 'tokenkeep', 'tokenkeep.mjs'), 'utf8')).toBe(await readFile(saved, 'utf8'));
    expect(await readFile(path.join(home.env.HOME, '.local', 'bin', 'tokenkeep'), 'utf8')).toContain(
      path.join(home.env.XDG_DATA_HOME, 'tokenkeep', 'tokenkeep.mjs'),
    );
    await options.click(toggle);
    await options.waitForFunction(() => !document.querySelector('#terminal [role="status"]'));
    await turnOnBridgeFirefox(options);
    expect(
      await options.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ permissions: ['nativeMessaging'] })),
    ).toBe(true);
    expect((await stat(home.socket)).mode & 0o777).toBe(0o600);
  });

  it('terminal: the bridge keeps answering after the background has been idle for longer than Firefox lets an idle one live', async () => {
    const started = Date.now();
    await new Promise((r) => setTimeout(r, quietPeriod(IDLE_MS)));
    expect(Date.now() - started).toBeGreaterThan(IDLE_MS);
    const { run, consent } = await driver().asked(['get', 'Acme prod', 'token']);
    await consent.answer('Allow once');
    expect(await run).toMatchObject({ code: 0, stdout: TOKEN });
  });

  terminalScenarios(driver);
});
