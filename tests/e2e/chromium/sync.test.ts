/**
 * Sync between two Chromium profiles with the built extension: the real
 * storage.sync of each (local without a signed-in account), relayed as
 * Chrome Sync would, the real vaults, and the options page the user turns
 * sync on in.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { salesforceAccount, TOKEN } from '../support/accounts';
import { E2E_PASSPHRASE, setupVaultChromium } from '../support/flows';
import { pace, startChromium } from '../support/launch';
import { findSecretsOnDisk } from '../support/profile';
import { trackedSessions } from '../support/sessions';
import { accountIn, labelsIn, partByPart, passwordsIn, QUOTA_FILLER, relaySync, requestIn, syncItems } from '../support/sync';

const tracked = trackedSessions(startChromium);
const B_PASSPHRASE = 'b has its own passphrase first';
/** Rounds run a moment after a change; waits are for what the vault then holds. */
const settles = { timeout: 30_000 + pace.waitMs };

interface Profile {
  session: ChromiumSession;
  page: Page;
  request: (message: unknown) => Promise<any>;
  run: <T, A>(fn: (arg: A) => Promise<T>, arg: A) => Promise<T>;
}

async function profile(passphrase: string, profileDir?: string): Promise<Profile> {
  const session = await tracked.start({ profileDir });
  await setupVaultChromium(session, passphrase);
  const page = await session.openExtensionPage('options.html', { width: 900, height: 900 });
  const run = <T, A>(fn: (arg: A) => Promise<T>, arg: A) => page.evaluate(fn as never, arg) as Promise<T>;
  return { session, page, run, request: requestIn(run) };
}

const labels = (p: Profile) => labelsIn(p.request);
const account = (p: Profile, label: string) => accountIn(p.request, label);
/** Ticks "Sync this vault" in options, and waits for what the background answered. */
async function turnOn(p: Profile) {
  await p.page.getByLabel('Sync this vault through Chrome sync').click();
  await p.page
    .locator('#sync')
    .getByText(/writes this vault, encrypted|Passphrase of the synced vault|Browser sync is full/)
    .first()
    .waitFor();
}

/** A syncing, and B joined to its vault with A's passphrase from the options page. */
async function joined(): Promise<[Profile, Profile]> {
  const a = await profile(E2E_PASSPHRASE);
  await turnOn(a);
  await expect.poll(async () => Object.keys((await syncItems(a.run)) as object), settles).toContain('h');
  const b = await profile(B_PASSPHRASE);
  await relaySync(a.run, b.run);
  await turnOn(b);
  await b.page.getByLabel('Passphrase of the synced vault').fill(E2E_PASSPHRASE);
  await b.page.getByRole('button', { name: 'Join and sync' }).click();
  await b.page.getByText('Tokenkeep now writes this vault, encrypted, to Chrome’s sync storage.').waitFor();
  // The popup says what joining did, the next time it opens.
  const popup = await b.session.openExtensionPage('popup.html');
  await popup.getByRole('status').filter({ hasText: 'This browser now holds the synced vault.' }).waitFor();
  await popup.close();
  return [a, b];
}

