import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { pace, startFirefox } from '../support/launch';
import { flipOneRecordByte, plantPlaintextAccount } from '../support/damage';
import { expectThrottled, wrongPassphraseChanges } from '../support/throttle';
import { E2E_PASSPHRASE, openWebmailFirefox, popupTextFirefox, saveWithKeyboard, setPasswordFirefox, setupVaultFirefox } from '../support/flows';
import { NEW_KIND_SECRETS, newKindAccounts, PRIVATE_KEY_LINE } from '../support/accounts';
import { countFiles, findSecretsOnDisk } from '../support/profile';
import { trackedSessions } from '../support/sessions';
import { tokenPage } from '../support/webmail';

const tracked = trackedSessions(startFirefox);
const start = (profileDir?: string, downloadDir?: string) => tracked.start({ profileDir, downloadDir });

const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);
const showsText = (page: Page, text: string) => page.waitForFunction((t) => document.body.textContent!.includes(t), {}, text);

async function popup(session: FirefoxSession) {
  const page = await session.openExtensionPage('popup.html');
  await page.waitForFunction(() => document.querySelector('main') && !document.body.textContent!.includes('Loading'));
  return page;
}

async function lock(session: FirefoxSession) {
  const page = await popup(session);
  await page.click('::-p-aria(Lock)');
  await page.waitForSelector('#unlock-pass');
  await page.close();
}

async function unlock(session: FirefoxSession, passphrase: string) {
  const page = await popup(session);
  await page.type('#unlock-pass', passphrase);
  await page.click('button[type="submit"]');
  return page;
}

async function capture(session: FirefoxSession, username: string, token: string) {
  const page = await openWebmailFirefox(session, 'gmail', tokenPage('gmail', username, token));
  await page.waitForSelector('tokenkeep-banner');
  await saveWithKeyboard(page);
  return page;
}

