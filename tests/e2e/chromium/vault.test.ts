import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bannerText, clickBanner } from '../../../scripts/lib/banner-chromium';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { pace, startChromium } from '../support/launch';
import { E2E_PASSPHRASE, openWebmailChromium, popupTextChromium, setPasswordChromium, setupVaultChromium } from '../support/flows';
import { expectThrottled, wrongPassphraseChanges } from '../support/throttle';
import { flipOneRecordByte, holdVaultWrites, plantPlaintextAccount } from '../support/damage';
import { countFiles, findSecretsOnDisk } from '../support/profile';
import { NEW_KIND_SECRETS, newKindAccounts, PRIVATE_KEY_LINE } from '../support/accounts';
import { trackedSessions } from '../support/sessions';
import { tokenPage } from '../support/webmail';

const tracked = trackedSessions(startChromium);
const start = (profileDir?: string) => tracked.start({ profileDir });

/** Sends a protocol request from a real extension page, as the popup does. */
function request(page: Page, message: unknown) {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>;
}

async function unlockInPopup(session: ChromiumSession, passphrase: string) {
  const popup = await session.openExtensionPage('popup.html');
  await popup.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  return popup;
}

async function lockInPopup(session: ChromiumSession) {
  const popup = await session.openExtensionPage('popup.html');
  await popup.getByRole('button', { name: 'Lock', exact: true }).click();
  await popup.getByRole('heading', { name: 'Unlock Tokenkeep' }).waitFor();
  await popup.close();
}

async function captureOn(session: ChromiumSession, username: string, token: string) {
  const page = await openWebmailChromium(session, 'gmail', tokenPage('gmail', username, token));
  await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
  await clickBanner(page, 'button.save');
  await expect.poll(() => bannerText(page)).toContain('Saved');
  return page;
}

