/**
 * Filling from the toolbar popup over a real page, in Chromium and in Firefox
 * alike: what is filled, where Tokenkeep asks first, and where it fills
 * nothing and says why. One browser for the file; each scenario on hosts of
 * its own, so what one remembers cannot answer another's question.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { salesforceAccount, TOKEN } from '../support/accounts';
import type { Running, Site, Tab } from '../support/driver';
import { driver } from '../support/drivers';
import { form, FORM_CLASS_SITES, UNSEEN_TOKEN_CASES, VALUES_SCRIPT, withReactLikeInput } from '../support/forms';
import { quietPeriod } from '../support/launch';
import { saveAccounts, setUpVault } from '../support/steps';

// Listed beyond the defaults: a connector's site (where no Salesforce rule decides the token question), a billing site, and one
// site each for the forms that once failed (a card number above the login, two logins under Register, a password of 6 digits).
const ACCOUNT = salesforceAccount({
  sites: [...salesforceAccount().sites, 'https://datasync.example', 'https://etl.acme.example', 'https://billing.acme.example', ...FORM_CLASS_SITES],
});

const browser = await driver();
let b: Running;
let open: Array<Tab> = [];

beforeAll(async () => {
  b = await browser.start({ uses: { toolbarPopup: true } });
  const popup = await setUpVault(b);
  await saveAccounts(popup, [ACCOUNT]);
  await popup.close();
});
afterAll(() => b?.close());
// A popped-out popup left open would be the window in front for the next scenario's page.
afterEach(async () => {
  for (const tab of open.reverse()) await tab.close().catch(() => undefined);
  open = [];
});

const values = (page: Site) => page.evaluate(VALUES_SCRIPT, undefined);
const fillButton = (url: string) => ({ role: 'button', name: `Fill Acme prod on ${new URL(url).host}` }) as const;
const NO_FILL_BUTTON = 'button[aria-label^="Fill Acme prod on "]';

/** Opens `html` at `url`, and Tokenkeep's toolbar popup over it. */
async function openWithPopup(url: string, html: string, others?: Record<string, string>): Promise<{ page: Site; popup: Tab }> {
  const page = await b.site(url, html, others);
  open.push(page);
  const popup = await page.toolbarPopup();
  open.push(popup);
  return { page, popup };
}

/** Opens `html` at `url` under the popup, and chooses "Fill on <host>" from the account's menu. */
async function fillOnFromMenu(url: string, html: string): Promise<{ page: Site; popup: Tab }> {
  const opened = await openWithPopup(url, html);
  await opened.popup.click({ role: 'button', name: 'More for Acme prod' });
  await opened.popup.click({ role: 'menuitem', name: `Fill on ${new URL(url).host}` });
  return opened;
}

