/**
 * Firefox's own side of the keyboard commands (the rest is shared with
 * Chromium in ../shared/keyboard.test.ts): the toolbar popup a command opens,
 * read from another page of the add-on, and the notification that tells a
 * command has decided to fill nothing, which Firefox alone lets a test hear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { startFirefox } from '../support/launch';
import { setupVaultFirefox } from '../support/flows';
import { form, VALUES_SCRIPT } from '../support/forms';
import { salesforceAccount, sandboxAccount } from '../support/accounts';
import { firefoxPopup } from '../support/firefox-popup';

const ACCOUNT = salesforceAccount({ sites: ['https://login.salesforce.com', 'https://acme.my.salesforce.com', 'https://billing.acme.example'] });

let screen: VirtualDisplay;
let session: FirefoxSession;

beforeAll(async () => {
  screen = await startDisplay();
  // Visible, on the virtual screen: Firefox handles extension shortcuts in its own window, before any page.
  session = await startFirefox({ headless: false, env: { DISPLAY: screen.display } });
  await setupVaultFirefox(session);
  const page = await session.openExtensionPage('popup.html');
  expect(await page.evaluate((account) => chrome.runtime.sendMessage({ type: 'account.save', account }), ACCOUNT)).toMatchObject({ ok: true });
  await page.close();
});
afterAll(async () => {
  await session?.close();
  await screen?.close();
});

const { open, press } = firefoxPopup(
  () => session,
  () => screen,
);

/** An add-on page that hears the keyboard command's notifications, and the messages they carried. */
async function listenForNotices(): Promise<{ heard(): Promise<string[]>; close(): Promise<void> }> {
  const listener = await session.openExtensionPage('options.html');
  await listener.evaluate(() => {
    type Event = { addListener(f: (id: string) => void): void };
    const w = window as unknown as { heard: string[]; browser: { notifications: { onShown: Event; onClosed: Event } } };
    w.heard = [];
    // onShown is Firefox's own; onClosed too, in case the notification is gone before we look.
    w.browser.notifications.onShown.addListener((id) => w.heard.push(id));
    w.browser.notifications.onClosed.addListener((id) => w.heard.push(id));
  });
  return {
    heard: () => listener.evaluate(() => (window as unknown as { heard: string[] }).heard),
    close: () => listener.close(),
  };
}

describe('keyboard commands in Firefox', () => {
  it('with two sandboxes, Alt+Shift+L on the sandbox login fills nothing and opens the popup on them, its first Fill focused, which fills that one', async () => {
    const setup = await session.openExtensionPage('popup.html');
    const save = (account: unknown) =>
      setup.evaluate((a) => chrome.runtime.sendMessage({ type: 'account.save', account: a }), account as never) as Promise<{
        ok: boolean;
        data: { account: { id: string } };
      }>;
    const sandbox = (label: string, username: string, password: string) => sandboxAccount({ label, username, password });
    const uat = await save(sandbox('Acme UAT', 'integration@acme.com.uat', 'Uat-pa55!'));
    const qa = await save(sandbox('Acme QA', 'integration@acme.com.qa', 'Qa-pa55!'));
    const next = await open('https://test.salesforce.com/', form('salesforce-login.html'));
    const before = screen.windows('firefox');
    await press(next, 'alt+shift+l');
    await expect.poll(() => screen.windows('firefox').find((w) => !before.includes(w))).toBeDefined();
    // The toolbar popup, read from another page of the add-on: it says why it opened, and the first account's Fill has the keyboard.
    const inPopup = <T>(read: (doc: Document) => T) =>
      setup.evaluate((source) => {
        const [view] = (globalThis as unknown as { browser: { extension: { getViews(o: object): Window[] } } }).browser.extension.getViews({ type: 'popup' });
        return view ? (new Function('doc', `return (${source})(doc)`) as (d: Document) => T)(view.document) : undefined;
      }, read.toString()) as Promise<T | undefined>;
    await expect
      .poll(() => inPopup((doc) => doc.querySelector('.site-fill [role="status"]')?.textContent))
      .toBe('2 accounts fit this page: choose which to fill.');
    await expect.poll(() => inPopup((doc) => doc.activeElement?.getAttribute('aria-label'))).toBe('Fill Acme QA on test.salesforce.com');
    expect(await next.evaluate(VALUES_SCRIPT)).toMatchObject({ username: '', password: '' });
    // Keys typed on the virtual screen stay with the page's window here (the panel Firefox opens for a command does not take
    // the X server's focus), so the focused button is pressed as a click would.
    await inPopup((doc) => void (doc.activeElement as HTMLElement).click());
    await expect.poll(() => next.evaluate(VALUES_SCRIPT)).toMatchObject({ username: 'integration@acme.com.qa', password: 'Qa-pa55!' });
    for (const { data } of [uat, qa]) await setup.evaluate((id) => chrome.runtime.sendMessage({ type: 'account.delete', id }), data.account.id);
    await setup.close();
  });

  it('fills nothing on an unlisted site: the keyboard command only asks', async () => {
    const page = await open('https://phish.example/login', form('salesforce-login.html'));
    // The command answers with a notification once it has decided; a page of the add-on hears it.
    const notices = await listenForNotices();
    await press(page, 'alt+shift+l');
    await expect.poll(() => notices.heard()).toContain('tokenkeep-command');
    await notices.close();
    expect(await page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: '', password: '' });
  });

  it('Alt+Shift+L fills nothing into a 2FA code page or a payment form, on listed sites', async () => {
    for (const [url, file, fields] of [
      ['https://acme.my.salesforce.com/_ui/identity/verification/method/EmailVerificationFinishUi', 'twofa-code.html', ['emc']],
      ['https://billing.acme.example/checkout', 'payment-en.html', ['email', 'cardnumber', 'cc-exp', 'cvc', 'billing-name']],
    ] as const) {
      const page = await open(url, form(file));
      const notices = await listenForNotices();
      await press(page, 'alt+shift+l');
      // "No login form it may fill": the command has decided, and said so.
      await expect.poll(() => notices.heard()).toContain('tokenkeep-command');
      await notices.close();
      expect(await page.evaluate(VALUES_SCRIPT)).toMatchObject(Object.fromEntries(fields.map((f) => [f, ''])));
      await page.close();
    }
  });
});
