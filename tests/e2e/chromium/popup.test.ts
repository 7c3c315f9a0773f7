import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { pace, startChromium } from '../support/launch';
import { salesforceAccount, TOKEN } from '../support/accounts';
import { expectNoAxeViolations } from '../support/axe';
import { readClipboard } from '../support/clipboard';
import { E2E_PASSPHRASE, setupVaultChromium } from '../support/flows';
import { trackedSessions } from '../support/sessions';

const tracked = trackedSessions(startChromium);
const start = () => tracked.start();

const OLD_TOKEN = 'Lk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
const ACME_FLAT = {
  label: 'Acme UAT',
  username: 'jane@acme.com.uat',
  password: 'Pa55 word!',
  token: OLD_TOKEN,
  environment: 'sandbox',
  loginUrl: 'https://test.salesforce.com',
  sites: ['https://test.salesforce.com'],
};
const ACME = salesforceAccount(ACME_FLAT);
/** Acme UAT with changes, fields and account keys side by side. */
const acme = (changes: Record<string, unknown>) => salesforceAccount({ ...ACME_FLAT, ...changes });

/** Sends a protocol request from a real extension page, as the popup does. */
async function request(page: Page, message: unknown) {
  const reply = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as { ok: boolean; data?: any; error?: { message: string } };
  if (!reply.ok) throw new Error(reply.error?.message);
  return reply.data;
}

/** A set-up vault holding Acme UAT (with a superseded token) and `extra` more accounts. */
async function seeded(extra = 0): Promise<{ session: ChromiumSession; popup: Page }> {
  const session = await start();
  await setupVaultChromium(session);
  const page = await session.openExtensionPage('popup.html');
  const { account } = await request(page, { type: 'account.save', account: ACME });
  await request(page, { type: 'account.save', account: acme({ id: account.id, token: TOKEN }) });
  for (let i = 0; i < extra; i++) {
    await request(page, {
      type: 'account.save',
      account: acme({
        token: TOKEN,
        label: `Org ${String(i).padStart(2, '0')}`,
        username: `user${i}@org${i}.com`,
        environment: 'production',
        loginUrl: 'https://login.salesforce.com',
      }),
    });
  }
  await page.close();
  const popup = await session.openExtensionPage('popup.html');
  await popup.getByRole('button', { name: 'More for Acme UAT' }).waitFor();
  return { session, popup };
}

const toast = (popup: Page) => popup.getByRole('status').last();
const clipboard = (session: ChromiumSession) => readClipboard(() => session.context.newPage());

async function copyFromMenu(popup: Page, item: string) {
  await popup.getByRole('button', { name: 'More for Acme UAT' }).click();
  await popup.getByRole('menuitem', { name: `${item} for Acme UAT` }).click();
  await expect.poll(() => toast(popup).textContent()).toContain(item.replace(/^Copy/, 'Copied'));
}

/**
 * Waits until the background has made its clear, whatever it decided: the
 * pending clear it keeps in storage.session is gone. The timer is due in the
 * delay set; the alarm behind it, should the worker have been unloaded, within 30 s.
 */
const clearHasRun = (session: ChromiumSession) =>
  expect.poll(() => session.serviceWorker.evaluate(() => chrome.storage.session.get('clipboardPending')), { timeout: 30_000 + pace.waitMs }).toEqual({});

/** Sets the clipboard delay the way a user does, on the options page. */
async function setClipboardDelay(session: ChromiumSession, choice: string) {
  const options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
  await options.getByLabel('Clear the clipboard after').selectOption({ label: choice });
  await expect
    .poll(() => options.evaluate(() => chrome.storage.local.get('settings').then((s) => (s.settings as { clipboardSeconds: number }).clipboardSeconds)))
    .toBe(10);
  await options.close();
}

