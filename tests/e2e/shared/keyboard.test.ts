/**
 * The browser's own keyboard shortcuts, pressed through the X server on a
 * virtual screen as a user's keys are, in Chromium and in Firefox alike:
 * which shortcuts exist, and what Alt+Shift+L and Alt+Shift+Y do on a
 * Salesforce login page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountNamed, salesforceAccount, sandboxAccount, TOKEN } from '../support/accounts';
import type { Running, Site } from '../support/driver';
import { driver } from '../support/drivers';
import { form, VALUES_SCRIPT } from '../support/forms';
import { requestOk, saveAccounts, setUpVault } from '../support/steps';

const ACCOUNT = salesforceAccount({ sites: ['https://login.salesforce.com', 'https://acme.my.salesforce.com'] });
const SANDBOX = sandboxAccount();

const browser = await driver();
let b: Running;
let pages: Site[] = [];

beforeAll(async () => {
  b = await browser.start({ uses: { shortcuts: true } });
  const popup = await setUpVault(b);
  await saveAccounts(popup, [ACCOUNT, SANDBOX]);
  await popup.close();
});
afterAll(() => b?.close());
afterEach(async () => {
  for (const page of pages) await page.close().catch(() => undefined);
  pages = [];
});

async function open(url: string, html: string | ((u: URL) => string)): Promise<Site> {
  const page = await b.site(url, html);
  pages.push(page);
  return page;
}

const values = (page: Site) => page.evaluate(VALUES_SCRIPT, undefined);

describe(`keyboard shortcuts in ${browser.name}`, () => {
  it('has every shortcut assigned: none clashes with the browser', async () => {
    const page = await b.extensionPage('popup.html');
    const commands = await page.evaluate(() => chrome.commands.getAll(), undefined);
    await page.close();
    expect(Object.fromEntries(commands.map((c) => [c.name, c.shortcut]))).toEqual({
      _execute_action: 'Alt+Shift+K',
      'copy-for-site': 'Alt+Shift+Y',
      'fill-for-site': 'Alt+Shift+L',
    });
  });

  it('Alt+Shift+L fills the Salesforce login with the account of the site', async () => {
    const page = await open('https://login.salesforce.com/', form('salesforce-login.html'));
    await page.shortcut('alt+shift+l');
    await expect.poll(() => values(page)).toMatchObject({ username: 'integration@acme.com', password: 'Pa55-word!' });
  });

  it('fills a two-step login one step at a time, with the same account (My Domain: the password alone)', async () => {
    const page = await open('https://acme.my.salesforce.com/identify', (u) => form(u.pathname === '/verify' ? 'step2-password.html' : 'step1-username.html'));
    await page.shortcut('alt+shift+l');
    await expect.poll(() => values(page)).toMatchObject({ identifier: 'integration@acme.com' });
    await page.goto('https://acme.my.salesforce.com/verify');
    await page.shortcut('alt+shift+l');
    await expect.poll(() => values(page)).toMatchObject({ current: 'Pa55-word!' });
  });

  it('Alt+Shift+Y copies password + token for the site', async () => {
    const page = await open('https://login.salesforce.com/', form('salesforce-login.html'));
    await page.shortcut('alt+shift+y');
    await expect.poll(() => b.clipboard()).toBe(`Pa55-word!${TOKEN}`);
  });

  it('on the sandbox login page, Alt+Shift+L fills the sandbox account and Alt+Shift+Y copies its password + token, never production', async () => {
    const page = await open('https://test.salesforce.com/', form('salesforce-login.html'));
    await page.shortcut('alt+shift+l');
    await expect.poll(() => values(page)).toMatchObject({ username: 'integration@acme.com.uat', password: 'Uat-pa55!' });
    await page.shortcut('alt+shift+y');
    await expect.poll(() => b.clipboard()).toBe('Uat-pa55!Uat4Ab7Cd0Ef3Gh6Ij9Kl2M');
  });

  it('"Save to Tokenkeep…" in the context menu of a password field opens the add form with its value, kind recognised and the page recorded', async () => {
    const key = `ghp_${'Sv7x'.repeat(9)}`;
    const page = await open(
      'https://apps.example/settings/tokens',
      `<!doctype html><p>Your new token is shown once:</p><input id="shown" type="password" value="${key}">`,
    );
    await page.evaluate(() => document.getElementById('shown')!.focus(), undefined);
    const form = await page.saveFromMenu();
    await form.showsText('Saved from https://apps.example.');
    expect(await form.evaluate(() => (document.getElementById('f-kind') as HTMLSelectElement).value, undefined)).toBe('github');
    await form.fill('#f-label', 'Saved token');
    await form.click({ role: 'button', name: 'Add account' });
    await form.waitFor({ role: 'heading', name: 'Saved token' });
    await form.showsText('https://apps.example');
    expect(await accountNamed((m) => requestOk(form, m), 'Saved token')).toMatchObject({
      fields: { token: key },
      savedFrom: 'https://apps.example',
    });
    await form.close();
  });
});
