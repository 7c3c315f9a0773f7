/**
 * The terminal bridge in Chromium, end to end: the real host installed with
 * `tokenkeep install` into the profile's NativeMessagingHosts folder, started
 * by the browser over native messaging once the user turns it on (and allows
 * the permission in Chrome's own prompt), and the real CLI asking it, with
 * each request answered in the consent window.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import { allowInChromePrompt } from '../support/chrome-prompt';
import { salesforceAccount } from '../support/accounts';
import { E2E_PASSPHRASE, setupVaultChromium } from '../support/flows';
import { startChromium } from '../support/launch';
import { requestIn } from '../support/sync';
import { installHost, terminalHome, tokenkeep, type TerminalHome } from '../support/terminal';
import { ACME_HOST, startLiveSite, type LiveSite } from '../support/live-site';
import { terminalScenarios, type ConsentWindow, type TerminalDriver } from '../support/terminal-scenarios';

let screen: VirtualDisplay;
let home: TerminalHome;
let profileDir: string;
let session: ChromiumSession;
let options: Page;
let request: (message: unknown) => Promise<any>;
let live: LiveSite;

beforeAll(async () => {
  home = await terminalHome();
  profileDir = await mkdtemp(path.join(os.tmpdir(), 'tokenkeep-chromium-'));
  installHost(home, 'chromium', profileDir);
  screen = await startDisplay();
  live = await startLiveSite();
  // Visible on the virtual screen: the permission prompt is Chrome's own window, answered with the keyboard.
  // Salesforce's hosts go to the stand-in, through its proxy, whose certificate Chromium takes by its key.
  session = await startChromium({
    profileDir,
    headless: false,
    env: { DISPLAY: screen.display, ...home.env },
    args: [`--proxy-server=http://${live.proxy}`, `--ignore-certificate-errors-spki-list=${live.spki}`],
  });
  await setupVaultChromium(session, E2E_PASSPHRASE);
  options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
  request = requestIn((fn, arg) => options.evaluate(fn as never, arg) as never);
  await request({ type: 'account.save', account: salesforceAccount() });
});

afterAll(async () => {
  await session?.close();
  await screen?.close();
  await live?.close();
  await rm(profileDir, { recursive: true, force: true });
  await home?.remove();
});

/** Ticks the option and answers Chrome's permission prompt with the keyboard. */
async function allowNativeMessaging() {
  const checkbox = options.getByLabel('Let the tokenkeep command ask for accounts');
  await allowInChromePrompt(screen, options, {
    ask: () => checkbox.click(),
    granted: () => options.evaluate(() => chrome.permissions.contains({ permissions: ['nativeMessaging'] })),
    askAgain: async () => {
      if (await options.getByText('did not allow').isVisible()) await checkbox.click();
    },
  });
}

/** The consent window as a Playwright page. */
function consentWindow(page: Page): ConsentWindow {
  return {
    text: () => page.locator('main').innerText(),
    async answer(name) {
      const closed = page.waitForEvent('close');
      // The click's own wait may find the page already gone.
      await page
        .getByRole('button', { name })
        .click()
        .catch((err: Error) => {
          if (!page.isClosed()) throw err;
        });
      await closed;
    },
    chooseMinutes: async (minutes) => void (await page.getByLabel('Minutes to allow').selectOption(String(minutes))),
    pick: (account) => page.getByRole('radio', { name: new RegExp(`^${account}\\b`) }).check(),
    close: () => page.close(),
    async allowWithHosts() {
      const closed = page.waitForEvent('close');
      const allow = () => page.getByRole('button', { name: 'Allow once' }).click();
      await page.getByRole('button', { name: 'Allow once' }).and(page.locator(':not([disabled])')).waitFor();
      await allowInChromePrompt(screen, page, {
        ask: allow,
        granted: () => options.evaluate((o) => chrome.permissions.contains({ origins: [`${o}/*`] }), `https://${ACME_HOST}`),
        askAgain: async () => {
          if (!page.isClosed() && (await page.getByText('may not reach').isVisible())) await allow();
        },
      });
      await closed;
    },
  };
}

const driver = (): TerminalDriver => ({
  home,
  request,
  live,
  async asked(args, env) {
    const opened = session.context.waitForEvent('page', (p) => p.url().includes('consent.html'));
    const run = tokenkeep(home, args, env);
    const page = await opened;
    await page.getByRole('button', { name: /^(Deny|Close)$/ }).waitFor();
    return { run, consent: consentWindow(page) };
  },
});

describe('terminal bridge in Chromium', () => {
  it('terminal: turning it on asks Chrome for the permission, and the host starts on a private socket once Chrome starts the worker again, still unlocked', async () => {
    await allowNativeMessaging();
    // The running service worker gets the native-messaging API only when it starts again; an alarm will start one.
    await options.getByText('Tokenkeep stays unlocked meanwhile').waitFor();
    expect(await options.evaluate(() => chrome.alarms.get('tokenkeep-bridge'))).toMatchObject({ periodInMinutes: 0.5 });
    // Chrome stops an idle worker; DevTools, attached here, keeps it from idling, so the test stops it as Chrome would.
    const cdp = await session.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    // Any event starts the next worker (the alarm within 30 s; here, a request, to spare the wait), and it connects.
    expect((await request({ type: 'vault.status' })).state).toBe('unlocked');
    await options.getByText('On: the tokenkeep command can reach this browser.').waitFor();
    expect(await options.evaluate(() => chrome.alarms.get('tokenkeep-bridge'))).toBeUndefined();
    expect((await stat(home.socket)).mode & 0o777).toBe(0o600);
    expect((await stat(home.socketDir)).mode & 0o777).toBe(0o700);
  });

  terminalScenarios(driver);
});
