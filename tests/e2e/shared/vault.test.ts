/** The vault, in Chromium and in Firefox alike: lock and unlock, PIN, damage on disk, passphrase changes, auto-lock, nothing in plain text. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_PASSPHRASE } from '../../../scripts/lib/flows';
import { NEW_KIND_SECRETS, newKindAccounts, PRIVATE_KEY_LINE } from '../support/accounts';
import { flipOneRecordByte, plantPlaintextAccount } from '../support/damage';
import type { Running, StartOptions, Tab } from '../support/driver';
import { driver } from '../support/drivers';
import { pace } from '../support/launch';
import { popupText, saveAccounts, setUpVault } from '../support/steps';
import { countFiles, findSecretsOnDisk } from '../support/profile';
import { trackedSessions } from '../support/sessions';
import { expectThrottled, wrongPassphraseChanges } from '../support/throttle';
import { tokenPage } from '../support/webmail';

const browser = await driver();
const tracked = trackedSessions((options?: StartOptions) => browser.start(options));
const start = (profileDir?: string) => tracked.start(profileDir ? { profileDir } : {});

async function setUp(b: Running, passphrase = E2E_PASSPHRASE) {
  await (await setUpVault(b, passphrase)).close();
}

async function lock(b: Running) {
  const popup = await b.popup();
  await popup.click({ role: 'button', name: 'Lock' });
  await popup.waitFor({ role: 'heading', name: 'Unlock Tokenkeep' });
  await popup.close();
}

async function unlock(b: Running, passphrase: string): Promise<Tab> {
  const popup = await b.popup();
  await popup.fill('#unlock-pass', passphrase);
  await popup.click({ role: 'button', name: 'Unlock' });
  return popup;
}

const shown = (label: string) => ({ role: 'button', name: `More for ${label}` }) as const;

/** A token email opened in Gmail, saved from its banner as a person does. */
async function capture(b: Running, username: string, token: string) {
  const page = await b.webmail('gmail', tokenPage('gmail', username, token));
  await page.save();
  return page;
}

/**
 * The one-minute auto-lock runs in a browser of its own, started before the other scenarios and
 * checked after them: a real alarm takes a real minute, which the file need not spend waiting.
 */
let idle: Promise<{ b: Running; popup: Tab; lastUse: number; scheduledTime: number }>;
beforeAll(() => {
  idle = (async () => {
    const b = await browser.start();
    await setUp(b);
    const options = await b.extensionPage('options.html', { width: 900, height: 1200 });
    await options.fill('input[type="number"]', '1');
    await options.press('Tab');
    const popup = await b.popup();
    // Outside a test, so a plain wait rather than expect.poll: until the setting is saved.
    const saved = async () =>
      ((await popup.evaluate(() => chrome.storage.local.get('settings'), undefined)).settings as { autoLockMinutes?: number })?.autoLockMinutes;
    for (const deadline = Date.now() + pace.waitMs; (await saved()) !== 1;) {
      if (Date.now() > deadline) throw new Error('the auto-lock setting was not saved');
      await new Promise((r) => setTimeout(r, 100));
    }
    const lastUse = Date.now();
    const alarm = await popup.evaluate(() => chrome.alarms.get('tokenkeep-autolock'), undefined);
    return { b, popup, lastUse, scheduledTime: alarm?.scheduledTime ?? 0 };
  })();
  // Its failure is its own test's to report.
  idle.catch(() => undefined);
});
afterAll(async () => (await idle.catch(() => undefined))?.b.close());

