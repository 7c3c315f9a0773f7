/**
 * The toolbar popup with a real vault behind it, in Chromium and in Firefox
 * alike: copying every format to the system clipboard and clearing it after,
 * search and keys, the add and edit forms, sizes a person can read, popping
 * out, and an accessibility audit of each state.
 */
import { describe, expect, it } from 'vitest';
import { salesforceAccount, TOKEN } from '../support/accounts';
import type { Running, Tab } from '../support/driver';
import { driver } from '../support/drivers';
import { pace } from '../support/launch';
import { firstRuns, requestOk, setUpVault } from '../support/steps';

const browser = await driver();
const firstRun = firstRuns(browser);

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
/** Acme UAT with changes, fields and account keys side by side. */
const acme = (changes: Record<string, unknown> = {}) => salesforceAccount({ ...ACME_FLAT, ...changes });

/** The popup of a set-up vault, once it lists its accounts. */
async function openPopup(b: Running): Promise<Tab> {
  const popup = await b.popup();
  await popup.waitFor({ role: 'button', name: 'More for Acme UAT' });
  return popup;
}

/** A set-up vault holding Acme UAT (with a superseded token) and `extra` more accounts. */
async function seeded(extra = 0): Promise<{ b: Running; popup: Tab }> {
  const b = await firstRun();
  const page = await setUpVault(b);
  const { account } = await requestOk(page, { type: 'account.save', account: acme() });
  await requestOk(page, { type: 'account.save', account: acme({ id: account.id, token: TOKEN }) });
  for (let i = 0; i < extra; i++) {
    await requestOk(page, {
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
  return { b, popup: await openPopup(b) };
}

async function copyFromMenu(popup: Tab, item: string) {
  await popup.click({ role: 'button', name: 'More for Acme UAT' });
  await popup.click({ role: 'menuitem', name: `${item} for Acme UAT` });
  await popup.showsText(`${item.replace(/^Copy/, 'Copied')} for Acme UAT`);
}

/**
 * Waits until the background has made its clear, whatever it decided: the
 * pending clear it keeps in storage.session is gone. The timer is due in the
 * delay set; the alarm behind it, should the background have been unloaded, within 30 s.
 */
async function clearHasRun(b: Running) {
  const page = await b.extensionPage('options.html');
  await expect.poll(() => page.evaluate(() => chrome.storage.session.get('clipboardPending'), undefined), { timeout: 30_000 + pace.waitMs }).toEqual({});
  await page.close();
}

/** Sets the clipboard delay the way a user does, on the options page. */
async function setClipboardDelay(b: Running, seconds: string) {
  const options = await b.extensionPage('options.html', { width: 900, height: 900 });
  await options.select({ label: 'Clear the clipboard after' }, seconds);
  await expect
    .poll(() =>
      options.evaluate(() => chrome.storage.local.get('settings').then((s) => (s.settings as { clipboardSeconds: number }).clipboardSeconds), undefined),
    )
    .toBe(Number(seconds));
  await options.close();
}

describe(`popup in ${browser.name}`, () => {
  it('copies every format to the real clipboard, as the integration expects it, from a click or from the row menu with the keyboard', async () => {
    const { b, popup } = await seeded();
    await popup.click({ role: 'button', name: 'Copy password + token for Acme UAT' });
    await popup.showsText('Copied password + token for Acme UAT (sandbox) · clipboard clears in 30 s');
    expect(await b.clipboard()).toBe(`Pa55 word!${TOKEN}`);

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
      expect(await b.clipboard()).toBe(text);
    }

    // From the keyboard: focus lands on the menu's first item, and Down moves to the next (username).
    await popup.click({ role: 'button', name: 'More for Acme UAT' });
    await popup.waitFor({ role: 'menuitem', name: 'Copy username for Acme UAT' });
    await popup.press('ArrowDown');
    await popup.press('Enter');
    await expect.poll(async () => (await popup.texts('[role="status"]')).join(' ')).toContain('Copied username for Acme UAT (sandbox)');
    await b.clipboard().then((text) => expect(text).toBe('jane@acme.com.uat'));

    // The superseded token, from the details.
    await popup.click({ within: '.row-main', text: 'Acme UAT' });
    await popup.waitFor('#details-title');
    await popup.click('button[aria-label^="Copy the security token issued"]');
    await popup.showsText('Copied an older security token for Acme UAT (sandbox)');
    expect(await b.clipboard()).toBe(OLD_TOKEN);
  });

  it('clears the clipboard after the delay set in options, after the popup has closed', async () => {
    const { b, popup } = await seeded();
    await setClipboardDelay(b, '10');
    await copyFromMenu(popup, 'Copy token');
    await popup.showsText('clipboard clears in 10 s');
    await popup.close();
    expect(await b.clipboard()).toBe(TOKEN);
    await clearHasRun(b);
    expect(await b.clipboard()).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { b, popup } = await seeded();
    await setClipboardDelay(b, '10');
    await copyFromMenu(popup, 'Copy token');
    // The user copies something of their own in a web page.
    const page = await b.site('https://notes.example/', '<!doctype html><textarea id="mine" aria-label="Mine">my own notes</textarea>');
    await page.click('#mine');
    await page.press('Control+a');
    await page.press('Control+c');
    await clearHasRun(b);
    expect(await b.clipboard()).toBe('my own notes');
  });

  it('clears the clipboard when the vault locks, if it still holds what Tokenkeep put there', async () => {
    const { b, popup } = await seeded();
    await copyFromMenu(popup, 'Copy token');
    expect(await b.clipboard()).toBe(TOKEN);
    await popup.click({ role: 'button', name: 'Lock' });
    await popup.waitFor({ role: 'heading', name: 'Unlock Tokenkeep' });
    expect(await b.clipboard()).toBe('');
  });

  it('finds an account as you type, moves with the arrow keys, and Enter copies password + token', async () => {
    const { b, popup } = await seeded(12);
    // The search box has focus when the popup opens.
    await popup.type('org 1');
    await expect.poll(() => popup.texts('.row-label')).toEqual(['Org 01', 'Org 10', 'Org 11']);
    await popup.press('ArrowDown');
    await expect.poll(() => popup.texts('.row.selected .row-label')).toEqual(['Org 10']);
    await popup.press('Enter');
    await popup.showsText('Copied password + token for Org 10');
    expect(await b.clipboard()).toBe(`Pa55 word!${TOKEN}`);
    // An empty search shows every account again, grouped.
    await popup.fill('#search', '');
    await expect.poll(() => popup.texts('.group-title')).toEqual(['Salesforce · Production (12)', 'Salesforce · Sandbox (1)']);
  });

  it('adds an account from a pasted token, edits it, deletes it and undoes the deletion', async () => {
    const { popup } = await seeded();
    const visible = (css: string) => popup.evaluate((s) => !!document.querySelector<HTMLElement>(s)?.checkVisibility(), css);
    await popup.click({ role: 'button', name: 'Add' });
    await popup.fill('#f-paste', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx');
    await popup.showsText('Recognised: Slack.');
    expect(await popup.evaluate(() => (document.getElementById('f-kind') as HTMLSelectElement).value, undefined)).toBe('slack');
    await popup.fill('#f-label', 'Deploy bot');
    // Optional parts wait folded: a token needs no username, password or URL.
    expect(await visible('#f-expires')).toBe(false);
    await popup.click({ text: 'More: Username, Password, URL, sites, expiry, colour, notes' });
    await popup.fill('#f-expires', '2030-01-31');
    await popup.click({ role: 'button', name: 'Add account' });
    await popup.waitFor({ role: 'heading', name: 'Deploy bot' });
    await popup.waitFor({ role: 'button', name: 'Copy Authorization header for Deploy bot' });

    await popup.click({ role: 'button', name: 'Edit…' });
    await popup.fill('#f-label', 'Deploy bot (prod)');
    await popup.fill('#f-sites', 'not a site');
    const saveDisabled = () => popup.evaluate(() => (document.querySelector('.account-form button[type="submit"]') as HTMLButtonElement).disabled, undefined);
    await expect.poll(saveDisabled).toBe(true);
    await popup.fill('#f-sites', 'hooks.slack.com');
    await expect.poll(saveDisabled).toBe(false);
    await popup.click({ role: 'button', name: 'Save' });
    await popup.waitFor({ role: 'heading', name: 'Deploy bot (prod)' });
    expect((await popup.texts('.fields')).join('')).toContain('https://hooks.slack.com');

    await popup.click({ role: 'button', name: 'Delete…' });
    await popup.click('[role="alertdialog"] button.danger');
    await popup.showsText('Deleted Deploy bot (prod)');
    expect(await popup.texts('.row-label')).toEqual(['Acme UAT']);
    await popup.click({ role: 'button', name: 'Undo' });
    await expect.poll(() => popup.texts('.row-label')).toEqual(['Acme UAT', 'Deploy bot (prod)']);
    // Restored with its secret: the token still copies.
    await popup.click({ role: 'button', name: 'Copy token for Deploy bot (prod)' });
    await popup.showsText('Copied token for Deploy bot (prod)');
  });

  it('draws account names at a readable size, and a long username keeps the name before its @ and its sandbox suffix in view', async () => {
    const { b, popup: first } = await seeded();
    await requestOk(first, {
      type: 'account.save',
      account: acme({ label: 'Long name', username: 'alex.morgan@acme-corporation-worldwide-holdings.com.uat' }),
    });
    await first.close();
    const popup = await openPopup(b);
    await popup.waitFor({ role: 'button', name: 'More for Long name' });
    // Chrome gives extension pages "body { font-size: 75% }"; the popup sets its own.
    const sizes = await popup.evaluate(
      () => [...document.querySelectorAll('.row-label, #search')].map((el) => parseFloat(getComputedStyle(el).fontSize)),
      undefined,
    );
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    // Drawn at the popup's real width: the domain is cut, the name before the @ and the last label are whole.
    const row = await popup.evaluate(() => {
      const user = [...document.querySelectorAll('.row')].find((r) => r.textContent!.includes('Long name'))!.querySelector('.row-user')!;
      const cut = (part: string) => {
        const el = user.querySelector(part)!;
        return el.scrollWidth > el.clientWidth;
      };
      return { local: cut('.row-user-local'), domain: cut('.row-user-domain'), tail: user.querySelector('.row-user-tail')!.textContent };
    }, undefined);
    expect(row).toEqual({ local: false, domain: true, tail: '.uat' });
  });

  it('opens the add form at its paste box, short enough for the popup, and the details at their title', async () => {
    const { popup } = await seeded(30);
    await popup.click({ role: 'button', name: 'Add' });
    await popup.waitFor({ role: 'heading', name: 'Add an account' });
    expect(await popup.evaluate(() => document.activeElement?.id, undefined)).toBe('f-paste');
    // The toolbar popup is 600 px at most: the Salesforce form's own fields and its buttons fit, the optional parts folded.
    // (It was 1,094 px tall.)
    expect(await popup.evaluate(() => document.querySelector('.account-form')!.getBoundingClientRect().bottom, undefined)).toBeLessThanOrEqual(600);
    await popup.click({ role: 'button', name: 'Cancel' });
    await popup.evaluate(() => document.querySelector('.groups')!.scrollIntoView({ block: 'end' }), undefined);
    await popup.click({ within: '.row-main', text: 'Org 29' });
    await popup.waitFor({ role: 'heading', name: 'Org 29' });
    expect(
      await popup.evaluate(
        () => [document.activeElement?.id, Math.round(document.getElementById('details-title')!.getBoundingClientRect().top) >= 0],
        undefined,
      ),
    ).toEqual(['details-title', true]);
  });

  it('pops out into a window of its own that stays open', async () => {
    const { popup } = await seeded();
    const window = await popup.clickForWindow({ role: 'button', name: 'Pop out into its own window' });
    expect(await window.evaluate(() => location.search, undefined)).toBe('?window');
    await window.waitFor({ role: 'button', name: 'More for Acme UAT' });
    expect(await window.count('button[aria-label="Pop out into its own window"]')).toBe(0);
  });

  it('has no accessibility violations in any state', async () => {
    const b = await firstRun();
    let popup = await b.extensionPage('popup.html');
    await popup.waitFor({ role: 'heading', name: 'Choose a passphrase' });
    await popup.audit('setup');
    await popup.close();

    popup = await setUpVault(b);
    await popup.audit('empty');
    const { account } = await requestOk(popup, {
      type: 'account.save',
      account: acme({ expiresAt: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10) }),
    });
    await requestOk(popup, { type: 'account.save', account: acme({ id: account.id, token: TOKEN }) });
    await popup.close();
    popup = await openPopup(b);
    await popup.click({ role: 'button', name: 'More for Acme UAT' });
    await popup.waitFor({ role: 'menuitem', name: 'Copy username for Acme UAT' });
    await popup.audit('list with menu');
    await popup.press('Escape');
    await popup.click({ within: '.row-main', text: 'Acme UAT' });
    await popup.waitFor('#details-title');
    await popup.audit('details');
    await popup.click({ role: 'button', name: 'Edit…' });
    await popup.waitFor('#f-label');
    await popup.audit('edit');
    await popup.click({ role: 'button', name: 'Lock' });
    await popup.waitFor({ role: 'heading', name: 'Unlock Tokenkeep' });
    await popup.audit('locked');

    const options = await b.extensionPage('options.html', { width: 900, height: 900 });
    await options.waitFor({ role: 'heading', name: 'Tokenkeep settings' });
    await options.audit('options');
  });
});