describe(`autofill in ${browser.name}`, () => {
  it('fills the Salesforce login from the popup: username and password, no token on Salesforce itself', async () => {
    const url = 'https://login.salesforce.com/?locale=uk';
    const { page, popup } = await openWithPopup(url, form('salesforce-login.html'));
    await popup.waitFor(fillButton(url));
    await popup.audit('fill: accounts of this site');
    await popup.click(fillButton(url));
    await expect.poll(() => values(page)).toMatchObject({ username: 'integration@acme.com', password: 'Pa55-word!' });
  });

  it('asks before filling on a new site, then fills the separate token field; a React-controlled input sees typing', async () => {
    const url = 'https://apps.jitterbit.example/connections/new';
    const { page, popup } = await openWithPopup(url, withReactLikeInput(form('jitterbit-connection.html'), 'conn-user'));
    await popup.click({ role: 'button', name: 'More for Acme prod' });
    await popup.waitFor({ role: 'menuitem', name: 'Fill on apps.jitterbit.example' });
    // Not one of the account's sites: the popup knows the page (its menu names it), yet offers no Fill until the user says so.
    expect(await popup.count(NO_FILL_BUTTON)).toBe(0);
    await popup.click({ role: 'menuitem', name: 'Fill on apps.jitterbit.example' });
    await popup.waitFor({ text: 'Fill Acme prod on https://apps.jitterbit.example and remember it?' });
    await popup.audit('fill: new site question');
    expect(await values(page)).toMatchObject({ 'conn-user': '', 'conn-pass': '', 'conn-token': '' });
    await popup.click({ role: 'button', name: 'Fill and remember' });
    await expect
      .poll(() => values(page))
      .toMatchObject({ 'conn-host': 'https://login.salesforce.com', 'conn-user': 'integration@acme.com', 'conn-pass': 'Pa55-word!', 'conn-token': TOKEN });
    const seen = await page.evaluate(() => (window as unknown as { seen: { events: string[]; state: string } }).seen, undefined);
    expect(seen.state).toBe('integration@acme.com');
    // Focus and blur reach a page only in the window that has the system's focus, which the popped-out popup holds in Firefox.
    expect(seen.events.filter((e) => e !== 'focus' && e !== 'blur')).toEqual(['keydown', 'input', 'keyup', 'change']);
    // The site was remembered: the popup, opened again over the page, offers Fill there directly.
    await popup.close();
    const again = await page.toolbarPopup();
    open.push(again);
    await again.waitFor(fillButton(url));
  });

  it('asks whether the token goes with the password where the form has no token field, and remembers the answer', async () => {
    const url = 'https://workbench.developerforce.example/login.php';
    const first = await fillOnFromMenu(url, form('workbench-login.html'));
    await first.popup.click({ role: 'button', name: 'Fill and remember' });
    await first.popup.waitFor({ text: 'has no field for the security token' });
    await first.popup.audit('fill: token question');
    await first.popup.click({ role: 'button', name: 'Password + token' });
    await expect.poll(() => values(first.page)).toMatchObject({ un: 'integration@acme.com', pw: `Pa55-word!${TOKEN}` });
    await first.popup.close();
    await first.page.close();

    const { page, popup } = await openWithPopup(url, form('workbench-login.html'));
    await popup.click(fillButton(url));
    await expect.poll(() => values(page)).toMatchObject({ pw: `Pa55-word!${TOKEN}` });
    expect(await popup.count('[role="alertdialog"]')).toBe(0);
  });

  it('fills the login beside a card number, the first of two logins under a Register button, and nothing into a password field that takes 6 digits, saying why', async () => {
    const fillWith = async (url: string, file: string, mode: 'Password only' | 'Password + token') => {
      const opened = await openWithPopup(url, form(file));
      await opened.popup.click(fillButton(url));
      await opened.popup.click({ role: 'button', name: mode });
      return opened;
    };
    const card = await fillWith('https://portal.acme.example/login', 'card-then-login.html', 'Password only');
    await expect.poll(() => values(card.page)).toEqual({ cc: '', u: 'integration@acme.com', p: 'Pa55-word!' });
    await card.popup.waitFor({ text: 'Left out the field with label "Card number": it is a payment card field.' });
    await card.popup.close();

    const orgs = await fillWith('https://pipelines.acme.example/new', 'two-orgs-register.html', 'Password only');
    await expect.poll(() => values(orgs.page)).toEqual({ 's-user': 'integration@acme.com', 's-pass': 'Pa55-word!', 't-user': '', 't-pass': '' });
    await orgs.popup.close();

    const pin = await fillWith('https://pin.acme.example/login', 'constrained-password.html', 'Password + token');
    await pin.popup.waitFor({ text: 'The password + token does not fit the password field, which takes at most 6 characters. Nothing was filled.' });
    expect(await values(pin.page)).toEqual({ user: '', pin: '' });
  });

  it('fills the page itself but never a cross-origin iframe, nor a sandboxed one, on a listed site', async () => {
    const login = form('salesforce-login.html');
    const top = login.replace(
      '</body>',
      `<iframe id="cross" src="https://evil.example/login"></iframe>
      <iframe id="sandboxed" sandbox="allow-scripts allow-forms" srcdoc="${login.replace(/"/g, '&quot;')}"></iframe></body>`,
    );
    const url = 'https://acme.my.salesforce.com/portal';
    const { page, popup } = await openWithPopup(url, top, { 'https://evil.example': login });
    // Both frames are there, each with its login form, before anything is filled.
    await expect.poll(async () => (await page.inFrames(VALUES_SCRIPT)).filter((v) => 'username' in v)).toHaveLength(2);
    await popup.click(fillButton(url));
    // The page's own form shows the fill ran; the frames stay empty.
    await expect.poll(() => values(page)).toMatchObject({ username: 'integration@acme.com', password: 'Pa55-word!' });
    for (const frame of await page.inFrames(VALUES_SCRIPT)) expect(frame).toMatchObject({ username: '', password: '' });
  });

  it('fills nothing on an unlisted site when the user does not confirm it', async () => {
    const { page, popup } = await openWithPopup('https://phish.example/login', form('salesforce-login.html'));
    await popup.click({ role: 'button', name: 'More for Acme prod' });
    // The round trip that asks the question is most of what a fill would take.
    const asked = Date.now();
    await popup.click({ role: 'menuitem', name: 'Fill on phish.example' });
    await popup.waitFor({ role: 'button', name: 'Cancel' });
    const askMs = Date.now() - asked;
    await popup.click({ role: 'button', name: 'Cancel' });
    await popup.waitUntil(() => !document.querySelector('[role="alertdialog"]'));
    await new Promise((r) => setTimeout(r, quietPeriod(askMs)));
    expect(await values(page)).toMatchObject({ username: '', password: '' });
    // Nor was the site remembered: asking again asks the same question.
    await popup.click({ role: 'button', name: 'More for Acme prod' });
    await popup.click({ role: 'menuitem', name: 'Fill on phish.example' });
    await popup.waitFor({ text: 'Fill Acme prod on https://phish.example and remember it?' });
  });

  it.each(UNSEEN_TOKEN_CASES)(
    'leaves a token field that %s empty, and asks whether the token goes with the password',
    async (_how, url, html, [user, pass, token]) => {
      const { page, popup } = await openWithPopup(url, html);
      await popup.click(fillButton(url));
      // The unseen field does not count as the form's token field, so the question is asked.
      await popup.waitFor({ text: 'has no field for the security token' });
      await popup.click({ role: 'button', name: 'Password only' });
      await expect.poll(() => values(page)).toMatchObject({ [user]: 'integration@acme.com', [pass]: 'Pa55-word!' });
      expect(await values(page)).toMatchObject({ [token]: '' });
    },
  );

  it('fills nothing into a 2FA code page or a payment form, on listed sites', async () => {
    for (const [url, file, fields] of [
      ['https://acme.my.salesforce.com/_ui/identity/verification/method/EmailVerificationFinishUi', 'twofa-code.html', ['emc']],
      ['https://billing.acme.example/checkout', 'payment-en.html', ['email', 'cardnumber', 'cc-exp', 'cvc', 'billing-name']],
    ] as const) {
      const { page, popup } = await openWithPopup(url, form(file));
      await popup.click(fillButton(url));
      await popup.waitFor({ text: `Tokenkeep found no login form it may fill on ${new URL(url).host}.` });
      expect(await values(page)).toMatchObject(Object.fromEntries(fields.map((f) => [f, ''])));
      await popup.close();
      await page.close();
    }
  });

  it('fills nothing when the page navigates between the question and "Fill and remember", and remembers nothing', async () => {
    const { page, popup } = await fillOnFromMenu('https://tools.unlisted.example/connections/new', form('jitterbit-connection.html'));
    await popup.waitFor({ text: 'Fill Acme prod on https://tools.unlisted.example and remember it?' });
    // Another page of the same site, with the same form, comes while the question is open.
    await page.goto('https://tools.unlisted.example/connections/other');
    await page.waitFor('#conn-user');
    await popup.click({ role: 'button', name: 'Fill and remember' });
    await popup.waitFor({ text: 'nothing was filled' });
    expect(await values(page)).toMatchObject({ 'conn-user': '', 'conn-pass': '', 'conn-token': '' });
    await popup.close();
    const again = await page.toolbarPopup();
    open.push(again);
    await again.click({ role: 'button', name: 'More for Acme prod' });
    await again.waitFor({ role: 'menuitem', name: 'Fill on tools.unlisted.example' });
    expect(await again.count(NO_FILL_BUTTON)).toBe(0);
  });

  it('refuses a plain http:// page, and says why', async () => {
    const { page, popup } = await fillOnFromMenu('http://intranet.acme.example/login', form('salesforce-login.html'));
    await popup.waitFor({
      text: 'Tokenkeep fills only https:// pages: intranet.acme.example is plain http, where what is filled travels in the clear.',
    });
    expect(await popup.count('[role="alertdialog"]')).toBe(0);
    expect(await values(page)).toMatchObject({ username: '', password: '' });
  });

  it("asks before filling another org's My Domain, though the account lists its own", async () => {
    const { page, popup } = await fillOnFromMenu('https://freeorg-dev-ed.my.salesforce.com/', form('salesforce-login.html'));
    expect(await popup.count(NO_FILL_BUTTON)).toBe(0);
    await popup.waitFor({ text: 'Fill Acme prod on https://freeorg-dev-ed.my.salesforce.com and remember it?' });
    expect(await values(page)).toMatchObject({ username: '', password: '' });
  });
});
