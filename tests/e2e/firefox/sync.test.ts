/**
 * Sync between two Firefox profiles with the built add-on: each profile's
 * real storage.sync (kept locally without a Firefox account), relayed as
 * Firefox Sync would, the real vaults, and the options page.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { salesforceAccount, TOKEN } from '../support/accounts';
import { E2E_PASSPHRASE, setupVaultFirefox } from '../support/flows';
import { pace, startFirefox } from '../support/launch';
import { findSecretsOnDisk } from '../support/profile';
import { trackedSessions } from '../support/sessions';
import { QUOTA_FILLER, accountIn, labelsIn, partByPart, passwordsIn, relaySync, requestIn, syncItems } from '../support/sync';

const tracked = trackedSessions(startFirefox);
const B_PASSPHRASE = 'b has its own passphrase first';
/** Rounds run a moment after a change; waits are for what the vault then holds. */
const settles = { timeout: 30_000 + pace.waitMs };

interface Profile {
  session: FirefoxSession;
  page: Page;
  request: (message: unknown) => Promise<any>;
  run: <T, A>(fn: (arg: A) => Promise<T>, arg: A) => Promise<T>;
}

async function profile(passphrase: string, profileDir?: string): Promise<Profile> {
  const session = await tracked.start({ profileDir });
  await setupVaultFirefox(session, passphrase);
  const page = await session.openExtensionPage('options.html');
  await page.waitForSelector('#sync-heading');
  const run = <T, A>(fn: (arg: A) => Promise<T>, arg: A) => page.evaluate(fn as never, arg) as Promise<T>;
  return { session, page, run, request: requestIn(run) };
}

const labels = (p: Profile) => labelsIn(p.request);
const account = (p: Profile, label: string) => accountIn(p.request, label);
const keys = async (p: Profile) => Object.keys((await syncItems(p.run)) as object);
const sectionShows = (p: Profile, text: string) =>
  p.page.waitForFunction((t) => document.querySelector('#sync')!.textContent!.includes(t), { timeout: settles.timeout }, text);

/** Ticks "Sync this vault" in options; for B, joins with A's passphrase. */
async function turnOn(p: Profile, join?: string) {
  await p.page.click('::-p-aria(Sync this vault through Firefox sync)');
  if (!join) return sectionShows(p, 'Tokenkeep now writes this vault, encrypted, to Firefox’s sync storage.');
  await sectionShows(p, 'Passphrase of the synced vault');
  await p.page.type('#sync-pass', join);
  await p.page.click('::-p-aria(Join and sync)');
  await sectionShows(p, 'Tokenkeep now writes this vault, encrypted, to Firefox’s sync storage.');
}

