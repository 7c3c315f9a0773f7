/**
 * Sync between two profiles of one browser with the built extension: the
 * real storage.sync of each (local without a signed-in account), relayed as
 * the browser's sync would, the real vaults, and the options page the user
 * turns sync on in. Run in Chromium and in Firefox alike.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_PASSPHRASE } from '../../../scripts/lib/flows';
import { salesforceAccount, TOKEN } from '../support/accounts';
import type { Running, Tab } from '../support/driver';
import { driver } from '../support/drivers';
import { pace } from '../support/launch';
import { findSecretsOnDisk } from '../support/profile';
import { trackedSessions } from '../support/sessions';
import { setUpVault } from '../support/steps';
import { accountIn, labelsIn, partByPart, passwordsIn, QUOTA_FILLER, relaySync, requestIn, syncItems } from '../support/sync';

const browser = await driver();
const tracked = trackedSessions((options?: { profileDir?: string }) => browser.start(options));
const B_PASSPHRASE = 'b has its own passphrase first';
/** Rounds run a moment after a change; waits are for what the vault then holds. */
const settles = { timeout: 30_000 + pace.waitMs };
const TURNED_ON = `Tokenkeep now writes this vault, encrypted, to ${browser.syncName}’s sync storage.`;

interface Profile {
  browser: Running;
  page: Tab;
  request: (message: unknown) => Promise<any>;
  run: <T, A>(fn: (arg: A) => Promise<T>, arg: A) => Promise<T>;
}

function profileOf(b: Running, page: Tab): Profile {
  const run = <T, A>(fn: (arg: A) => Promise<T>, arg: A) => page.evaluate(fn, arg);
  return { browser: b, page, run, request: requestIn(run) };
}

async function profile(passphrase: string, profileDir?: string): Promise<Profile> {
  const b = await tracked.start(profileDir ? { profileDir } : {});
  await (await setUpVault(b, passphrase)).close();
  const page = await b.extensionPage('options.html', { width: 900, height: 900 });
  await page.waitFor('#sync-heading');
  return profileOf(b, page);
}

const labels = (p: Profile) => labelsIn(p.request);
const account = (p: Profile, label: string) => accountIn(p.request, label);
const keys = async (p: Profile) => Object.keys((await syncItems(p.run)) as object);

/** Ticks "Sync this vault" in options; with a passphrase, joins the vault already in sync storage with it. */
async function turnOn(p: Profile, join?: string) {
  await p.page.click({ label: `Sync this vault through ${browser.syncName} sync` });
  if (join) {
    await p.page.fill('#sync-pass', join);
    await p.page.click({ role: 'button', name: 'Join and sync' });
  }
  await p.page.showsText(TURNED_ON);
}

/** A syncing with one account, and B joined to its vault with A's passphrase from the options page. */
async function joined(accountOnA = salesforceAccount()): Promise<[Profile, Profile]> {
  const a = await profile(E2E_PASSPHRASE);
  await turnOn(a);
  await a.request({ type: 'account.save', account: accountOnA });
  await expect.poll(async () => (await keys(a)).length, settles).toBe(2);
  const b = await profile(B_PASSPHRASE);
  await relaySync(a.run, b.run);
  await turnOn(b, E2E_PASSPHRASE);
  await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
  return [a, b];
}

