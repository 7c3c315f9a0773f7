/**
 * Two browsers, each with its own vault on its own disk and its own
 * storage.sync, relayed by copying one's items into the other as the
 * browsers' sync would. The vaults are real (fake-indexeddb, WebCrypto);
 * storage.sync is the fake that refuses as Chrome does.
 */
import { describe, expect, it } from 'vitest';
import { inputFromFlat } from '../../../utils/vault/flat';
import { syncRound } from '../../../utils/sync/engine';
import { DELETION_KEPT_MS } from '../../../utils/sync/rewrite';
import type { SyncReport, SyncState } from '../../../utils/sync/round';
import { HEADER_KEY, writeHeader } from '../../../utils/sync/header';
import { DELETIONS_KEY, itemKeyFor, openDeletions, sealItem } from '../../../utils/sync/items';
import { joinSyncedVault, syncVaultOf } from '../../../utils/sync/vault-adapter';
import type { Account } from '../../../utils/vault/account';
import { inputOf, KIND_SAMPLES, PASS, testVault } from '../vault/helpers';
import { fakeSyncArea } from './fake-sync';

/** One clock for the engine and the vaults' dates, moved on by each step: nothing here depends on how fast the machine is. */
const clock = { now: Date.parse('2026-12-02T12:00:00.000Z') };

async function browser(writer: string, passphrase = PASS) {
  const t = testVault({ clock, serviceClock: clock });
  await t.service.setup(passphrase);
  const area = fakeSyncArea(clock);
  let state: SyncState = { writer, synced: {}, deleted: {}, writes: [] };
  return {
    ...t,
    area,
    get state() {
      return state;
    },
    /** One round; `keepState: false` is a worker killed before it saved what the round did. */
    async sync({ keepState = true } = {}): Promise<SyncReport> {
      clock.now += 1_000;
      const { report, state: next } = await syncRound({ area, vault: await syncVaultOf(t.vault), state, now: clock.now });
      if (keepState) state = next;
      return report;
    },
    async add(n: number): Promise<Account> {
      clock.now += 1_000;
      return t.service.saveAccount(
        inputFromFlat({
          kind: 'salesforce',
          label: `Org ${n}`,
          username: `user${n}@acme.com`,
          password: `password ${n}`,
          token: `Tk${String(n).padStart(4, '0')}Ab7Cd0Ef3Gh6Ij9Kl`,
          environment: 'production',
          sites: [],
        }),
      );
    },
    /** An account whose notes (random, so they do not compress) make it too large for one item. */
    async addLarge(n: number): Promise<Account> {
      clock.now += 1_000;
      const notes = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(7_499))));
      return t.service.saveAccount(inputFromFlat({ kind: 'other', label: `Big ${n}`, username: `big${n}`, password: 'pw', notes, sites: [] }));
    },
    async setPassword(id: string, password: string) {
      clock.now += 1_000;
      await t.service.saveAccount(inputOf(await t.service.getAccount(id), { password }));
    },
    /** An edit in the popup's form: any field, the sites, the notes. */
    async edit(id: string, changes: Record<string, unknown>) {
      clock.now += 1_000;
      return t.service.saveAccount(inputOf(await t.service.getAccount(id), changes));
    },
    get: (id: string) => t.service.getAccount(id),
    /** A deletion, and what the background notes for sync when the undo window has passed. */
    async remove(id: string) {
      await t.service.deleteAccount(id);
      state = { ...state, deleted: { ...state.deleted, [id]: new Date(clock.now).toISOString() } };
    },
    /** What the background does after a passphrase change here. */
    rekeyed() {
      state = { ...state, rekeyed: true };
    },
    has: async (id: string) => (await t.vault.accounts()).some((a) => a.id === id),
    secrets: async (id: string, field: string) => {
      const a = (await t.vault.accounts()).find((x) => x.id === id)!;
      return [a.fields[field], ...a.history.filter((h) => h.field === field).map((h) => h.value)];
    },
  };
}
type Browser = Awaited<ReturnType<typeof browser>>;