describe(`vault in ${browser.name}`, () => {
  it('locks, refuses a wrong passphrase clearly, and at the next unlock adds the token captured while locked', async () => {
    const b = await start();
    await setUp(b);
    await capture(b, 'lock@acme.example.com', 'Lc4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await lock(b);
    await capture(b, 'sealed@acme.example.com', 'Se4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupText(b)).toContain('1 token was captured while locked');
    const popup = await unlock(b, 'not the passphrase');
    await popup.showsText('That passphrase is not right.');
    await popup.fill('#unlock-pass', E2E_PASSPHRASE);
    await popup.click({ role: 'button', name: 'Unlock' });
    await popup.showsText('1 token captured while locked was added: sealed@acme.example.com.');
    await popup.waitFor(shown('lock@acme.example.com'));
    await popup.waitFor(shown('sealed@acme.example.com'));
  });

  it('turns on PIN unlock in options, opens with the PIN after a lock, and after five wrong PINs asks for the passphrase, which arms the PIN again', async () => {
    const b = await start();
    await setUp(b);
    await capture(b, 'pin@acme.example.com', 'Pn4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    const options = await b.extensionPage('options.html', { width: 900, height: 900 });
    await options.fill('#pin-new', '482916');
    await options.fill('#pin-repeat', '482916');
    await options.click({ role: 'button', name: 'Turn on PIN unlock' });
    await options.showsText('On. Until the browser closes, the PIN unlocks Tokenkeep');
    await options.close();
    const withPin = async (pin: string) => {
      await lock(b);
      const popup = await b.popup();
      await popup.fill('#unlock-pin', pin);
      await popup.click({ role: 'button', name: 'Unlock' });
      return popup;
    };
    let popup = await withPin('482916');
    await popup.waitFor(shown('pin@acme.example.com'));
    await popup.close();

    popup = await withPin('000000');
    for (let i = 1; i <= 5; i++) {
      if (i > 1) {
        await popup.fill('#unlock-pin', '000000');
        // The button is named "Wait N s" while a wait runs; the click waits for "Unlock".
        await popup.click({ role: 'button', name: 'Unlock' });
      }
      await popup.showsText(
        i < 5
          ? `${5 - i === 1 ? '1 try is' : `${5 - i} tries are`} left before Tokenkeep asks for the passphrase.`
          : '5 wrong PINs: unlock with your passphrase. The PIN works again after that.',
      );
    }
    // Said beside the passphrase field, which now takes the PIN's place.
    expect(await popup.attribute('#unlock-pass', 'aria-invalid')).toBe('true');
    await popup.fill('#unlock-pass', E2E_PASSPHRASE);
    await popup.click({ role: 'button', name: 'Unlock' });
    await popup.waitFor(shown('pin@acme.example.com'));
    await popup.close();
    popup = await withPin('482916');
    await popup.waitFor(shown('pin@acme.example.com'));
  });

  it('stores every capture exactly once when five tabs save at once', async () => {
    const b = await start();
    await setUp(b);
    const users = ['tab0', 'tab1', 'tab2', 'tab3', 'tab0'].map((u) => `${u}@acme.example.com`);
    const pages = await Promise.all(users.map((u, i) => b.webmail('gmail', tokenPage('gmail', u, `Tb${i === 4 ? 0 : i}xAb7Cd0Ef3Gh6Ij9Kl2Mn`))));
    await Promise.all(pages.map((p) => p.save()));
    const popup = await b.popup();
    const accounts = async () =>
      ((await popup.request({ type: 'accounts.list' })).data?.accounts ?? []) as Array<{ fields: { username: string }; history: unknown[] }>;
    await expect.poll(async () => (await accounts()).length).toBe(4);
    const list = await accounts();
    expect(list.map((a) => a.fields.username).sort()).toEqual([...new Set(users)].sort());
    expect(list.every((a) => a.history.length === 0)).toBe(true);
  });

  it('reports one record damaged in IndexedDB and still opens every other account', async () => {
    const b = await start();
    await setUp(b);
    await capture(b, 'first@acme.example.com', 'Fi4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await capture(b, 'second@acme.example.com', 'Sc4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupText(b)).toMatch(/first@[^]*second@|second@[^]*first@/);
    const popup = await b.popup();
    await popup.evaluate(flipOneRecordByte, undefined);
    await popup.close();
    await lock(b);
    const unlocked = await unlock(b, E2E_PASSPHRASE);
    await unlocked.showsText('1 account cannot be opened.');
    expect(await unlocked.count('button[aria-label^="More for "]')).toBe(1);
  });

  it('reports a plain-text account planted in the profile, and leaves the encrypted one as it was', async () => {
    const b = await start();
    await setUp(b);
    await capture(b, 'planted@acme.example.com', 'Pl4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupText(b)).toContain('planted@acme.example.com');
    const page = await b.popup();
    const id = (await page.request({ type: 'accounts.list' })).data.accounts[0].id as string;
    const before = (await page.request({ type: 'account.get', id })).data.account;
    // As Tokenkeep 0.1 wrote accounts: plain text, fixed fields.
    await page.evaluate(plantPlaintextAccount, {
      id,
      provider: 'salesforce',
      label: before.label,
      username: before.fields.username,
      token: 'Ev1lAb7Cd0Ef3Gh6Ij9Kl2Mn5',
      password: 'planted',
      sites: ['https://evil.example'],
    });
    await page.close();
    await lock(b);
    const popup = await unlock(b, E2E_PASSPHRASE);
    await popup.showsText('Tokenkeep found changes on disk that it did not make.');
    await popup.showsText('A plain-text account for planted@acme.example.com appeared on disk. Tokenkeep did not write it and did not use it.');
    expect(await popup.request({ type: 'account.get', id })).toEqual({ ok: true, data: { account: before } });
  });

  it('makes 50 wrong passphrases through change passphrase meet the same wait as unlock', async () => {
    const b = await start();
    await setUp(b);
    const options = await b.extensionPage('options.html', { width: 900, height: 1200 });
    // The first wrong one through the form, as a user types it; the rest through the same protocol message.
    await options.fill('#current-pass', 'not the passphrase 0');
    await options.fill('#new-pass', 'the second passphrase');
    await options.fill('#repeat-pass', 'the second passphrase');
    await options.click({ role: 'button', name: 'Change passphrase' });
    await options.showsText('That passphrase is not right');
    const tries = await wrongPassphraseChanges(options, 49);
    expectThrottled(tries, 1);
    // The wait and the count are the vault's own: unlock meets them too.
    const status = (await options.request({ type: 'vault.status' })).data as { failures: number };
    expect(status.failures).toBe(1 + tries.filter((t) => t.code === 'wrong-passphrase').length);
  });

  it('changes the passphrase: the old one stops working, the new one opens the same accounts', async () => {
    const b = await start();
    await setUp(b);
    await capture(b, 'change@acme.example.com', 'Ch4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupText(b)).toContain('change@acme.example.com');
    const options = await b.extensionPage('options.html', { width: 900, height: 1200 });
    await options.fill('#current-pass', E2E_PASSPHRASE);
    await options.fill('#new-pass', 'the second passphrase');
    await options.fill('#repeat-pass', 'the second passphrase');
    await options.click({ role: 'button', name: 'Change passphrase' });
    await options.showsText('Passphrase changed.');
    await lock(b);
    const popup = await unlock(b, E2E_PASSPHRASE);
    await popup.showsText('That passphrase is not right.');
    await popup.fill('#unlock-pass', 'the second passphrase');
    await popup.click({ role: 'button', name: 'Unlock' });
    await popup.waitFor(shown('change@acme.example.com'));
  });

  it('leaves no token, password, username, client secret, private key, refresh token, TOTP secret, passphrase or PIN in plain text anywhere in the profile, after save, lock and restart', async () => {
    const profileDir = tracked.removeAfter(await mkdtemp(path.join(os.tmpdir(), `tk-${browser.name}-profile-`)));
    const secrets = { username: 'disk.check@acme.example.com', token: 'Dk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5', password: 'Pw-on-disk-9Xq!' };
    let b = await start(profileDir);
    await setUp(b);
    await capture(b, secrets.username, secrets.token);
    await expect.poll(() => popupText(b)).toContain(secrets.username);
    const popup = await b.popup();
    // The password the way a user adds it: the row's menu, Edit, the Password field, Save.
    await popup.click(shown(secrets.username));
    await popup.click({ role: 'menuitem', name: 'Edit…' });
    await popup.fill('#f-password', secrets.password);
    await popup.click('.account-form button[type="submit"]');
    await popup.showsText(`Saved ${secrets.username}`);
    await saveAccounts(popup, newKindAccounts());
    // PIN unlock on: neither the PIN nor the key wrapped under it may reach the disk.
    expect(await popup.request({ type: 'vault.setPin', pin: 'Pin-on-disk-4417' })).toMatchObject({ ok: true });
    // A marker in the extension's own storage proves the search can see what is written.
    await popup.evaluate(() => chrome.storage.local.set({ marker: 'PlainMarker-7Qw2' }), undefined);
    await popup.close();
    await lock(b);
    await b.close();

    b = await start(profileDir);
    const again = await unlock(b, E2E_PASSPHRASE);
    await again.waitFor(shown(secrets.username));
    await again.close();
    await lock(b);
    await b.close();

    expect(await countFiles(profileDir)).toBeGreaterThan(20);
    expect(await findSecretsOnDisk(profileDir, ['PlainMarker-7Qw2'])).not.toEqual([]);
    expect(
      await findSecretsOnDisk(profileDir, [
        ...Object.values(secrets),
        ...Object.values(NEW_KIND_SECRETS),
        PRIVATE_KEY_LINE,
        E2E_PASSPHRASE,
        'Pin-on-disk-4417',
      ]),
    ).toEqual([]);
  });

  it('makes each try after five wrong passphrases wait longer, and the wait holds when the popup reopens', async () => {
    const b = await start();
    await setUp(b);
    await lock(b);
    let popup = await b.popup();
    // Seven wrong tries: five free, then waits of 1 s and 2 s before the sixth and seventh; 4 s follows.
    for (let i = 0; i < 7; i++) {
      await popup.fill('#unlock-pass', `wrong passphrase ${i}`);
      // The button is named "Wait N s" while a wait runs; the click waits for "Unlock".
      await popup.click({ role: 'button', name: 'Unlock' });
      await popup.waitUntil(() => (document.getElementById('unlock-pass') as HTMLInputElement).value === '');
    }
    await popup.close();
    popup = await b.popup();
    await popup.waitUntil(() => [...document.querySelectorAll('button')].some((el) => /^Wait \d s$/.test(el.textContent!.trim()) && el.disabled));
    await popup.fill('#unlock-pass', E2E_PASSPHRASE);
    await popup.click({ role: 'button', name: 'Unlock' });
    await popup.showsText('No accounts yet');
  });

  it('exports a backup, and after a reset imports it back', async () => {
    const downloadDir = tracked.removeAfter(await mkdtemp(path.join(os.tmpdir(), 'tk-downloads-')));
    const b = await tracked.start({ downloadDir });
    await setUp(b);
    await capture(b, 'backup@acme.example.com', 'Bk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupText(b)).toContain('backup@acme.example.com');
    const options = await b.extensionPage('options.html', { width: 900, height: 1200 });
    const file = await options.download({ role: 'button', name: 'Export backup' });
    expect(path.basename(file)).toMatch(/^tokenkeep-backup-.*\.json$/);
    await options.showsText('with 1 account');

    await options.fill('#reset-confirm', 'delete everything');
    await options.click({ role: 'button', name: 'Delete everything' });
    await options.showsText('The vault was deleted.');
    await options.close();
    await setUp(b, 'a new vault passphrase');
    const again = await b.extensionPage('options.html', { width: 900, height: 1200 });
    await again.setFiles('form[aria-labelledby="restore-heading"] input[type="file"]', file);
    await again.fill('#backup-pass', E2E_PASSPHRASE);
    await again.click({ role: 'button', name: 'Import backup' });
    await again.showsText('1 added, 0 updated, 0 unchanged. Nothing was deleted.');
    expect(await popupText(b)).toContain('backup@acme.example.com');
  });
  it('locks by itself after the idle minutes set in options (a real alarm, one minute)', { timeout: pace.testMs + 60_000 }, async () => {
    const { popup, lastUse, scheduledTime } = await idle;
    // The alarm was set a minute after the last use (asking for the vault's state does not count as use) …
    expect(scheduledTime - lastUse).toBeGreaterThan(50_000);
    // … and, the other scenarios run meanwhile, it has locked the vault, or does within that minute.
    await expect
      .poll(async () => (await popup.request({ type: 'vault.status' })).data?.state, { timeout: 60_000 + pace.waitMs, interval: 5_000 })
      .toBe('locked');
  });
});