describe('sync in Chromium', () => {
  it('a second browser joins the synced vault from its first screen, with no vault of its own made first; a wrong passphrase is said beside the field', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await a.request({ type: 'account.save', account: salesforceAccount({ label: 'Synced from A' }) });
    await turnOn(a);
    await expect.poll(async () => Object.keys((await syncItems(a.run)) as object), settles).toContain('h');
    const session = await tracked.start({});
    const page = await session.openExtensionPage('options.html', { width: 900, height: 900 });
    const run = <T, A>(fn: (arg: A) => Promise<T>, arg: A) => page.evaluate(fn as never, arg) as Promise<T>;
    await relaySync(a.run, run);
    const popup = await session.openExtensionPage('popup.html');
    await popup.getByRole('heading', { name: 'Join your synced vault' }).waitFor();
    const field = popup.getByLabel('Passphrase of the synced vault');
    await field.fill('not the synced passphrase');
    await popup.getByRole('button', { name: 'Join synced vault' }).click();
    await popup.getByText('That passphrase is not right.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill(E2E_PASSPHRASE);
    await popup.getByRole('button', { name: 'Join synced vault' }).click();
    await popup.getByRole('button', { name: 'More for Synced from A' }).waitFor();
    expect(await requestIn(run)({ type: 'sync.status' })).toMatchObject({ enabled: true, state: 'on' });
  });

  it('sync: an account added on A while B is locked appears on B at unlock, with A’s passphrase; an edit on B reaches A; a deletion on A reaches B', async () => {
    const [a, b] = await joined();
    // B is locked when the account arrives; the joined browser opens with the synced vault's passphrase.
    await b.request({ type: 'vault.lock' });
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await expect.poll(async () => Object.keys((await syncItems(a.run)) as object).length, settles).toBe(2);
    await relaySync(a.run, b.run);
    expect(await b.run((m) => chrome.runtime.sendMessage(m), { type: 'vault.unlock', passphrase: B_PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase' },
    });
    await b.request({ type: 'vault.unlock', passphrase: E2E_PASSPHRASE });
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    expect((await account(b, 'Acme prod')).fields.token).toBe(TOKEN);

    const before = JSON.stringify(await syncItems(b.run));
    const onB = await account(b, 'Acme prod');
    await b.request({ type: 'account.save', account: salesforceAccount({ id: onB.id, password: 'Changed-on-B-1' }) });
    await expect.poll(async () => JSON.stringify(await syncItems(b.run)), settles).not.toBe(before);
    await relaySync(b.run, a.run);
    await expect.poll(async () => (await account(a, 'Acme prod')).fields.password, settles).toBe('Changed-on-B-1');

    const onA = await account(a, 'Acme prod');
    const edited = JSON.stringify(await syncItems(a.run));
    await a.request({ type: 'account.delete', id: onA.id });
    await expect.poll(async () => JSON.stringify(await syncItems(a.run)), settles).not.toBe(edited);
    await relaySync(a.run, b.run);
    await expect.poll(() => labels(b), settles).toEqual([]);
  });

  it('sync: concurrent edits on A and B keep both passwords, the newer current', async () => {
    const [a, b] = await joined();
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await expect.poll(async () => Object.keys((await syncItems(a.run)) as object).length, settles).toBe(2);
    await relaySync(a.run, b.run);
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    const id = (await account(a, 'Acme prod')).id;
    const [itemsA, itemsB] = [JSON.stringify(await syncItems(a.run)), JSON.stringify(await syncItems(b.run))];
    await a.request({ type: 'account.save', account: salesforceAccount({ id, password: 'Edited-on-A-1' }) });
    await b.request({ type: 'account.save', account: salesforceAccount({ id, password: 'Edited-on-B-2' }) });
    await expect.poll(async () => JSON.stringify(await syncItems(a.run)), settles).not.toBe(itemsA);
    await expect.poll(async () => JSON.stringify(await syncItems(b.run)), settles).not.toBe(itemsB);
    // Chrome Sync keeps one of the two writes; here, B's. A merges it and writes the merge back.
    await relaySync(b.run, a.run);
    const passwords = (p: Profile) => passwordsIn(p.request, 'Acme prod');
    await expect.poll(() => passwords(a), settles).toEqual(['Edited-on-B-2', 'Edited-on-A-1', 'Pa55-word!']);
    await expect.poll(async () => JSON.stringify(await syncItems(a.run)), settles).not.toBe(JSON.stringify(await syncItems(b.run)));
    await relaySync(a.run, b.run);
    await expect.poll(() => passwords(b), settles).toEqual(['Edited-on-B-2', 'Edited-on-A-1', 'Pa55-word!']);
  });

  it('sync: a site removed and a password changed on A survive a later edit of the notes on B', async () => {
    const [a, b] = await joined();
    await a.request({ type: 'account.save', account: salesforceAccount({ sites: ['https://login.salesforce.com', 'https://apps.jitterbit.example'] }) });
    await expect.poll(async () => Object.keys((await syncItems(a.run)) as object).length, settles).toBe(2);
    await relaySync(a.run, b.run);
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    await partByPart(a, b, settles);
  });

  it('sync: a full quota gives a clear message, and the account stays on this browser', async () => {
    const a = await profile(E2E_PASSPHRASE);
    await a.request({ type: 'account.save', account: salesforceAccount() });
    const fillers = QUOTA_FILLER;
    await a.run((items) => chrome.storage.sync.set(items), fillers);
    await turnOn(a);
    await a.page.getByRole('alert').filter({ hasText: 'Browser sync is full' }).waitFor();
    expect(await labels(a)).toEqual(['Acme prod']);
    expect(Object.keys((await syncItems(a.run)) as object).sort()).toEqual(Object.keys(fillers));
  });

  it('sync: neither profile’s sync storage holds a secret, username or label in plain text', async () => {
    const dirs = await Promise.all([0, 1].map(() => mkdtemp(path.join(os.tmpdir(), 'tk-sync-'))));
    dirs.forEach((d) => tracked.removeAfter(d));
    const a = await profile(E2E_PASSPHRASE, dirs[0]);
    await turnOn(a);
    await a.request({ type: 'account.save', account: salesforceAccount() });
    await expect.poll(async () => Object.keys((await syncItems(a.run)) as object).length, settles).toBe(2);
    const b = await profile(B_PASSPHRASE, dirs[1]);
    await relaySync(a.run, b.run);
    await turnOn(b);
    await b.page.getByLabel('Passphrase of the synced vault').fill(E2E_PASSPHRASE);
    await b.page.getByRole('button', { name: 'Join and sync' }).click();
    await expect.poll(() => labels(b), settles).toEqual(['Acme prod']);
    // The account's item key: the search must find it there, or it proves nothing.
    const itemKey = Object.keys((await syncItems(b.run)) as object).find((k) => k !== 'h')!;
    await a.session.close();
    await b.session.close();
    for (const dir of dirs) {
      const syncDir = path.join(dir, 'Default', 'Sync Extension Settings');
      expect(await findSecretsOnDisk(syncDir, [itemKey])).not.toEqual([]);
      expect(await findSecretsOnDisk(syncDir, ['integration@acme.com', 'Acme prod', 'Pa55-word!', TOKEN, 'acme.my.salesforce.com'])).toEqual([]);
    }
  });
});