/** What the browser's sync does: the other profile's items, as they are. */
function relay(from: Browser, to: Browser) {
  to.area.items.clear();
  for (const [k, v] of from.area.items) to.area.items.set(k, v);
}

/** A, with a synced vault, and B joined to it with A's passphrase. */
async function pair(): Promise<[Browser, Browser]> {
  const a = await browser('a');
  const b = await browser('b', 'b’s own passphrase, before joining');
  await a.sync();
  relay(a, b);
  expect(await b.sync()).toMatchObject({ otherVault: true, applied: 0, written: 0 });
  await joinSyncedVault(b.vault, JSON.parse(b.area.items.get(HEADER_KEY)!), PASS);
  return [a, b];
}

describe('sync between two browsers', () => {
  it('joins B to A’s vault with A’s passphrase, merging B’s own accounts in, and B then opens with that passphrase', async () => {
    const a = await browser('a');
    const fromA = await a.add(1);
    await a.sync();
    const b = await browser('b', 'b’s own passphrase, before joining');
    const fromB = await b.add(2);
    relay(a, b);
    await expect(joinSyncedVault(b.vault, JSON.parse(b.area.items.get(HEADER_KEY)!), 'b’s own passphrase, before joining')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await joinSyncedVault(b.vault, JSON.parse(b.area.items.get(HEADER_KEY)!), PASS);
    expect(await b.sync()).toMatchObject({ applied: 1, written: 1, problems: [] });
    relay(b, a);
    await a.sync();
    for (const x of [a, b]) expect((await x.vault.accounts()).map((acc) => acc.label).sort()).toEqual([fromA.label, fromB.label]);
    await b.vault.lock();
    await expect(b.vault.unlock('b’s own passphrase, before joining')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await b.vault.unlock(PASS);
    expect(await b.has(fromB.id)).toBe(true);
  });

  it('carries an added account from A to B, an edit back from B to A, and a deletion from A to B', async () => {
    const [a, b] = await pair();
    const org = await a.add(3);
    expect(await a.sync()).toMatchObject({ written: 1, problems: [] });
    relay(a, b);
    expect(await b.sync()).toMatchObject({ applied: 1, written: 0 });
    expect(await b.secrets(org.id, 'token')).toEqual([org.fields.token]);

    await b.setPassword(org.id, 'changed on B');
    expect(await b.sync()).toMatchObject({ written: 1 });
    relay(b, a);
    expect(await a.sync()).toMatchObject({ applied: 1, written: 0 });
    expect((await a.secrets(org.id, 'password'))[0]).toBe('changed on B');

    await a.remove(org.id);
    expect(await a.sync()).toMatchObject({ written: 1 });
    relay(a, b);
    expect(await b.sync()).toMatchObject({ applied: 1 });
    expect(await b.has(org.id)).toBe(false);
    // Nothing more to say: a quiet round writes nothing.
    expect(await b.sync()).toMatchObject({ applied: 0, written: 0 });
    expect(await a.sync()).toMatchObject({ applied: 0, written: 0 });
  });

  // Sync storage keeps one of two writes made at once; either way, the other browser merges it and writes the merge.
  it.each(['B', 'A'] as const)(
    'keeps both secrets of edits made on both browsers at once when sync storage kept %s’s, and both end with the same account',
    async (kept) => {
      const [a, b] = await pair();
      const org = await a.add(4);
      await a.sync();
      relay(a, b);
      await b.sync();
      await a.setPassword(org.id, 'edited on A');
      await b.setPassword(org.id, 'edited on B, later');
      await a.sync();
      await b.sync();
      const [winner, other] = kept === 'B' ? [b, a] : [a, b];
      relay(winner, other);
      expect(await other.sync()).toMatchObject({ applied: 1, written: 1 });
      relay(other, winner);
      await winner.sync();
      expect(await a.secrets(org.id, 'password')).toEqual(['edited on B, later', 'edited on A', 'password 4']);
      expect(await b.secrets(org.id, 'password')).toEqual(await a.secrets(org.id, 'password'));
    },
  );

  it('after a passphrase change on A, writes the vault again under A’s new key; B, which cannot open it, joins with the new passphrase and loses nothing', async () => {
    const [a, b] = await pair();
    const shared = await a.add(5);
    await a.sync();
    relay(a, b);
    await b.sync();
    const onlyB = await b.add(50);
    await a.vault.changePassphrase(PASS, 'a brand new passphrase');
    a.rekeyed();
    expect((await a.sync()).notices).toEqual(['The synced vault is now sealed under the new passphrase. Other browsers ask for it before they sync again.']);
    const quiet = await a.sync();
    expect([quiet.applied, quiet.written, quiet.otherVault, quiet.notices]).toEqual([0, 0, undefined, []]);
    relay(a, b);
    // B holds the old key: the synced vault is not one it can open, and it writes nothing over it.
    const before = new Map(b.area.items);
    expect(await b.sync()).toMatchObject({ otherVault: true, written: 0 });
    expect(b.area.items).toEqual(before);
    await expect(joinSyncedVault(b.vault, JSON.parse(b.area.items.get(HEADER_KEY)!), PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    // A wrong passphrase for the synced vault costs B no unlock attempt.
    expect((await b.vault.throttle()).failures).toBe(0);
    await joinSyncedVault(b.vault, JSON.parse(b.area.items.get(HEADER_KEY)!), 'a brand new passphrase');
    await b.sync();
    relay(b, a);
    await a.sync();
    for (const x of [a, b]) expect((await x.vault.accounts()).map((acc) => acc.id).sort()).toEqual([shared.id, onlyB.id].sort());
    for (const x of [a, b]) {
      await x.vault.lock();
      await expect(x.vault.unlock(PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
      await x.vault.unlock('a brand new passphrase');
    }
  });

  it('reads nothing from, and writes nothing to, sync storage that holds another vault', async () => {
    const a = await browser('a');
    const stranger = await browser('s', 'someone else’s passphrase');
    await stranger.add(6);
    await stranger.sync();
    relay(stranger, a);
    const before = new Map(a.area.items);
    await a.add(7);
    expect(await a.sync()).toMatchObject({ otherVault: true, applied: 0, written: 0 });
    expect(a.area.items).toEqual(before);
  });

  it('reports an item changed outside Tokenkeep by its key, and applies every other', async () => {
    const [a, b] = await pair();
    const [one, two] = [await a.add(8), await a.add(9)];
    await a.sync();
    relay(a, b);
    const bad = itemKeyFor(one.id);
    const value = JSON.parse(b.area.items.get(bad)!) as string;
    b.area.items.set(bad, JSON.stringify(value.slice(0, 30) + (value[30] === 'x' ? 'y' : 'x') + value.slice(31)));
    const report = await b.sync();
    expect(report.problems.map((p) => [p.itemKey, p.reason])).toEqual([[bad, 'tampered']]);
    expect([await b.has(one.id), await b.has(two.id)]).toEqual([false, true]);
  });

  it('does not apply an older item put back in place of a newer one', async () => {
    const [a, b] = await pair();
    const org = await a.add(10);
    await a.sync();
    relay(a, b);
    await b.sync();
    const old = a.area.items.get(itemKeyFor(org.id))!;
    await a.setPassword(org.id, 'newer');
    await a.sync();
    relay(a, b);
    await b.sync();
    b.area.items.set(itemKeyFor(org.id), old);
    expect(await b.sync()).toMatchObject({ applied: 0 });
    expect((await b.secrets(org.id, 'password'))[0]).toBe('newer');
  });

  it('loses nothing when sync storage is full: it says so, keeps the change here, and sends it once there is room', async () => {
    const a = await browser('a');
    // Most of the quota taken by what another extension page left there.
    a.area.items.set('other', JSON.stringify('x'.repeat(102_000)));
    const org = await a.add(11);
    const report = await a.sync();
    expect(report.refused).toMatch(/Browser sync is full/);
    expect(report.written).toBe(0);
    expect(await a.has(org.id)).toBe(true);
    a.area.items.delete('other');
    const retried = await a.sync();
    expect(retried.written).toBe(1);
    expect(retried.refused).toBeUndefined();
  });

  it('sends the other accounts when one is too large for an item, and names the one that stays here', async () => {
    const a = await browser('a');
    const small = await a.add(15);
    const big = await a.addLarge(16);
    const report = await a.sync();
    expect(report.refused).toContain(`${big.label} is too large to sync`);
    expect(report.written).toBe(1);
    expect([...a.area.items.keys()]).toContain(itemKeyFor(small.id));
    expect([...a.area.items.keys()]).not.toContain(itemKeyFor(big.id));
    expect(await a.has(big.id)).toBe(true);
  });

  it('loses nothing when the browser refuses a write for the rate: it says so, and the next round sends it', async () => {
    const a = await browser('a');
    const org = await a.add(14);
    // Another page of the extension used up this minute's writes.
    for (let i = 0; i < 120; i++) await a.area.set({ [`other${i}`]: i });
    const refused = await a.sync();
    expect(refused.refused).toMatch(/did not take the changes .*MAX_WRITE_OPERATIONS_PER_MINUTE/);
    expect(await a.has(org.id)).toBe(true);
    clock.now += 60_000;
    expect(await a.sync()).toMatchObject({ written: 1 });
  });

  it('applies the same items again, and loses nothing, after a worker killed before it saved its state', async () => {
    const [a, b] = await pair();
    const org = await a.add(12);
    await a.sync();
    relay(a, b);
    await b.sync({ keepState: false });
    expect(await b.sync()).toMatchObject({ problems: [] });
    expect((await b.vault.accounts()).filter((x) => x.fields.username === org.fields.username)).toHaveLength(1);
    expect(await b.sync()).toMatchObject({ applied: 0, written: 0 });
  });
});

describe('merging an account changed on both browsers, part by part', () => {
  /** A and B with one account, synced on both. */
  async function shared() {
    const [a, b] = await pair();
    clock.now += 1_000;
    const org = await a.service.saveAccount(
      inputFromFlat({
        kind: 'salesforce',
        label: 'Acme prod',
        username: 'ops@acme.com',
        password: 'first password',
        token: 'Tk0001Ab7Cd0Ef3Gh6Ij9Kl',
        totp: 'JBSWY3DPEHPK3PXP',
        environment: 'production',
        notes: 'rotate in March',
        sites: ['https://login.salesforce.com', 'https://apps.jitterbit.example'],
      }),
    );
    await a.sync();
    relay(a, b);
    await b.sync();
    return { a, b, id: org.id };
  }
  /** Each browser's change reaches the other, in either order, and both end with the same account. */
  async function exchange(a: Browser, b: Browser) {
    await a.sync();
    await b.sync();
    relay(a, b);
    const merged = await b.sync();
    relay(b, a);
    await a.sync();
    return merged;
  }

  it('keeps a site removed on A when B changed only the notes, and B’s notes', async () => {
    const { a, b, id } = await shared();
    await a.edit(id, { sites: ['https://login.salesforce.com'] });
    await b.edit(id, { notes: 'rotate in April' });
    expect((await exchange(a, b)).notices).toEqual([]);
    for (const x of [a, b]) expect(await x.get(id)).toMatchObject({ sites: ['https://login.salesforce.com'], notes: 'rotate in April' });
  });

  it('keeps a TOTP secret and the notes removed on A, when B changed the label later', async () => {
    const { a, b, id } = await shared();
    await a.edit(id, { totp: '', notes: '' });
    await b.edit(id, { label: 'Acme production' });
    await exchange(a, b);
    for (const x of [a, b]) {
      const account = await x.get(id);
      expect([account.label, account.fields.totp, account.notes]).toEqual(['Acme production', undefined, undefined]);
    }
  });

  it('keeps a password changed on A current when B made a later, unrelated edit', async () => {
    const { a, b, id } = await shared();
    await a.setPassword(id, 'changed on A');
    await b.edit(id, { notes: 'a later edit on B' });
    await exchange(a, b);
    for (const x of [a, b]) {
      expect(await x.secrets(id, 'password')).toEqual(['changed on A', 'first password']);
      expect((await x.get(id)).notes).toBe('a later edit on B');
    }
  });

  it('keeps both values of a true conflict, the newer current, and says so once', async () => {
    const { a, b, id } = await shared();
    await a.setPassword(id, 'changed on A');
    await b.setPassword(id, 'changed on B, later');
    const report = await exchange(a, b);
    expect(report.notices).toEqual(['Acme prod: its password changed on this browser and another. The newer is current; an earlier secret is in its history.']);
    for (const x of [a, b]) expect((await x.secrets(id, 'password')).sort()).toEqual(['changed on A', 'changed on B, later', 'first password'].sort());
    expect((await a.secrets(id, 'password'))[0]).toBe('changed on B, later');
    expect(await a.sync()).toMatchObject({ notices: [] });
  });

  it('keeps the private key that stays on A when B edits the account, and carries B’s edit', async () => {
    const [a, b] = await pair();
    clock.now += 1_000;
    const jwt = await a.service.saveAccount(inputFromFlat({ kind: 'salesforce-jwt', label: 'CI deploy', ...KIND_SAMPLES['salesforce-jwt'], sites: [] }));
    await a.sync();
    relay(a, b);
    await b.sync();
    expect((await b.get(jwt.id)).fields.privateKey).toBeUndefined();
    // An edit on B, where the key is not (the form would ask for it; the vault takes the edit as the form would write it).
    clock.now += 1_000;
    await b.vault.putMany([{ ...(await b.get(jwt.id)), notes: 'edited on B', updatedAt: new Date(clock.now).toISOString() }]);
    await b.sync();
    relay(b, a);
    await a.sync();
    expect(await a.get(jwt.id)).toMatchObject({ notes: 'edited on B', fields: { privateKey: KIND_SAMPLES['salesforce-jwt']!.privateKey } });
  });
});

describe('items put back, and what another version wrote', () => {
  it('reports an older item put back, writes the current one over it, and a new browser refuses the old one too', async () => {
    const [a, b] = await pair();
    const org = await a.add(60);
    await a.sync();
    const old = a.area.items.get(itemKeyFor(org.id))!;
    await a.setPassword(org.id, 'newer');
    await a.sync();
    a.area.items.set(itemKeyFor(org.id), old);
    expect((await a.sync()).notices).toEqual([
      `An older copy of ${org.label} was put back in browser sync. It was not used, and the current one was written over it.`,
    ]);
    relay(a, b);
    await b.sync();
    expect((await b.secrets(org.id, 'password'))[0]).toBe('newer');
    // The old item again, now for a browser that never saw the newer one: the header's floor refuses it.
    a.area.items.set(itemKeyFor(org.id), old);
    const fresh = await browser('c', 'c’s own passphrase');
    relay(a, fresh);
    await joinSyncedVault(fresh.vault, JSON.parse(fresh.area.items.get(HEADER_KEY)!), PASS);
    const report = await fresh.sync();
    expect(report.notices).toEqual([
      `An older copy of ${org.label} was put back in browser sync. It was not used; the browser that holds the current one writes it again.`,
    ]);
    expect(await fresh.has(org.id)).toBe(false);
  });

  it('keeps an account of a kind this version does not know as it came, lists it as from a newer Tokenkeep, never copies or fills it, and syncs it back unchanged', async () => {
    const [a, b] = await pair();
    const org = await a.add(61);
    const future: Account = {
      ...(await a.get(org.id)),
      kind: 'own-from-salesforce',
      label: 'Own backup',
      fields: { apiToken: 'own-api-token', region: 'eu' },
      future: { colour: 'teal' },
    };
    await a.vault.putMany([future]);
    await a.sync();
    relay(a, b);
    await b.sync();
    const kept = await b.get(org.id);
    expect(kept).toMatchObject({ kind: 'own-from-salesforce', fields: { apiToken: 'own-api-token', region: 'eu' }, future: { colour: 'teal' } });
    const listed = (await b.service.listAccounts()).accounts.find((x) => x.id === org.id)!;
    expect([listed.fields, listed.has.sort()]).toEqual([{}, ['apiToken', 'region']]);
    await expect(b.service.copyText(org.id, 'token')).rejects.toThrow(/newer Tokenkeep/);
    await expect(
      b.service.saveAccount({ id: kept.id, kind: kept.kind, label: kept.label, fields: kept.fields, sites: kept.sites, expiresAt: '', notes: 'x' }),
    ).rejects.toThrow(/newer Tokenkeep/);
    expect(await b.service.fillSources(kept)).toEqual({});
    // B writes it back (another account changed), and A reads the very same account.
    await b.add(62);
    await b.sync();
    relay(b, a);
    await a.sync();
    expect(await a.get(org.id)).toEqual(await b.get(org.id));
  });
});

describe('deletions', () => {
  it('travel in one item, so 25 deletions take one item and the deleted accounts’ own items go; the other browser applies each', async () => {
    const [a, b] = await pair();
    const orgs: Account[] = [];
    for (let n = 100; n < 130; n++) orgs.push(await a.add(n));
    await a.sync();
    relay(a, b);
    await b.sync();
    for (const org of orgs.slice(0, 25)) await a.remove(org.id);
    await a.sync();
    expect([...a.area.items.keys()].sort()).toEqual([HEADER_KEY, DELETIONS_KEY, ...orgs.slice(25).map((o) => itemKeyFor(o.id))].sort());
    relay(a, b);
    expect(await b.sync()).toMatchObject({ applied: 25, problems: [] });
    expect((await b.vault.accounts()).map((x) => x.id).sort()).toEqual(
      orgs
        .slice(25)
        .map((o) => o.id)
        .sort(),
    );
    expect(await b.sync()).toMatchObject({ applied: 0, written: 0 });
  });

  it('folds a tombstone an older Tokenkeep wrote as an item of its own into the one item, and forgets deletions older than half a year', async () => {
    const [a, b] = await pair();
    const [old, recent, kept] = [await a.add(140), await a.add(141), await a.add(142)];
    await a.sync();
    relay(a, b);
    await b.sync();
    await a.remove(old.id);
    await a.sync();
    // Half a year and a day later: an older Tokenkeep on B deletes another, as an item of its own.
    clock.now += DELETION_KEPT_MS + 24 * 3600_000;
    const key = (await syncVaultOf(b.vault)).key;
    const tombstone = await sealItem(key, {
      id: recent.id,
      version: 5,
      writer: 'old-b',
      base: { version: 1, writer: 'a' },
      deletedAt: new Date(clock.now).toISOString(),
    });
    a.area.items.set(tombstone.key, JSON.stringify(tombstone.value));
    expect(await a.sync()).toMatchObject({ applied: 1 });
    expect([...a.area.items.keys()]).not.toContain(tombstone.key);
    const deletions = await openDeletions(key, JSON.parse(a.area.items.get(DELETIONS_KEY)!));
    expect(deletions.map((d) => d.id)).toEqual([recent.id]);
    expect(await a.has(kept.id)).toBe(true);
  });
});

describe('the synced header', () => {
  it('is not taken when its passphrase change is dated in the future, or asks for key derivation out of bounds', async () => {
    const [a, b] = await pair();
    const sv = await syncVaultOf(a.vault);
    const lock = await a.vault.currentLock();
    for (const [planted, reason] of [
      [{ ...lock, wrappedKey: { ...lock.wrappedKey, iv: new Uint8Array(12) }, changedAt: '2099-01-01T00:00:00.000Z' }, 'it is dated in the future'],
      [
        {
          ...lock,
          kdf: { ...lock.kdf, memoryKiB: 8, iterations: 1 },
          wrappedKey: { ...lock.wrappedKey, iv: new Uint8Array(12) },
          changedAt: new Date(clock.now + 60_000).toISOString(),
        },
        'weaker than Tokenkeep sets',
      ],
    ] as const) {
      b.area.items.set(HEADER_KEY, JSON.stringify(await writeHeader(sv.headerKey, planted)));
      const report = await b.sync();
      expect(report.notices.join(' ')).toContain(reason);
      await b.vault.lock();
      await b.vault.unlock(PASS);
    }
  });
});