describe('popup in Chromium', () => {
  it('copies every format to the real clipboard, as the integration expects it', async () => {
    const { session, popup } = await seeded();
    await popup.getByRole('button', { name: 'Copy password + token for Acme UAT' }).click();
    await expect.poll(() => toast(popup).textContent()).toContain('Copied password + token for Acme UAT (sandbox) · clipboard clears in 30 s');
    expect(await clipboard(session)).toBe(`Pa55 word!${TOKEN}`);

    const expected: Array<[string, string]> = [
      ['Copy username', 'jane@acme.com.uat'],
      ['Copy password', 'Pa55 word!'],
      ['Copy token', TOKEN],
      [
        'Copy env block (bash, zsh, fish)',
        `export SF_USERNAME=jane@acme.com.uat\nexport SF_PASSWORD='Pa55 word!'\nexport SF_SECURITY_TOKEN=${TOKEN}\nexport SF_LOGIN_URL=https://test.salesforce.com`,
      ],
      [
        'Copy .env file (dotenv, python-dotenv)',
        `SF_USERNAME=jane@acme.com.uat\nSF_PASSWORD='Pa55 word!'\nSF_SECURITY_TOKEN=${TOKEN}\nSF_LOGIN_URL=https://test.salesforce.com`,
      ],
      [
        'Copy jsforce JSON',
        JSON.stringify({ loginUrl: 'https://test.salesforce.com', username: 'jane@acme.com.uat', password: `Pa55 word!${TOKEN}` }, null, 2),
      ],
      [
        'Copy simple-salesforce JSON',
        JSON.stringify({ username: 'jane@acme.com.uat', password: 'Pa55 word!', security_token: TOKEN, domain: 'test' }, null, 2),
      ],
    ];
    for (const [item, text] of expected) {
      await copyFromMenu(popup, item);
      expect(await clipboard(session)).toBe(text);
    }

    // The superseded token, from the details.
    await popup.getByRole('button', { name: /^Acme UAT/ }).click();
    await popup.getByRole('button', { name: /^Copy the security token issued/ }).click();
    await expect.poll(() => toast(popup).textContent()).toContain('Copied an older security token for Acme UAT (sandbox)');
    expect(await clipboard(session)).toBe(OLD_TOKEN);
  });

  it('clears the clipboard after the delay set in options, after the popup has closed', async () => {
    const { session, popup } = await seeded();
    await setClipboardDelay(session, '10 seconds');
    await copyFromMenu(popup, 'Copy token');
    await expect.poll(() => toast(popup).textContent()).toContain('clipboard clears in 10 s');
    await popup.close();
    expect(await clipboard(session)).toBe(TOKEN);
    await clearHasRun(session);
    expect(await clipboard(session)).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { session, popup } = await seeded();
    await setClipboardDelay(session, '10 seconds');
    await copyFromMenu(popup, 'Copy token');
    // The user copies something of their own in a web page.
    const page = await session.context.newPage();
    await page.setContent('<textarea id="mine" aria-label="Mine">my own notes</textarea>');
    await page.focus('#mine');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await clearHasRun(session);
    expect(await clipboard(session)).toBe('my own notes');
  });

  it('clears the clipboard when the vault locks, if it still holds what Tokenkeep put there', async () => {
    const { session, popup } = await seeded();
    await copyFromMenu(popup, 'Copy token');
    expect(await clipboard(session)).toBe(TOKEN);
    await popup.getByRole('button', { name: 'Lock', exact: true }).click();
    await popup.getByRole('heading', { name: 'Unlock Tokenkeep' }).waitFor();
    expect(await clipboard(session)).toBe('');
  });

  it('finds an account as you type, moves with the arrow keys, and Enter copies password + token', async () => {
    const { session, popup } = await seeded(12);
    // The search box has focus when the popup opens.
    await popup.keyboard.type('org 1');
    await expect.poll(() => popup.locator('.row-label').allTextContents()).toEqual(['Org 01', 'Org 10', 'Org 11']);
    await popup.keyboard.press('ArrowDown');
    await expect.poll(() => popup.locator('.row.selected .row-label').textContent()).toBe('Org 10');
    await popup.keyboard.press('Enter');
    await expect.poll(() => toast(popup).textContent()).toContain('Copied password + token for Org 10');
    expect(await clipboard(session)).toBe(`Pa55 word!${TOKEN}`);
    // An empty search shows every account again, grouped.
    await popup.getByRole('searchbox', { name: 'Search accounts' }).fill('');
    await expect.poll(() => popup.locator('.group-title').allTextContents()).toEqual(['Salesforce · Production (12)', 'Salesforce · Sandbox (1)']);
  });

  it('adds an account from a pasted token, edits it, deletes it and undoes the deletion', async () => {
    const { popup } = await seeded();
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByLabel('Paste a credential').fill('xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx');
    await popup.getByText('Recognised: Slack.').waitFor();
    expect(await popup.getByLabel('Kind').inputValue()).toBe('slack');
    await popup.getByLabel('Name', { exact: true }).fill('Deploy bot');
    // Optional parts wait folded: a token needs no username, password or URL.
    expect(await popup.getByLabel('Expires on (optional)').isVisible()).toBe(false);
    await popup.getByText('More: Username, Password, URL, sites, expiry, colour, notes').click();
    await popup.getByLabel('Expires on (optional)').fill('2030-01-31');
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByRole('heading', { name: 'Deploy bot' }).waitFor();
    await popup.getByRole('button', { name: 'Copy Authorization header for Deploy bot' }).waitFor();

    await popup.getByRole('button', { name: 'Edit…' }).click();
    await popup.getByLabel('Name', { exact: true }).fill('Deploy bot (prod)');
    await popup.getByLabel('Sites it fills on').fill('not a site');
    expect(await popup.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await popup.getByLabel('Sites it fills on').fill('hooks.slack.com');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('heading', { name: 'Deploy bot (prod)' }).waitFor();
    expect(await popup.locator('.fields').textContent()).toContain('https://hooks.slack.com');

    await popup.getByRole('button', { name: 'Delete…' }).click();
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => toast(popup).textContent()).toContain('Deleted Deploy bot (prod)');
    expect(await popup.locator('.row-label').allTextContents()).toEqual(['Acme UAT']);
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => popup.locator('.row-label').allTextContents()).toEqual(['Acme UAT', 'Deploy bot (prod)']);
    // Restored with its secret: the token still copies.
    await popup.getByRole('button', { name: 'Copy token for Deploy bot (prod)' }).click();
    await expect.poll(() => toast(popup).textContent()).toContain('Copied token for Deploy bot (prod)');
  });

  it('draws account names at a readable size, and a long username keeps the name before its @ and its sandbox suffix in view', async () => {
    const { popup } = await seeded();
    await request(popup, { type: 'account.save', account: acme({ label: 'Long name', username: 'alex.morgan@acme-corporation-worldwide-holdings.com.uat' }) });
    await popup.reload();
    await popup.getByRole('button', { name: 'More for Long name' }).waitFor();
    // Chrome gives extension pages "body { font-size: 75% }"; the popup sets its own.
    const sizes = await popup.locator('.row-label').evaluateAll((labels) => labels.map((l) => parseFloat(getComputedStyle(l).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    expect(parseFloat(await popup.locator('#search').evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(12);
    // Drawn at the popup's real width: the domain is cut, the name before the @ and the last label are whole.
    const row = popup.locator('.row', { hasText: 'Long name' }).locator('.row-user');
    const cut = (part: string) => row.locator(part).evaluate((el) => el.scrollWidth > el.clientWidth);
    expect([await cut('.row-user-local'), await cut('.row-user-domain')]).toEqual([false, true]);
    expect(await row.locator('.row-user-tail').textContent()).toBe('.uat');
  });

  it('opens the add form at its paste box, short enough for the popup, and the details at their title', async () => {
    const { popup } = await seeded(30);
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByRole('heading', { name: 'Add an account' }).waitFor();
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('f-paste');
    // The toolbar popup is 600 px at most: the Salesforce form's own fields and its buttons fit, the optional parts folded.
    // (It was 1,094 px tall.)
    expect(await popup.evaluate(() => document.querySelector('.account-form')!.getBoundingClientRect().bottom)).toBeLessThanOrEqual(600);
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.locator('.groups').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await popup.getByRole('button', { name: /^Org 29/ }).click();
    await popup.getByRole('heading', { name: 'Org 29' }).waitFor();
    expect(
      await popup.evaluate(() => [document.activeElement?.id, Math.round(document.getElementById('details-title')!.getBoundingClientRect().top) >= 0]),
    ).toEqual(['details-title', true]);
  });

  it('pops out into a window of its own that stays open', async () => {
    const { session, popup } = await seeded();
    const opened = session.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Pop out into its own window' }).click();
    const window = await opened;
    await window.waitForURL(/popup\.html\?window/);
    await window.getByRole('button', { name: 'More for Acme UAT' }).waitFor();
    expect(await window.getByRole('button', { name: 'Pop out into its own window' }).count()).toBe(0);
  });

  it('has no accessibility violations in any state, in light and dark', async () => {
    const session = await start();
    const check = expectNoAxeViolations;
    let popup = await session.openExtensionPage('popup.html');
    await popup.getByRole('heading', { name: 'Choose a passphrase' }).waitFor();
    await check(popup, 'setup');
    await popup.close();
    await setupVaultChromium(session);

    popup = await session.openExtensionPage('popup.html');
    await popup.getByText('No accounts yet').waitFor();
    await check(popup, 'empty');
    const { account } = await request(popup, {
      type: 'account.save',
      account: acme({ expiresAt: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10) }),
    });
    await request(popup, { type: 'account.save', account: acme({ id: account.id, token: TOKEN }) });
    await popup.reload();
    await popup.getByRole('button', { name: 'More for Acme UAT' }).click();
    await check(popup, 'list with menu');
    await popup.keyboard.press('Escape');
    await popup.getByRole('button', { name: /^Acme UAT/ }).click();
    await check(popup, 'details');
    await popup.getByRole('button', { name: 'Edit…' }).click();
    await check(popup, 'edit');
    await popup.getByRole('button', { name: 'Lock', exact: true }).click();
    await popup.getByRole('heading', { name: 'Unlock Tokenkeep' }).waitFor();
    await check(popup, 'locked');
    await popup.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);

    const options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
    await options.getByRole('heading', { name: 'Tokenkeep settings' }).waitFor();
    await check(options, 'options');
  });
});
