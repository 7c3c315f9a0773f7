/**
 * "Log in", end to end, in Chromium and in Firefox alike: the account's
 * colour and "submit for me" set in the edit form, Log in chosen from its
 * menu (and with Ctrl+Enter from a search), the login page's host allowed
 * in the browser's prompt, and the new tab walked through a username-first
 * login served over real TLS (../support/login-site.ts), up to the
 * verification Salesforce asks for, which the popup then says plainly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBMAIL_MATCHES } from '../../../utils/webmail/hosts';
import { sandboxAccount } from '../support/accounts';
import type { Running, Tab } from '../support/driver';
import { driver } from '../support/drivers';
import { startLoginSite, type LoginSite } from '../support/login-site';
import { popupWith } from '../support/steps';

const SANDBOX = sandboxAccount();
/** What a person would have typed on each page, in order, once. */
const POSTS = [
  { host: 'test.salesforce.com', path: '/identify', fields: { username: 'integration@acme.com.uat' } },
  { host: 'test.salesforce.com', path: '/login', fields: { username: 'integration@acme.com.uat', pw: 'Uat-pa55!' } },
];
const VERIFY_NOTICE = 'Salesforce asks Acme UAT (sandbox) to verify it is you';

const browser = await driver();
let site: LoginSite;
let b: Running;
let popup: Tab;

beforeAll(async () => {
  site = await startLoginSite({ hosts: ['test.salesforce.com'], users: { 'integration@acme.com.uat': 'Uat-pa55!' } });
  b = await browser.start({ uses: { permissionPrompts: true }, standIn: { proxy: site.proxy, spki: site.spki } });
  popup = await popupWith(b, [SANDBOX]);
});
afterAll(async () => {
  await b?.close();
  await site?.close();
});

const tabGroup = () =>
  popup.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://test.salesforce.com/*' });
    return chrome.tabGroups.get(tab!.groupId);
  }, undefined);

describe(`"Log in" in ${browser.name}`, () => {
  it("opens the sandbox login in the account's colour, fills the username-first page and then the password page, and says Salesforce wants a verification", async () => {
    // The user gives the account a colour and lets Log in submit for them, in the edit form's folded part.
    await popup.click({ role: 'button', name: 'More for Acme UAT' });
    await popup.click({ role: 'menuitem', name: 'Edit…' });
    await popup.click({ text: 'colour and log in' });
    await popup.select('#f-color', 'purple');
    await popup.click('label.check input[type="checkbox"]');
    await popup.audit('edit: colour and log in');
    await popup.click({ role: 'button', name: 'Save' });
    await popup.click({ role: 'button', name: '← Accounts' });
    // The stripe in the list is the account's colour.
    await expect.poll(() => popup.evaluate(() => getComputedStyle(document.querySelector('li.row')!).boxShadow, undefined)).toContain('rgb(147, 52, 230)');

    const logIn = async () => {
      await popup.click({ role: 'button', name: 'More for Acme UAT' });
      await popup.click({ role: 'menuitem', name: 'Log in at test.salesforce.com' });
    };
    await popup.allowPermission({
      ask: logIn,
      granted: () => popup.evaluate(() => chrome.permissions.contains({ origins: ['https://test.salesforce.com/*'] }), undefined),
      askAgain: async () => {
        if ((await popup.text()).includes('may not open and fill test.salesforce.com yet')) await logIn();
      },
    });
    // Only the host it logs in at, beside the webmails its content script reads: no other site was granted.
    const { origins = [] } = await popup.evaluate(() => chrome.permissions.getAll(), undefined);
    expect(origins.filter((o) => !WEBMAIL_MATCHES.includes(o))).toEqual(['https://test.salesforce.com/*']);

    await popup.waitUntil(() => !!document.querySelector('[role="status"].login-notice')?.textContent?.includes('to verify it is you'));
    await popup.showsText(VERIFY_NOTICE);
    expect(site.posts).toEqual(POSTS);
    // The tab sits in a purple group named for the account.
    expect(await tabGroup()).toMatchObject({ color: 'purple', title: 'Acme UAT' });
    await popup.audit('log in: verification asked');
  });

  it('logs in again with Ctrl+Enter on the account found by a search', async () => {
    site.posts.length = 0;
    await popup.fill('#search', 'UAT');
    await popup.waitUntil(() => !!document.querySelector('li.row.selected'));
    await popup.press('Control+Enter');
    await expect.poll(() => site.posts).toEqual(POSTS);
    await popup.showsText(VERIFY_NOTICE);
  });

  it('lists the login page it may open in the options, where removing it takes the permission back', async () => {
    const options = await b.extensionPage('options.html#login-sites', { width: 800, height: 900 });
    await options.click({ role: 'button', name: 'Remove test.salesforce.com' });
    await options.waitUntil(() => document.querySelector('#login-sites')!.textContent!.includes('None yet.'));
    expect(await options.evaluate(() => chrome.permissions.contains({ origins: ['https://test.salesforce.com/*'] }), undefined)).toBe(false);
    await options.close();
  });
});