describe('vault in Chromium', () => {
  it('locks from the popup, refuses a wrong passphrase clearly, unlocks with the right one', async () => {
    const session = await start();
    await setupVaultChromium(session);
    await captureOn(session, 'lock@acme.example.com', 'Lc4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await lockInPopup(session);
    const popup = await unlockInPopup(session, 'not the passphrase');
    await popup.getByText('That passphrase is not right.').waitFor();
    await popup.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByRole('button', { name: 'More for lock@acme.example.com' }).waitFor();
  });

  it('makes each try after five wrong passphrases wait longer, and the wait holds when the popup reopens', async () => {
    const session = await start();
    await setupVaultChromium(session);
    await lockInPopup(session);
    let popup = await session.openExtensionPage('popup.html');
    // Seven wrong tries: five free, then waits of 1 s and 2 s before the sixth and seventh; 4 s follows.
    for (let i = 0; i < 7; i++) {
      const field = popup.getByLabel('Passphrase', { exact: true });
      await field.fill(`wrong passphrase ${i}`);
      // The button is named "Wait N s" while a wait runs; the click waits for "Unlock".
      await popup.getByRole('button', { name: 'Unlock', exact: true }).click({});
      await expect.poll(() => field.inputValue()).toBe('');
    }
    await popup.close();
    popup = await session.openExtensionPage('popup.html');
    const waiting = popup.getByRole('button', { name: /^Wait \d s$/ });
    await waiting.waitFor();
    expect(await waiting.isDisabled()).toBe(true);
    await popup.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock', exact: true }).click({});
    await popup.getByText('No accounts yet').waitFor();
  });

  it('turns on PIN unlock in options, opens with the PIN after a lock, and after five wrong PINs asks for the passphrase, which arms the PIN again', async () => {
    const session = await start();
    await setupVaultChromium(session);
    await captureOn(session, 'pin@acme.example.com', 'Pn4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    const options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
    await options.getByLabel('PIN (4 or more characters)').fill('482916');
    await options.getByLabel('Repeat the PIN').fill('482916');
    await options.getByRole('button', { name: 'Turn on PIN unlock' }).click();
    await options.getByText('On. Until the browser closes, the PIN unlocks Tokenkeep').waitFor();
    await options.close();
    await lockInPopup(session);

    let popup = await session.openExtensionPage('popup.html');
    await popup.getByLabel('PIN', { exact: true }).fill('482916');
    await popup.getByRole('button', { name: 'Unlock', exact: true }).click();
    await popup.getByRole('button', { name: 'More for pin@acme.example.com' }).waitFor();
    await popup.close();

    await lockInPopup(session);
    popup = await session.openExtensionPage('popup.html');
    const pin = popup.getByLabel('PIN', { exact: true });
    for (let i = 1; i <= 5; i++) {
      await pin.fill('000000');
      // The button is named "Wait N s" while a wait runs; the click waits for "Unlock".
      await popup.getByRole('button', { name: 'Unlock', exact: true }).click();
      if (i < 5) await popup.getByText(`${5 - i === 1 ? '1 try is' : `${5 - i} tries are`} left before Tokenkeep asks for the passphrase.`).waitFor();
    }
    // Said beside the passphrase field, which now takes its place.
    await popup.getByText('5 wrong PINs: unlock with your passphrase. The PIN works again after that.').waitFor();
    const passphrase = popup.getByLabel('Passphrase', { exact: true });
    expect(await passphrase.getAttribute('aria-invalid')).toBe('true');
    await passphrase.fill(E2E_PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock', exact: true }).click();
    await popup.getByRole('button', { name: 'More for pin@acme.example.com' }).waitFor();
    await popup.close();
    await lockInPopup(session);
    popup = await session.openExtensionPage('popup.html');
    await popup.getByLabel('PIN', { exact: true }).fill('482916');
    await popup.getByRole('button', { name: 'Unlock', exact: true }).click();
    await popup.getByRole('button', { name: 'More for pin@acme.example.com' }).waitFor();
  });

  it('keeps a token captured while locked, sealed, and adds it at the next unlock', async () => {
    const session = await start();
    await setupVaultChromium(session);
    await lockInPopup(session);
    const page = await openWebmailChromium(session, 'gmail', tokenPage('gmail', 'sealed@acme.example.com', 'Se4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    await clickBanner(page, 'button.save');
    await expect.poll(() => bannerText(page)).toContain('the token is sealed and added when you unlock');
    const popup = await unlockInPopup(session, E2E_PASSPHRASE);
    await popup.getByText('1 token captured while locked was added: sealed@acme.example.com.').waitFor();
    await popup.getByRole('button', { name: 'More for sealed@acme.example.com' }).waitFor();
  });

  it('keeps every acknowledged account and no half-written one when the service worker is killed in the middle of a write, and works after', async () => {
    const session = await start();
    await setupVaultChromium(session);
    const popup = await session.openExtensionPage('popup.html');
    const save = (i: number) =>
      request(popup, {
        type: 'capture.save',
        capture: {
          provider: 'salesforce',
          username: `kill${i}@acme.example.com`,
          token: `Kl${String(i).padStart(2, '0')}Ab7Cd0Ef3Gh6Ij9Kl2Mn`,
          sender: { name: 'Salesforce', address: 'support@salesforce.com' },
          subject: 'Your new Salesforce security token',
        },
      });
    // Three saves acknowledged before anything goes wrong.
    for (const i of [0, 1, 2]) expect(await save(i)).toMatchObject({ ok: true });
    // The disk stalls: the next saves wait on IndexedDB, and the worker dies with them in flight.
    await popup.evaluate(holdVaultWrites);
    const stalled = [3, 4, 5].map((i) =>
      save(i).then(
        (reply) => reply,
        // A killed worker leaves the message with no answer at all: not acknowledged either.
        (err: Error) => ({ ok: false, error: { code: 'killed', message: err.message } }),
      ),
    );
    const cdp = await session.context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // A save still queued for the worker when it died (a busy machine delivers late) goes to the next
    // worker and waits on the held store too: release it before waiting for the answers.
    await popup.evaluate(() => (window as unknown as { releaseVaultWrites: () => void }).releaseVaultWrites());
    const replies = await Promise.all(stalled);
    const acknowledged = [0, 1, 2, ...[3, 4, 5].filter((_, i) => replies[i]?.ok === true)].map((i) => `kill${i}@acme.example.com`);

    // The next request wakes a new worker, which restores the key from the session store.
    await expect.poll(async () => (await request(popup, { type: 'vault.status' })).data?.state).toBe('unlocked');
    const list = await request(popup, { type: 'accounts.list' });
    expect(list.data.problems).toEqual([]);
    // Exactly what was acknowledged: every save killed in flight left nothing behind, not even half.
    const stored = (list.data.accounts as Array<{ fields: { username: string } }>).map((a) => a.fields.username).sort();
    expect(stored).toEqual(acknowledged.sort());
    // The vault is usable: a new capture is stored.
    await captureOn(session, 'after-kill@acme.example.com', 'Ak4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    expect(await popupTextChromium(session)).toContain('after-kill@acme.example.com');
  });

  it('stores every capture exactly once when five tabs save at the same moment', async () => {
    const session = await start();
    await setupVaultChromium(session);
    const pages = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        openWebmailChromium(
          session,
          'gmail',
          tokenPage('gmail', i < 4 ? `tab${i}@acme.example.com` : 'tab0@acme.example.com', i < 4 ? `Tb${i}xAb7Cd0Ef3Gh6Ij9Kl2Mn` : 'Tb0xAb7Cd0Ef3Gh6Ij9Kl2Mn'),
        ),
      ),
    );
    await Promise.all(pages.map((p) => p.locator('tokenkeep-banner').waitFor({ state: 'attached' })));
    await Promise.all(pages.map((p) => clickBanner(p, 'button.save')));
    await Promise.all(pages.map((p) => expect.poll(() => bannerText(p)).toContain('Saved')));
    const popup = await session.openExtensionPage('popup.html');
    const { data } = await request(popup, { type: 'accounts.list' });
    const accounts = data.accounts as Array<{ fields: { username: string }; history: unknown[] }>;
    expect(accounts.map((a) => a.fields.username).sort()).toEqual([
      'tab0@acme.example.com',
      'tab1@acme.example.com',
      'tab2@acme.example.com',
      'tab3@acme.example.com',
    ]);
    expect(accounts.every((a) => a.history.length === 0)).toBe(true);
  });

  it('reports one record damaged in IndexedDB and still opens every other account', async () => {
    const session = await start();
    await setupVaultChromium(session);
    await captureOn(session, 'first@acme.example.com', 'Fi4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await captureOn(session, 'second@acme.example.com', 'Sc4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    const popup = await session.openExtensionPage('popup.html');
    await popup.evaluate(flipOneRecordByte);
    await lockInPopup(session);
    const unlocked = await unlockInPopup(session, E2E_PASSPHRASE);
    await unlocked.getByText('1 account cannot be opened.').waitFor();
    expect(await unlocked.getByRole('button', { name: /^More for / }).count()).toBe(1);
  });

  it('reports a plain-text account planted in the profile, and leaves the encrypted one as it was', async () => {
    const session = await start();
    await setupVaultChromium(session);
    await captureOn(session, 'planted@acme.example.com', 'Pl4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    const page = await session.openExtensionPage('popup.html');
    const { accounts } = (await request(page, { type: 'accounts.list' })).data as { accounts: Array<{ id: string }> };
    const id = accounts[0]!.id;
    const before = (await request(page, { type: 'account.get', id })).data.account;
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
    await lockInPopup(session);
    const popup = await unlockInPopup(session, E2E_PASSPHRASE);
    await popup.getByText('Tokenkeep found changes on disk that it did not make.').waitFor();
    await popup.getByText('A plain-text account for planted@acme.example.com appeared on disk. Tokenkeep did not write it and did not use it.').waitFor();
    expect((await request(popup, { type: 'account.get', id })).data.account).toEqual(before);
  });

  it('makes 50 wrong passphrases through change passphrase meet the same wait as unlock', async () => {
    const session = await start();
    await setupVaultChromium(session);
    const options = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    // The first wrong one through the form, as a user types it; the rest through the same protocol message.
    await options.getByLabel('Current passphrase').fill('not the passphrase 0');
    await options.getByLabel('New passphrase', { exact: true }).fill('the second passphrase');
    await options.getByLabel('Repeat new passphrase').fill('the second passphrase');
    await options.getByRole('button', { name: 'Change passphrase' }).click();
    await options.getByText(/That passphrase is not right/).waitFor();
    const tries = await wrongPassphraseChanges(options, 49);
    expectThrottled(tries, 1);
    // The wait and the count are the vault's own: unlock meets them too.
    const status = (await request(options, { type: 'vault.status' })).data as { failures: number };
    expect(status.failures).toBe(1 + tries.filter((t) => t.code === 'wrong-passphrase').length);
  });

  it('exports a backup, and after a reset imports it back', async () => {
    const session = await start();
    await setupVaultChromium(session);
    await captureOn(session, 'backup@acme.example.com', 'Bk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    const options = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export backup' }).click();
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'tk-backup-')), 'backup.json');
    tracked.removeAfter(path.dirname(file));
    await (await download).saveAs(file);
    await options.getByText(/Saved tokenkeep-backup-.*\.json with 1 account/).waitFor();

    await options.getByLabel('Type “delete everything” to confirm').fill('delete everything');
    await options.getByRole('button', { name: 'Delete everything' }).click();
    await options.getByText('The vault was deleted.').waitFor();
    await setupVaultChromium(session, 'a new vault passphrase');
    await options.reload();
    await options.getByLabel('Backup file').setInputFiles(file);
    await options.getByLabel('Passphrase of that backup').fill(E2E_PASSPHRASE);
    await options.getByRole('button', { name: 'Import backup' }).click();
    await options.getByText('1 added, 0 updated, 0 unchanged. Nothing was deleted.').waitFor({});
    expect(await popupTextChromium(session)).toContain('backup@acme.example.com');
  });

  it('changes the passphrase: the old one stops working, the new one opens the same accounts', async () => {
    const session = await start();
    await setupVaultChromium(session);
    await captureOn(session, 'change@acme.example.com', 'Ch4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    const options = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    await options.getByLabel('Current passphrase').fill(E2E_PASSPHRASE);
    await options.getByLabel('New passphrase', { exact: true }).fill('the second passphrase');
    await options.getByLabel('Repeat new passphrase').fill('the second passphrase');
    await options.getByRole('button', { name: 'Change passphrase' }).click();
    await options.getByText('Passphrase changed.').waitFor({});
    await lockInPopup(session);
    const popup = await unlockInPopup(session, E2E_PASSPHRASE);
    await popup.getByText('That passphrase is not right.').waitFor();
    await popup.getByLabel('Passphrase', { exact: true }).fill('the second passphrase');
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByRole('button', { name: 'More for change@acme.example.com' }).waitFor();
  });

  it('locks by itself after the idle minutes set in options (a real alarm, one minute)', { timeout: pace.testMs + 60_000 }, async () => {
    const session = await start();
    await setupVaultChromium(session);
    const options = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    const minutes = options.getByRole('spinbutton');
    await minutes.fill('1');
    await minutes.blur();
    await expect.poll(() => session.serviceWorker.evaluate(() => chrome.storage.local.get('settings'))).toMatchObject({ settings: { autoLockMinutes: 1 } });
    const popup = await session.openExtensionPage('popup.html');
    await popup.getByText('No accounts yet').waitFor();
    const lastUse = Date.now();
    // Nothing uses the vault from here on; asking for its state does not count as use.
    await expect
      .poll(async () => (await request(popup, { type: 'vault.status' })).data?.state, { timeout: 60_000 + pace.waitMs, interval: 5_000 })
      .toBe('locked');
    expect(Date.now() - lastUse).toBeGreaterThan(50_000);
  });

  it('leaves no token, password, username, client secret, private key, refresh token, TOTP secret, passphrase or PIN in plain text anywhere in the profile, after save, lock and restart', async () => {
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'tk-profile-'));
    tracked.removeAfter(profileDir);
    const secrets = { username: 'disk.check@acme.example.com', token: 'Dk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5', password: 'Pw-on-disk-9Xq!' };
    let session = await start(profileDir);
    await setupVaultChromium(session);
    await captureOn(session, secrets.username, secrets.token);
    const popup = await session.openExtensionPage('popup.html');
    await setPasswordChromium(popup, secrets.username, secrets.password);
    for (const account of newKindAccounts()) await request(popup, { type: 'account.save', account });
    // PIN unlock on: neither the PIN nor the key wrapped under it may reach the disk.
    expect(await request(popup, { type: 'vault.setPin', pin: 'Pin-on-disk-4417' })).toMatchObject({ ok: true });
    // A marker in the extension's own storage proves the search can see what is written.
    await session.serviceWorker.evaluate(() => chrome.storage.local.set({ marker: 'PlainMarker-7Qw2' }));
    await lockInPopup(session);
    await session.close();

    session = await start(profileDir);
    const again = await unlockInPopup(session, E2E_PASSPHRASE);
    await again.getByRole('button', { name: `More for ${secrets.username}` }).waitFor();
    await lockInPopup(session);
    await session.close();

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
});