describe('sync in Firefox', () => {
  it('a second browser joins the synced vault from its first screen, with no vault of its own made first', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await a.request({ type: 'account.save', account: salesforceAccount({ label: 'Synced from A' }) });
    await turnOn(a);
    await expect.poll(async () => (await keys(a)).includes('h'), settles).toBe(true);
    const session = await tracked.start({});
    const page = await session.openExtensionPage('options.html');
    const run = <T, A>(fn: (arg: A) => Promise<T>, arg: A) => page.evaluate(fn as never, arg) as Promise<T>;
    await relaySync(a.run, run);
    const popup = await session.openExtensionPage('popup.html');
    await popup.waitForSelector('#join-pass');
    await popup.type('#join-pass', 'not the synced passphrase');
    await popup.click('button[type="submit"]');
    await popup.waitForSelector('#join-pass[aria-invalid="true"]');
    await popup.$eval('#join-pass', (el) => void ((el as HTMLInputElement).value = ''));
    await popup.type('#join-pass', E2E_PASSPHRASE);
    await popup.click('button[type="submit"]');
    await popup.waitForSelector('button[aria-label="More for Synced from A"]');
  });

  it('sync: an account added on A while B is locked appears on B at unlock, with A’s passphrase; an edit on B reaches A; a deletion on A reaches B', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await turnOn(a);
    await expect.poll(async () => (await keys(a)).length, settles).toBe(1);
    const b = await profile(B_PASSPHRASE);
    await relaySync(a.run, b.run);
    await turnOn(b, E2E_PASSPHRASE);
    // B is locked when the account arrives; the joined browser opens with the synced vault's passphrase.
    await b.request({ type: 'vault.lock' });
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await expect.poll(async () => (await keys(a)).length, settles).toBe(2);
    await relaySync(a.run, b.run);
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

  it('sync: concurrent edits on A and B keep both passwords, the newer current', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await turnOn(a);
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await expect.poll(async () => (await keys(a)).length, settles).toBe(2);
    const b = await profile(B_PASSPHRASE);
    await relaySync(a.run, b.run);
    await turnOn(b, E2E_PASSPHRASE);
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    const id = (await account(a, 'Acme prod')).id;
    const [itemsA, itemsB] = [JSON.stringify(await syncItems(a.run)), JSON.stringify(await syncItems(b.run))];
    await a.request({ type: 'account.save', account: salesforceAccount({ id, password: 'Edited-on-A-1' }) });
    await b.request({ type: 'account.save', account: salesforceAccount({ id, password: 'Edited-on-B-2' }) });
    await expect.poll(async () => JSON.stringify(await syncItems(a.run)), settles).not.toBe(itemsA);
    await expect.poll(async () => JSON.stringify(await syncItems(b.run)), settles).not.toBe(itemsB);
    // Firefox Sync keeps one of the two writes; here, A's. B merges it and writes the merge back.
    await relaySync(a.run, b.run);
    const passwords = (p: Profile) => passwordsIn(p.request, 'Acme prod');
    await expect.poll(() => passwords(b), settles).toEqual(['Edited-on-B-2', 'Edited-on-A-1', 'Pa55-word!']);
    await expect.poll(async () => JSON.stringify(await syncItems(b.run)), settles).not.toBe(JSON.stringify(await syncItems(a.run)));
    await relaySync(b.run, a.run);
    await expect.poll(() => passwords(a), settles).toEqual(['Edited-on-B-2', 'Edited-on-A-1', 'Pa55-word!']);
  });

  it('sync: a site removed and a password changed on A survive a later edit of the notes on B', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await turnOn(a);
    await a.request({ type: 'account.save', account: salesforceAccount({ sites: ['https://login.salesforce.com', 'https://apps.jitterbit.example'] }) });
    await expect.poll(async () => (await keys(a)).length, settles).toBe(2);
    const b = await profile(B_PASSPHRASE);
    await relaySync(a.run, b.run);
    await turnOn(b, E2E_PASSPHRASE);
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    await partByPart(a, b, settles);
  });

  it('sync: a full quota gives a clear message, and the account stays on this browser', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await a.request({ type: 'account.save', account: salesforceAccount() });
    const fillers = QUOTA_FILLER;
    await a.run((items) => (globalThis as unknown as { browser: typeof chrome }).browser.storage.sync.set(items), fillers);
    await a.page.click('::-p-aria(Sync this vault through Firefox sync)');
    await sectionShows(a, 'Browser sync is full');
    expect(await labels(a)).toEqual(['Acme prod']);
    expect((await keys(a)).sort()).toEqual(Object.keys(fillers));
  });

  it('sync: neither profile’s sync storage holds a secret, username or label in plain text', async () => {
    const dirs = await Promise.all([0, 1].map(() => mkdtemp(path.join(os.tmpdir(), 'tk-ff-sync-'))));
    dirs.forEach((d) => tracked.removeAfter(d));
    const a = await profile(E2E_PASSPHRASE, dirs[0]);
    await turnOn(a);
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await expect.poll(async () => (await keys(a)).length, settles).toBe(2);
    const b = await profile(B_PASSPHRASE, dirs[1]);
    await relaySync(a.run, b.run);
    await turnOn(b, E2E_PASSPHRASE);
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    const itemKey = (await keys(b)).find((k) => k !== 'h')!;
    await a.session.close();
    await b.session.close();
    for (const dir of dirs) {
      // Firefox keeps storage.sync in this database, synced or not.
      const found = await findSecretsOnDisk(dir, [itemKey, 'integration@acme.com', 'Acme prod', 'Pa55-word!', TOKEN, 'acme.my.salesforce.com']);
      expect(found.filter((f) => f.secret === itemKey).map((f) => f.file)).toContain('storage-sync-v2.sqlite');
      expect(found.filter((f) => f.file.startsWith('storage-sync') && f.secret !== itemKey)).toEqual([]);
    }
  });
});
