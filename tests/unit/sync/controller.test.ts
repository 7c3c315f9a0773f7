import { describe, expect, it } from 'vitest';
import { inputFromFlat } from '../../../utils/vault/flat';
import { createSyncController, type SyncStore } from '../../../utils/sync/controller';
import { PASS, testVault } from '../vault/helpers';
import { fakeSyncArea } from './fake-sync';

const clock = { now: Date.parse('2026-12-02T12:00:00.000Z') };

async function browser(passphrase: string | null) {
  const t = testVault({ serviceClock: clock });
  // null: a browser on its first screen, with no vault yet.
  if (passphrase !== null) await t.service.setup(passphrase);
  const area = fakeSyncArea(clock);
  let saved: Awaited<ReturnType<SyncStore['get']>> = { enabled: false };
  const scheduled: number[] = [];
  const sync = createSyncController({
    area: { get: area.get, set: area.set, remove: area.remove },
    store: { get: async () => saved, set: async (v) => void (saved = v) },
    vault: t.vault,
    schedule: (at) => scheduled.push(at),
    now: () => (clock.now += 1_000),
  });
  const add = (label: string) => t.service.saveAccount(inputFromFlat({ kind: 'other', label, username: label, password: `pw ${label}`, sites: [] }));
  const labels = async () => (await t.vault.accounts()).map((a) => a.label).sort();
  return { ...t, area, sync, add, labels, scheduled };
}

const copy = (from: { area: ReturnType<typeof fakeSyncArea> }, to: { area: ReturnType<typeof fakeSyncArea> }) => {
  to.area.items.clear();
  for (const [k, v] of from.area.items) to.area.items.set(k, v);
};

describe('turning sync on and off', () => {
  it('asks a second browser for the synced vault’s passphrase, refuses a wrong one, and with the right one merges its accounts in', async () => {
    const a = await browser(PASS);
    await a.add('from A');
    expect(await a.sync.enable()).toMatchObject({ enabled: true, state: 'on', accounts: 1 });

    const b = await browser('b’s own passphrase');
    await b.add('from B');
    copy(a, b);
    expect(await b.sync.enable()).toMatchObject({ enabled: false, state: 'needs-passphrase' });
    await expect(b.sync.enable('not that one at all')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect((await b.sync.status()).enabled).toBe(false);
    const joined = await b.sync.enable(PASS);
    expect(joined).toMatchObject({ enabled: true, state: 'on', accounts: 2 });
    expect(joined.last!.notices[0]).toBe('The account on this browser was merged into the synced vault.');
    expect(await b.labels()).toEqual(['from A', 'from B']);
    // The popup says it once, the next time it opens.
    expect(await b.sync.takeNotices()).toEqual(['The account on this browser was merged into the synced vault.']);
    expect(await b.sync.takeNotices()).toEqual([]);
  });

  it('lets a browser with no vault join the synced one from its first screen: a wrong passphrase makes nothing, the right one brings every account', async () => {
    const a = await browser(PASS);
    await a.add('from A');
    await a.sync.enable();
    const b = await browser(null);
    expect((await b.sync.status()).syncedVault).toBe(false);
    copy(a, b);
    expect((await b.sync.status()).syncedVault).toBe(true);
    await expect(b.sync.joinFromStart('not that one at all')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect(await b.vault.state()).toBe('uninitialized');
    expect(await b.sync.joinFromStart(PASS)).toMatchObject({ enabled: true, state: 'on', accounts: 1 });
    expect(await b.labels()).toEqual(['from A']);
    // The synced vault's passphrase is this browser's now; a second join is refused.
    await b.vault.lock();
    await b.vault.unlock(PASS);
    await expect(b.sync.joinFromStart(PASS)).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('stops writing when turned off, and leaves the vault here as it was', async () => {
    const a = await browser(PASS);
    await a.sync.enable();
    const before = new Map(a.area.items);
    await a.sync.disable();
    await a.add('after off');
    expect(await a.sync.run()).toBeUndefined();
    expect(a.area.items).toEqual(before);
    expect(await a.labels()).toEqual(['after off']);
  });

  it('removes the synced copy, and only Tokenkeep’s items, while the vault here keeps every account', async () => {
    const a = await browser(PASS);
    await a.add('kept');
    await a.area.set({ unrelated: 1 });
    await a.sync.enable();
    expect(await a.sync.remove()).toMatchObject({ enabled: false, state: 'off', accounts: 0 });
    expect([...a.area.items.keys()]).toEqual(['unrelated']);
    expect(await a.labels()).toEqual(['kept']);
  });

  it('sends nothing while locked, and asks for a round later; a deletion here travels once unlocked', async () => {
    const a = await browser(PASS);
    const gone = await a.add('to delete');
    await a.sync.enable();
    await a.service.deleteAccount(gone.id);
    await a.sync.deleted(gone.id);
    await a.vault.lock();
    const before = new Map(a.area.items);
    expect(await a.sync.run()).toBeUndefined();
    expect(a.area.items).toEqual(before);
    expect((await a.sync.status()).state).toBe('locked');
    await a.vault.unlock(PASS);
    expect(await a.sync.run()).toMatchObject({ written: 1 });
    a.sync.soon();
    expect(a.scheduled.at(-1)).toBeGreaterThan(clock.now);
  });
});