describe(`sync in ${browser.name}`, () => {
  it('a second browser joins the synced vault from its first screen, with no vault of its own made first; a wrong passphrase is said beside the field', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await a.request({ type: 'account.save', account: salesforceAccount({ label: 'Synced from A' }) });
    await turnOn(a);
    await expect.poll(async () => (await keys(a)).includes('h'), settles).toBe(true);
    const fresh = await tracked.start({});
    const other = profileOf(fresh, await fresh.extensionPage('options.html', { width: 900, height: 900 }));
    await relaySync(a.run, other.run);
    const popup = await fresh.extensionPage('popup.html');
    await popup.waitFor({ role: 'heading', name: 'Join your synced vault' });
    await popup.fill('#join-pass', 'not the synced passphrase');
    await popup.click({ role: 'button', name: 'Join synced vault' });
    await popup.showsText('That passphrase is not right.');
    expect(await popup.attribute('#join-pass', 'aria-invalid')).toBe('true');
    await popup.fill('#join-pass', E2E_PASSPHRASE);
    await popup.click({ role: 'button', name: 'Join synced vault' });
    await popup.waitFor({ role: 'button', name: 'More for Synced from A' });
    expect(await other.request({ type: 'sync.status' })).toMatchObject({ enabled: true, state: 'on' });
  });

  it('an account added on A while B is locked appears on B at unlock, with A’s passphrase; an edit on B reaches A; a deletion on A reaches B', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await turnOn(a);
    await expect.poll(() => keys(a), settles).toEqual(['h']);
    const b = await profile(B_PASSPHRASE);
    await relaySync(a.run, b.run);
    await turnOn(b, E2E_PASSPHRASE);
    // The popup says what joining did, the next time it opens.
    const popup = await b.browser.popup();
    await popup.showsText('This browser now holds the synced vault.');
    await popup.close();
    // B is locked when the account arrives; the joined browser opens with the synced vault's passphrase.
    await b.request({ type: 'vault.lock' });
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await expect.poll(async () => (await keys(a)).length, settles).toBe(2);
    await relaySync(a.run, b.run);
    expect(await b.page.request({ type: 'vault.unlock', passphrase: B_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await b.request({ type: 'vault.unlock', passphrase: E2E_PASSPHRASE });
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    expect((await account(b, 'Acme prod')).fields.token).toBe(TOKEN);

    const before = JSON.stringify(await syncItems(b.run));
    await b.request({ type: 'account.save', account: salesforceAccount({ id: (await account(b, 'Acme prod')).id, password: 'Changed-on-B-1' }) });
    await expect.poll(async () => JSON.stringify(await syncItems(b.run)), settles).not.toBe(before);
    await relaySync(b.run, a.run);
    await expect.poll(async () => (await account(a, 'Acme prod')).fields.password, settles).toBe('Changed-on-B-1');

    const edited = JSON.stringify(await syncItems(a.run));
    await a.request({ type: 'account.delete', id: (await account(a, 'Acme prod')).id });
    await expect.poll(async () => JSON.stringify(await syncItems(a.run)), settles).not.toBe(edited);
    await relaySync(a.run, b.run);
    await expect.poll(() => labels(b), settles).toEqual([]);
  });

  it('concurrent edits on A and B keep both passwords, the newer current', async () => {
    const [a, b] = await joined();
    const id = (await account(a, 'Acme prod')).id;
    const [itemsA, itemsB] = [JSON.stringify(await syncItems(a.run)), JSON.stringify(await syncItems(b.run))];
    await a.request({ type: 'account.save', account: salesforceAccount({ id, password: 'Edited-on-A-1' }) });
    await b.request({ type: 'account.save', account: salesforceAccount({ id, password: 'Edited-on-B-2' }) });
    await expect.poll(async () => JSON.stringify(await syncItems(a.run)), settles).not.toBe(itemsA);
    await expect.poll(async () => JSON.stringify(await syncItems(b.run)), settles).not.toBe(itemsB);
    // The browser's sync keeps one of the two writes; here, B's. A merges it and writes the merge back.
    await relaySync(b.run, a.run);
    const passwords = (p: Profile) => passwordsIn(p.request, 'Acme prod');
    await expect.poll(() => passwords(a), settles).toEqual(['Edited-on-B-2', 'Edited-on-A-1', 'Pa55-word!']);
    await expect.poll(async () => JSON.stringify(await syncItems(a.run)), settles).not.toBe(JSON.stringify(await syncItems(b.run)));
    await relaySync(a.run, b.run);
    await expect.poll(() => passwords(b), settles).toEqual(['Edited-on-B-2', 'Edited-on-A-1', 'Pa55-word!']);
  });

  it('a site removed and a password changed on A survive a later edit of the notes on B', async () => {
    const [a, b] = await joined(salesforceAccount({ sites: ['https://login.salesforce.com', 'https://apps.jitterbit.example'] }));
    await partByPart(a, b, settles);
  });

  it('a full quota gives a clear message, and the account stays on this browser', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await a.run((items) => ((globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome).storage.sync.set(items), QUOTA_FILLER);
    await a.page.click({ label: `Sync this vault through ${browser.syncName} sync` });
    await a.page.showsText('Browser sync is full');
    expect(await labels(a)).toEqual(['Acme prod']);
    expect((await keys(a)).sort()).toEqual(Object.keys(QUOTA_FILLER));
  });

  it('neither profile’s sync storage holds a secret, username or label in plain text', async () => {
    const dirs = await Promise.all([0, 1].map(async () => tracked.removeAfter(await mkdtemp(path.join(os.tmpdir(), `tk-${browser.name}-sync-`)))));
    const a = await profile(E2E_PASSPHRASE, dirs[0]);
    await turnOn(a);
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await expect.poll(async () => (await keys(a)).length, settles).toBe(2);
    const b = await profile(B_PASSPHRASE, dirs[1]);
    await relaySync(a.run, b.run);
    await turnOn(b, E2E_PASSPHRASE);
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    // The account's item key: the search must find it there, or it proves nothing.
    const itemKey = (await keys(b)).find((k) => k !== 'h')!;
    await a.browser.close();
    await b.browser.close();
    for (const dir of dirs) {
      const store = browser.syncStorage(dir!);
      const found = (await findSecretsOnDisk(store.dir, [itemKey, 'integration@acme.com', 'Acme prod', 'Pa55-word!', TOKEN, 'acme.my.salesforce.com'])).filter(
        (f) => store.files.test(f.file),
      );
      expect(found.filter((f) => f.secret === itemKey)).not.toEqual([]);
      expect(found.filter((f) => f.secret !== itemKey)).toEqual([]);
    }
  });
});