describe('vault in Firefox', () => {
  it('locks, refuses a wrong passphrase clearly, and adds a token captured while locked at the next unlock', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    await lock(session);
    await capture(session, 'ff.sealed@acme.example.com', 'Fs4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(async () => (await popupTextFirefox(session)).includes('1 token was captured while locked')).toBe(true);
    const wrong = await unlock(session, 'not the passphrase');
    await showsText(wrong, 'That passphrase is not right.');
    await wrong.close();
    const right = await unlock(session, E2E_PASSPHRASE);
    await showsText(right, '1 token captured while locked was added: ff.sealed@acme.example.com.');
    expect(await bodyText(right)).toContain('ff.sealed@acme.example.com');
  });

  it('turns on PIN unlock in options, opens with the PIN after a lock, and after five wrong PINs asks for the passphrase', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    await capture(session, 'ff.pin@acme.example.com', 'Fp4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    const options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
    await options.waitForSelector('#pin-new');
    await options.type('#pin-new', '482916');
    await options.type('#pin-repeat', '482916');
    await options.click('::-p-text(Turn on PIN unlock)');
    await showsText(options, 'On. Until the browser closes, the PIN unlocks Tokenkeep');
    await options.close();
    const lockToPin = async () => {
      const page = await popup(session);
      await page.click('::-p-aria(Lock)');
      await page.waitForSelector('#unlock-pin');
      return page;
    };
    let page = await lockToPin();
    await page.type('#unlock-pin', '482916');
    await page.click('button[type="submit"]');
    await showsText(page, 'ff.pin@acme.example.com');
    await page.close();

    page = await lockToPin();
    for (let i = 1; i <= 5; i++) {
      await page.$eval('#unlock-pin', (el) => void ((el as HTMLInputElement).value = ''));
      await page.type('#unlock-pin', '000000');
      // Enabled again once the wait after the last wrong PIN is over.
      await page.waitForSelector('button[type="submit"]:not([disabled])');
      await page.click('button[type="submit"]');
      await showsText(page, i < 5 ? `${5 - i === 1 ? '1 try is' : `${5 - i} tries are`} left` : '5 wrong PINs: unlock with your passphrase.');
    }
    await page.waitForSelector('#unlock-pass[aria-invalid="true"]');
    await page.type('#unlock-pass', E2E_PASSPHRASE);
    await page.click('button[type="submit"]');
    await showsText(page, 'ff.pin@acme.example.com');
  });

  it('stores every capture exactly once when five tabs save in quick succession', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    const users = ['ff.tab0', 'ff.tab1', 'ff.tab2', 'ff.tab3', 'ff.tab0'].map((u) => `${u}@acme.example.com`);
    const pages = await Promise.all(
      users.map((u, i) => openWebmailFirefox(session, 'gmail', tokenPage('gmail', u, `Ft${i === 4 ? 0 : i}xAb7Cd0Ef3Gh6Ij9Kl2Mn`))),
    );
    await Promise.all(pages.map((p) => p.waitForSelector('tokenkeep-banner')));
    // Keys reach only the active tab, so the presses go one tab after another, without
    // waiting for any save to finish: the five saves overlap in the background.
    for (const p of pages) await saveWithKeyboard(p);
    await expect.poll(async () => (await popupTextFirefox(session)).match(/ff\.tab\d@acme\.example\.com/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    const text = await popupTextFirefox(session);
    for (const user of new Set(users)) expect(text.split(user).length - 1).toBeGreaterThanOrEqual(1);
    const page = await popup(session);
    const reply = (await page.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: 'accounts.list' }))) as {
      data: { accounts: Array<{ fields: { username: string }; history: unknown[] }> };
    };
    expect(reply.data.accounts.map((a) => a.fields.username).sort()).toEqual([...new Set(users)].sort());
    expect(reply.data.accounts.every((a) => a.history.length === 0)).toBe(true);
  });

  it('leaves no token, password, username, client secret, private key, refresh token, TOTP secret or passphrase in plain text in the profile, after save, lock and restart', async () => {
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'tk-ff-profile-'));
    tracked.removeAfter(profileDir);
    const secrets = { username: 'ff.disk@acme.example.com', token: 'Fd4Ab7Cd0Ef3Gh6Ij9Kl2Mn5', password: 'Ff-pw-on-disk-8Zr!' };
    let session = await start(profileDir);
    await setupVaultFirefox(session);
    await capture(session, secrets.username, secrets.token);
    await expect.poll(() => popupTextFirefox(session)).toContain(secrets.username);
    const page = await popup(session);
    await setPasswordFirefox(page, secrets.username, secrets.password);
    for (const account of newKindAccounts()) {
      expect(await page.evaluate((a) => chrome.runtime.sendMessage({ type: 'account.save', account: a }), account)).toMatchObject({ ok: true });
    }
    // A marker written next to the vault proves the search can see what the add-on stores.
    await page.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.set({ marker: 'PlainMarker-7Qw2' }));
    await page.close();
    await lock(session);
    await session.close();

    session = await start(profileDir);
    const again = await unlock(session, E2E_PASSPHRASE);
    await showsText(again, secrets.username);
    await again.close();
    await lock(session);
    await session.close();

    expect(await countFiles(profileDir)).toBeGreaterThan(20);
    expect(await findSecretsOnDisk(profileDir, ['PlainMarker-7Qw2'])).not.toEqual([]);
    expect(await findSecretsOnDisk(profileDir, [...Object.values(secrets), ...Object.values(NEW_KIND_SECRETS), PRIVATE_KEY_LINE, E2E_PASSPHRASE])).toEqual([]);
  });

  it('reports one record damaged in IndexedDB and still opens every other account', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    await capture(session, 'ff.first@acme.example.com', 'Fa4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await capture(session, 'ff.second@acme.example.com', 'Fb4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupTextFirefox(session)).toMatch(/ff\.first@[^]*ff\.second@|ff\.second@[^]*ff\.first@/);
    const page = await popup(session);
    await page.evaluate(flipOneRecordByte);
    await page.close();
    await lock(session);
    const unlocked = await unlock(session, E2E_PASSPHRASE);
    await showsText(unlocked, '1 account cannot be opened.');
    expect(await unlocked.$$eval('button[aria-label^="More for "]', (buttons) => buttons.length)).toBe(1);
  });

  it('changes the passphrase: the old one stops working, the new one opens the same accounts', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    await capture(session, 'ff.change@acme.example.com', 'Fc4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupTextFirefox(session)).toContain('ff.change@acme.example.com');
    const options = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    await options.waitForSelector('#current-pass');
    await options.type('#current-pass', E2E_PASSPHRASE);
    await options.type('#new-pass', 'the second passphrase');
    await options.type('#repeat-pass', 'the second passphrase');
    await options.click('::-p-aria([name="Change passphrase"][role="button"])');
    await showsText(options, 'Passphrase changed.');
    await lock(session);
    const old = await unlock(session, E2E_PASSPHRASE);
    await showsText(old, 'That passphrase is not right.');
    await old.close();
    const fresh = await unlock(session, 'the second passphrase');
    await fresh.waitForSelector('::-p-aria(More for ff.change@acme.example.com)');
  });

  it('reports a plain-text account planted in the profile, and leaves the encrypted one as it was', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    await capture(session, 'ff.planted@acme.example.com', 'Fq4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupTextFirefox(session)).toContain('ff.planted@acme.example.com');
    const page = await popup(session);
    const before = await page.evaluate(async () => {
      const list = (await chrome.runtime.sendMessage({ type: 'accounts.list' })) as { data: { accounts: Array<{ id: string }> } };
      return (
        (await chrome.runtime.sendMessage({ type: 'account.get', id: list.data.accounts[0]!.id })) as {
          data: { account: { id: string; label: string; fields: { username: string } } & Record<string, unknown> };
        }
      ).data.account;
    });
    // As Tokenkeep 0.1 wrote accounts: plain text, fixed fields.
    await page.evaluate(plantPlaintextAccount, {
      id: before.id,
      provider: 'salesforce',
      label: before.label,
      username: before.fields.username,
      token: 'Ev1lAb7Cd0Ef3Gh6Ij9Kl2Mn5',
      password: 'planted',
      sites: ['https://evil.example'],
    });
    await page.close();
    await lock(session);
    const opened = await unlock(session, E2E_PASSPHRASE);
    await showsText(opened, 'A plain-text account for ff.planted@acme.example.com appeared on disk. Tokenkeep did not write it and did not use it.');
    expect(await opened.evaluate((id) => chrome.runtime.sendMessage({ type: 'account.get', id }), before.id)).toEqual({ ok: true, data: { account: before } });
  });

  it('makes 50 wrong passphrases through change passphrase meet the same wait as unlock', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    const page = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    const tries = await wrongPassphraseChanges(page, 50);
    expectThrottled(tries, 0);
    const status = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'vault.status' }))) as { data: { failures: number } };
    expect(status.data.failures).toBe(tries.filter((t) => t.code === 'wrong-passphrase').length);
  });

  it('exports a backup, and after a reset imports it back', async () => {
    const downloads = tracked.removeAfter(await mkdtemp(path.join(os.tmpdir(), 'tk-ff-downloads-')));
    const session = await start(undefined, downloads);
    await setupVaultFirefox(session);
    await capture(session, 'ff.backup@acme.example.com', 'Fk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupTextFirefox(session)).toContain('ff.backup@acme.example.com');
    const options = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    await options.waitForSelector('::-p-aria([name="Export backup"][role="button"])');
    await options.click('::-p-aria([name="Export backup"][role="button"])');
    await showsText(options, 'with 1 account');
    // Firefox writes a .part file first; the backup is there once it has its own name.
    const saved = async () => (await readdir(downloads)).find((f) => /^tokenkeep-backup-.*\.json$/.test(f));
    await expect.poll(saved).toBeDefined();

    await options.type('#reset-confirm', 'delete everything');
    await options.click('::-p-aria([name="Delete everything"][role="button"])');
    await showsText(options, 'The vault was deleted.');
    await options.close();
    await setupVaultFirefox(session, 'a new vault passphrase');
    const file = await readFile(path.join(downloads, (await saved())!), 'utf8');
    // BiDi can neither set files on an add-on page's file input nor see its
    // picker (Chromium's test drives that control); the downloaded file goes
    // to the background the way that control sends it.
    const page = await popup(session);
    const reply = await page.evaluate((f, p) => chrome.runtime.sendMessage({ type: 'vault.import', file: f, passphrase: p }), file, E2E_PASSPHRASE);
    expect(reply).toMatchObject({ ok: true, data: { added: 1, updated: 0, unchanged: 0 } });
    await page.close();
    expect(await popupTextFirefox(session)).toContain('ff.backup@acme.example.com');
  });

  it('locks by itself after the idle minutes set in options (a real alarm, one minute)', { timeout: pace.testMs + 60_000 }, async () => {
    const session = await start();
    await setupVaultFirefox(session);
    const options = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    const minutes = (await options.waitForSelector('input[type="number"]'))!;
    await minutes.click({ count: 3 });
    await minutes.type('1');
    await options.keyboard.press('Tab');
    const page = await popup(session);
    await expect.poll(() => page.evaluate(() => chrome.storage.local.get('settings'))).toMatchObject({ settings: { autoLockMinutes: 1 } });
    const lastUse = Date.now();
    // Nothing uses the vault from here on; asking for its state does not count as use.
    const state = () => page.evaluate(async () => ((await chrome.runtime.sendMessage({ type: 'vault.status' })) as { data?: { state: string } }).data?.state);
    await expect.poll(state, { timeout: 60_000 + pace.waitMs, interval: 5_000 }).toBe('locked');
    expect(Date.now() - lastUse).toBeGreaterThan(50_000);
  });
});
