import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { startFirefox } from '../support/launch';
import { setupVaultFirefox } from '../support/flows';
import { form, FORM_CLASS_SITES, UNSEEN_TOKEN_CASES, VALUES_SCRIPT, withReactLikeInput } from '../support/forms';
import { salesforceAccount, TOKEN } from '../support/accounts';
import { firefoxPopup } from '../support/firefox-popup';

const ACCOUNT = salesforceAccount({
  sites: [
    'https://login.salesforce.com',
    'https://acme.my.salesforce.com',
    'https://apps.jitterbit.example',
    'https://datasync.example',
    'https://etl.acme.example',
    'https://billing.acme.example',
    ...FORM_CLASS_SITES,
  ],
});

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

const { open, press, popOutOver } = firefoxPopup(
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

/** Opens `html` at `url`, and in the popped-out popup chooses "Fill on <host>" from the account's menu. */
async function fillOnFromMenu(url: string, html: string): Promise<{ page: Page; popup: Page }> {
  const page = await open(url, html);
  const popup = await popOutOver(page);
  await popup.click('button[aria-label="More for Acme prod"]');
  await popup.click(`[role="menuitem"] ::-p-text(Fill on ${new URL(url).host})`);
  return { page, popup };
}

describe('autofill in Firefox', () => {
  it('has every shortcut assigned', async () => {
    const page = await session.openExtensionPage('popup.html');
    const commands = (await page.evaluate(() => chrome.commands.getAll())) as Array<{ name: string; shortcut: string }>;
    await page.close();
    expect(Object.fromEntries(commands.map((c) => [c.name, c.shortcut]))).toEqual({
      _execute_action: 'Alt+Shift+K',
      'copy-for-site': 'Alt+Shift+Y',
      'fill-for-site': 'Alt+Shift+L',
    });
  });

  it('Alt+Shift+L fills the Salesforce login', async () => {
    const page = await open('https://login.salesforce.com/', form('salesforce-login.html'));
    await press(page, 'alt+shift+l');
    await expect.poll(() => page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: 'integration@acme.com', password: 'Pa55-word!' });
  });

  it('on the sandbox login page, Alt+Shift+L fills the sandbox account, never production; with two sandboxes it fills nothing and opens the popup on them, its first Fill focused, which fills that one', async () => {
    const setup = await session.openExtensionPage('popup.html');
    const save = (account: unknown) =>
      setup.evaluate((a) => chrome.runtime.sendMessage({ type: 'account.save', account: a }), account as never) as Promise<{
        ok: boolean;
        data: { account: { id: string } };
      }>;
    const sandbox = (label: string, username: string, password: string) =>
      salesforceAccount({
        label,
        username,
        password,
        token: 'Uat4Ab7Cd0Ef3Gh6Ij9Kl2M',
        environment: 'sandbox',
        loginUrl: 'https://test.salesforce.com',
        sites: undefined,
      });
    const uat = await save(sandbox('Acme UAT', 'integration@acme.com.uat', 'Uat-pa55!'));
    const page = await open('https://test.salesforce.com/', form('salesforce-login.html'));
    await press(page, 'alt+shift+l');
    await expect.poll(() => page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: 'integration@acme.com.uat', password: 'Uat-pa55!' });

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

  it('fills from the popup: username, password and the separate token field, which a React-controlled input notices', async () => {
    const page = await open('https://apps.jitterbit.example/connections/new', withReactLikeInput(form('jitterbit-connection.html'), 'conn-user'));
    const popup = await popOutOver(page);
    await popup.waitForSelector('button[aria-label="Fill Acme prod on apps.jitterbit.example"]');
    await popup.click('button[aria-label="Fill Acme prod on apps.jitterbit.example"]');
    await expect
      .poll(() => page.evaluate(VALUES_SCRIPT))
      .toMatchObject({ 'conn-user': 'integration@acme.com', 'conn-pass': 'Pa55-word!', 'conn-token': TOKEN });
    expect(await page.evaluate(() => (window as unknown as { seen: unknown }).seen)).toMatchObject({ state: 'integration@acme.com' });
    // A popped-out window has no toolbar: left open, it would take the next shortcut meant for the browser window.
    await popup.close();
  });

  it('fills the page itself but never a cross-origin iframe, nor a sandboxed one, on a listed site', async () => {
    const login = form('salesforce-login.html');
    const top = login.replace(
      '</body>',
      `<iframe id="cross" src="https://evil.example/login"></iframe>
      <iframe id="sandboxed" sandbox="allow-scripts allow-forms" srcdoc="${login.replace(/"/g, '&quot;')}"></iframe></body>`,
    );
    const page = await open('https://login.salesforce.com/', top, { 'https://evil.example': login });
    await page.waitForFrame((f) => f.url().startsWith('https://evil.example'));
    await press(page, 'alt+shift+l');
    // The page's own form shows the command ran; the frames stay empty.
    await expect.poll(() => page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: 'integration@acme.com', password: 'Pa55-word!' });
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(2);
    for (const frame of frames) expect(await frame.evaluate(VALUES_SCRIPT)).toMatchObject({ username: '', password: '' });
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

  // Each on a host of its own: the popped-out window names it once it follows this tab.
  it.each(UNSEEN_TOKEN_CASES)(
    'leaves a token field that %s empty, and asks whether the token goes with the password',
    async (_how, url, html, [user, pass, token]) => {
      const page = await open(url, html);
      const popup = await popOutOver(page);
      await popup.click(`button[aria-label="Fill Acme prod on ${new URL(url).host}"]`);
      await popup.waitForSelector('[role="alertdialog"] ::-p-text(has no field for the security token)');
      await popup.click('[role="alertdialog"] button ::-p-text(Password only)');
      await expect.poll(() => page.evaluate(VALUES_SCRIPT)).toMatchObject({ [user]: 'integration@acme.com', [pass]: 'Pa55-word!' });
      expect(await page.evaluate(VALUES_SCRIPT)).toMatchObject({ [token]: '' });
      await popup.close();
      await page.close();
    },
  );

  it('fills the login beside a card number, the first of two logins under a Register button, and nothing into a password field that takes 6 digits, saying why', async () => {
    const fillWith = async (url: string, file: string, mode: 'Password only' | 'Password + token') => {
      const page = await open(url, form(file));
      const popup = await popOutOver(page);
      await popup.click(`button[aria-label="Fill Acme prod on ${new URL(url).host}"]`);
      await (await popup.waitForSelector(`[role="alertdialog"] button ::-p-text(${mode})`))!.click();
      return { page, popup };
    };
    const card = await fillWith('https://portal.acme.example/login', 'card-then-login.html', 'Password only');
    await expect.poll(() => card.page.evaluate(VALUES_SCRIPT)).toEqual({ cc: '', u: 'integration@acme.com', p: 'Pa55-word!' });
    await card.popup.waitForSelector('[role="status"] ::-p-text(Left out the field with label "Card number": it is a payment card field.)');
    await card.popup.close();

    const orgs = await fillWith('https://pipelines.acme.example/new', 'two-orgs-register.html', 'Password only');
    await expect
      .poll(() => orgs.page.evaluate(VALUES_SCRIPT))
      .toEqual({ 's-user': 'integration@acme.com', 's-pass': 'Pa55-word!', 't-user': '', 't-pass': '' });
    await orgs.popup.close();

    const pin = await fillWith('https://pin.acme.example/login', 'constrained-password.html', 'Password + token');
    await pin.popup.waitForSelector(
      '[role="status"] ::-p-text(The password + token does not fit the password field, which takes at most 6 characters. Nothing was filled.)',
    );
    expect(await pin.page.evaluate(VALUES_SCRIPT)).toEqual({ user: '', pin: '' });
    await pin.popup.close();
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

  it('fills nothing when the page navigates between the question and "Fill and remember", and remembers nothing', async () => {
    const { page, popup } = await fillOnFromMenu('https://tools.unlisted.example/connections/new', form('jitterbit-connection.html'));
    await popup.waitForSelector('[role="alertdialog"] ::-p-text(Fill Acme prod on https://tools.unlisted.example and remember it?)');
    // Another page of the same site, with the same form, comes while the question is open.
    await page.goto('https://tools.unlisted.example/connections/other');
    await page.waitForSelector('#conn-user');
    await popup.bringToFront();
    await popup.click('[role="alertdialog"] button ::-p-text(Fill and remember)');
    await popup.waitForSelector('[role="status"] ::-p-text(nothing was filled)');
    expect(await page.evaluate(VALUES_SCRIPT)).toMatchObject({ 'conn-user': '', 'conn-pass': '', 'conn-token': '' });
    expect(await popup.$('button[aria-label="Fill Acme prod on tools.unlisted.example"]')).toBeNull();
    await popup.close();
    await page.close();
  });

  it('refuses a plain http:// page, and says why', async () => {
    const { page, popup } = await fillOnFromMenu('http://intranet.acme.example/login', form('salesforce-login.html'));
    await popup.waitForSelector('[role="status"] ::-p-text(Tokenkeep fills only https:// pages: intranet.acme.example is plain http)');
    expect(await page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: '', password: '' });
    await popup.close();
  });

  it("asks before filling another org's My Domain, though the account lists its own", async () => {
    const { page, popup } = await fillOnFromMenu('https://freeorg-dev-ed.my.salesforce.com/', form('salesforce-login.html'));
    expect(await popup.$('button[aria-label^="Fill Acme prod on"]')).toBeNull();
    await popup.waitForSelector('[role="alertdialog"] ::-p-text(Fill Acme prod on https://freeorg-dev-ed.my.salesforce.com and remember it?)');
    expect(await page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: '', password: '' });
    await popup.close();
  });
});
