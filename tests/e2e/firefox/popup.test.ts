import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { pace, startFirefox } from '../support/launch';
import { readClipboard } from '../support/clipboard';
import { setupVaultFirefox } from '../support/flows';
import { salesforceAccount, TOKEN } from '../support/accounts';

const ACME = salesforceAccount({
  label: 'Acme UAT',
  username: 'jane@acme.com.uat',
  password: 'Pa55 word!',
  environment: 'sandbox',
  loginUrl: 'https://test.salesforce.com',
  sites: ['https://test.salesforce.com'],
});

let session: FirefoxSession;

beforeAll(async () => {
  session = await startFirefox();
  await setupVaultFirefox(session);
  const page = await session.openExtensionPage('popup.html');
  const reply = await page.evaluate((account) => chrome.runtime.sendMessage({ type: 'account.save', account }), ACME);
  expect(reply).toMatchObject({ ok: true });
  await page.close();
});
afterAll(async () => {
  await session?.close();
});

const clipboard = () => readClipboard(() => session.browser.newPage());

async function openPopup(): Promise<Page> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.waitForSelector('button[aria-label="Copy password + token for Acme UAT"]');
  return popup;
}

const toastText = (popup: Page) => popup.$eval('.toast', (el) => el.textContent ?? '');

describe('popup in Firefox', () => {
  it('copies password + token to the real clipboard, and the background page clears it after the delay', async () => {
    const options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
    await options.waitForSelector('#clipboard-heading');
    await options.select('#clipboard-heading ~ label select', '10');
    await expect
      .poll(() => options.evaluate(() => chrome.storage.local.get('settings').then((s) => (s.settings as { clipboardSeconds: number }).clipboardSeconds)))
      .toBe(10);
    await options.close();

    const popup = await openPopup();
    await popup.click('button[aria-label="Copy password + token for Acme UAT"]');
    await expect.poll(() => toastText(popup)).toContain('Copied password + token for Acme UAT (sandbox) · clipboard clears in 10 s');
    await popup.close();
    expect(await clipboard()).toBe(`Pa55 word!${TOKEN}`);
    // Due in 10 s; the alarm behind the timer, should Firefox unload the background page, about then too.
    await expect.poll(clipboard, { timeout: 10_000 + pace.waitMs }).toBe('');
  });

  it('draws account names at a readable size', async () => {
    const popup = await openPopup();
    const size = await popup.$eval('.row-label', (el) => parseFloat(getComputedStyle(el).fontSize));
    await popup.close();
    expect(size).toBeGreaterThanOrEqual(12);
  });

  it('copies a format from the row menu with the keyboard', async () => {
    const popup = await openPopup();
    await popup.click('button[aria-label="More for Acme UAT"]');
    await popup.waitForSelector('[role="menuitem"]');
    // Focus lands on the first item; Down moves to the next (username).
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Enter');
    await expect.poll(() => toastText(popup)).toContain('Copied username for Acme UAT (sandbox)');
    expect(await clipboard()).toBe('jane@acme.com.uat');
  });
});
