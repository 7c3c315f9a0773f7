/**
 * "Log in" in Firefox, end to end, from the keyboard: Ctrl+Enter on the
 * account in the popup's list, the login page's host granted (Firefox's
 * prompt turned off for the test), and the new tab walked through a
 * username-first login served over real TLS (../support/login-site.ts).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { salesforceAccount } from '../support/accounts';
import { setupVaultFirefox } from '../support/flows';
import { startFirefox } from '../support/launch';
import { firefoxProxyPrefs, startLoginSite, type LoginSite } from '../support/login-site';
import { FIREFOX_GRANTS_PERMISSIONS } from '../support/terminal';

const SANDBOX = {
  ...salesforceAccount({
    label: 'Acme UAT',
    username: 'integration@acme.com.uat',
    password: 'Uat-pa55!',
    environment: 'sandbox',
    loginUrl: 'https://test.salesforce.com',
    sites: undefined,
  }),
  color: 'cyan',
  submitLogin: true,
};

let site: LoginSite;
let session: FirefoxSession;
let popup: Page;

beforeAll(async () => {
  site = await startLoginSite({ hosts: ['test.salesforce.com'], users: { 'integration@acme.com.uat': 'Uat-pa55!' } });
  // The stand-in's certificate is signed by a test authority Firefox does not know: WebDriver's acceptInsecureCerts takes it.
  session = await startFirefox({ prefs: { ...FIREFOX_GRANTS_PERMISSIONS, ...firefoxProxyPrefs(site.proxy) }, acceptInsecureCerts: true });
  await setupVaultFirefox(session);
  const saver = await session.openExtensionPage('popup.html');
  expect(await saver.evaluate((account) => chrome.runtime.sendMessage({ type: 'account.save', account }), SANDBOX as never)).toMatchObject({ ok: true });
  await saver.close();
  popup = await session.openExtensionPage('popup.html?window', { width: 380, height: 640 });
  await popup.waitForSelector('input[type="search"]');
});
afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('"Log in" in Firefox', () => {
  it('Ctrl+Enter on the account opens its login in its colour, fills both pages, and says Salesforce wants a verification', async () => {
    await popup.type('input[type="search"]', 'UAT');
    await popup.keyboard.down('Control');
    await popup.keyboard.press('Enter');
    await popup.keyboard.up('Control');
    await popup.waitForFunction(() =>
      document.querySelector('[role="status"].login-notice')?.textContent?.includes('Salesforce asks Acme UAT (sandbox) to verify it is you'),
    );
    expect(site.posts).toEqual([
      { host: 'test.salesforce.com', path: '/identify', fields: { username: 'integration@acme.com.uat' } },
      { host: 'test.salesforce.com', path: '/login', fields: { username: 'integration@acme.com.uat', pw: 'Uat-pa55!' } },
    ]);
    const { origins = [] } = await popup.evaluate(() => chrome.permissions.getAll());
    expect(origins).toContain('https://test.salesforce.com/*');
    expect(origins).not.toContain('https://*/*');
    const group = await popup.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://test.salesforce.com/*' });
      return chrome.tabGroups.get(tab!.groupId);
    });
    expect(group).toMatchObject({ color: 'cyan', title: 'Acme UAT' });
    // The stripe in the list is the account's colour.
    expect(await popup.$eval('li.row', (row) => getComputedStyle(row).boxShadow)).toContain('rgb(0, 123, 131)');
  });
});
