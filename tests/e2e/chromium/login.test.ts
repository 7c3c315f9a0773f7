/**
 * "Log in" in Chromium, end to end: the account's colour and "submit for me"
 * set in the edit form, Log in chosen from its menu, the login page's host
 * allowed in Chrome's own prompt, and the new tab walked through a
 * username-first login served over real TLS (./login-site.ts), up to the
 * verification Salesforce asks for, which the popup then says plainly.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import { sendOk } from '../../../scripts/lib/messaging';
import { salesforceAccount } from '../support/accounts';
import { expectNoAxeViolations } from '../support/axe';
import { allowInChromePrompt } from '../support/chrome-prompt';
import { setupVaultChromium } from '../support/flows';
import { startChromium } from '../support/launch';
import { WEBMAIL_MATCHES } from '../../../utils/webmail/hosts';
import { startLoginSite, type LoginSite } from '../support/login-site';

const SANDBOX = salesforceAccount({
  label: 'Acme UAT',
  username: 'integration@acme.com.uat',
  password: 'Uat-pa55!',
  environment: 'sandbox',
  loginUrl: 'https://test.salesforce.com',
  sites: undefined,
});

let screen: VirtualDisplay;
let site: LoginSite;
let session: ChromiumSession;
let popup: Page;

beforeAll(async () => {
  site = await startLoginSite({ hosts: ['test.salesforce.com'], users: { 'integration@acme.com.uat': 'Uat-pa55!' } });
  screen = await startDisplay();
  // Visible on the virtual screen: the permission prompt is Chrome's own, answered with the keyboard.
  session = await startChromium({
    headless: false,
    env: { DISPLAY: screen.display },
    // Only the stand-in's certificate key is taken in place of a real authority's.
    args: [`--proxy-server=http://${site.proxy}`, `--ignore-certificate-errors-spki-list=${site.spki}`],
  });
  await setupVaultChromium(session);
  popup = await session.openExtensionPage('popup.html?window', { width: 380, height: 640 });
  await sendOk(popup, { type: 'account.save', account: SANDBOX });
  await popup.reload();
});
afterAll(async () => {
  await session?.close();
  await screen?.close();
  await site?.close();
});

describe('"Log in" in Chromium', () => {
  it("opens the sandbox login in the account's colour, fills the username-first page and then the password page, and says Salesforce wants a verification", async () => {
    // The user gives the account a colour and lets Log in submit for them, in the edit form's folded part.
    await popup.getByRole('button', { name: 'More for Acme UAT' }).click();
    await popup.getByRole('menuitem', { name: 'Edit…' }).click();
    await popup.getByText(/^More: .*colour and log in/).click();
    await popup.getByLabel('Colour').selectOption('purple');
    await popup.getByLabel(/Log in submits each page for me/).check();
    await expectNoAxeViolations(popup, 'edit: colour and log in');
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('button', { name: '← Accounts' }).click();
    // The stripe in the list is the account's colour.
    expect(await popup.locator('li.row').evaluate((row) => getComputedStyle(row).boxShadow)).toContain('rgb(147, 52, 230)');

    const opened = session.context.waitForEvent('page', (p) => p.url().startsWith('https://test.salesforce.com'));
    await allowInChromePrompt(screen, popup, {
      ask: async () => {
        await popup.getByRole('button', { name: 'More for Acme UAT' }).click();
        await popup.getByRole('menuitem', { name: 'Log in at test.salesforce.com' }).click();
      },
      granted: () => popup.evaluate(() => chrome.permissions.contains({ origins: ['https://test.salesforce.com/*'] })),
      askAgain: async () => {
        if (await popup.getByText(/may not open and fill test\.salesforce\.com yet/).isVisible()) {
          await popup.getByRole('button', { name: 'More for Acme UAT' }).click();
          await popup.getByRole('menuitem', { name: 'Log in at test.salesforce.com' }).click();
        }
      },
    });
    // Only the host it logs in at: no other site was granted.
    const { origins = [] } = await popup.evaluate(() => chrome.permissions.getAll());
    expect(origins).not.toContain('https://*/*');
    // Beside the webmails its content script reads, where capture works.
    expect(origins.filter((o) => !WEBMAIL_MATCHES.includes(o))).toEqual(['https://test.salesforce.com/*']);

    const tab = await opened;
    await popup.getByRole('status').filter({ hasText: 'Salesforce asks Acme UAT (sandbox) to verify it is you' }).waitFor();
    await tab.getByRole('heading', { name: 'Verify Your Identity' }).waitFor();
    // Each page got what a person would have typed there, in order, once.
    expect(site.posts).toEqual([
      { host: 'test.salesforce.com', path: '/identify', fields: { username: 'integration@acme.com.uat' } },
      { host: 'test.salesforce.com', path: '/login', fields: { username: 'integration@acme.com.uat', pw: 'Uat-pa55!' } },
    ]);
    // The tab sits in a purple group named for the account.
    const group = await session.serviceWorker.evaluate(async () => {
      const [t] = await chrome.tabs.query({ url: 'https://test.salesforce.com/*' });
      return chrome.tabGroups.get(t!.groupId);
    });
    expect(group).toMatchObject({ color: 'purple', title: 'Acme UAT' });
    await expectNoAxeViolations(popup, 'log in: verification asked');
  });

  it('lists the login page it may open in the options, where removing it takes the permission back', async () => {
    const options = await session.openExtensionPage('options.html#login-sites', { width: 800, height: 900 });
    await options.getByRole('button', { name: 'Remove test.salesforce.com' }).click();
    await options.locator('#login-sites').getByText('None yet.').waitFor();
    expect(await options.evaluate(() => chrome.permissions.contains({ origins: ['https://test.salesforce.com/*'] }))).toBe(false);
    await options.close();
  });
});
