/**
 * Two browsers, each with its own vault and its own storage.sync, relayed by
 * copying one's items into the other as the browsers' sync would. The vault
 * here is a plain map: what is under test is the round of sync.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { syncRound, type SyncState } from '../../../utils/sync/engine';
import { itemKeyFor } from '../../../utils/sync/items';
import type { Account } from '../../../utils/vault/account';
import { importAesKey, randomBytes } from '../../../utils/vault/crypto';
import { fakeSyncArea } from './fake-sync';

const clock = { now: Date.parse('2026-12-02T12:00:00.000Z') };
const iso = () => new Date(clock.now).toISOString();
let key: CryptoKey;

function browser(writer: string) {
  const area = fakeSyncArea(clock);
  const accounts = new Map<string, Account>();
  let state: SyncState = { writer, synced: {}, deleted: {}, writes: [] };
  const vault = {
    get key() {
      return key;
    },
    accounts: async () => new Map(accounts),
    apply: async (puts: Account[], removes: string[]) => {
      for (const a of puts) accounts.set(a.id, a);
      for (const id of removes) accounts.delete(id);
    },
    leaveOut: (a: Account) => new Set(a.kind === 'salesforce-jwt' ? ['privateKey'] : []),
  };
  return {
    area,
    accounts,
    get state() {
      return state;
    },
    /** One round; `keepState: false` is a worker killed before it saved what the round did. */
    async sync({ keepState = true } = {}) {
      clock.now += 1_000;
      const { report, state: next } = await syncRound({ area, vault, state, now: clock.now });
      if (keepState) state = next;
      return report;
    },
    edit(id: string, fields: Record<string, string>) {
      clock.now += 1_000;
      const a = accounts.get(id)!;
      // As the vault service saves an edit: a replaced secret joins the history.
      const replaced = Object.keys(fields).filter((f) => a.fields[f] && a.fields[f] !== fields[f]).map((f) => ({ field: f, value: a.fields[f]!, supersededAt: iso() }));
      accounts.set(id, { ...a, fields: { ...a.fields, ...fields }, history: [...replaced, ...a.history], updatedAt: iso() });
    },
    remove(id: string) {
      accounts.delete(id);
      state = { ...state, deleted: { ...state.deleted, [id]: iso() } };
    },
  };
}

/** What the browser's sync does: the other profile's items, as they are. */
function relay(from: ReturnType<typeof browser>, to: ReturnType<typeof browser>) {
  to.area.items.clear();
  for (const [k, v] of from.area.items) to.area.items.set(k, v);
}

function salesforce(n: number, over: Partial<Account> = {}): Account {
  return {
    schema: 3,
    id: crypto.randomUUID(),
    kind: 'salesforce',
    label: `Org ${n}`,
    fields: { username: `user${n}@acme.com`, password: `password ${n}`, token: `Tk${String(n).padStart(4, '0')}Ab7Cd0Ef3Gh6Ij9Kl`, environment: 'production', loginUrl: 'https://login.salesforce.com' },
    sites: ['https://login.salesforce.com'],
    history: [],
    createdAt: iso(),
    updatedAt: iso(),
    ...over,
  };
}

const passwords = (b: ReturnType<typeof browser>, id: string) => [b.accounts.get(id)?.fields.password, ...(b.accounts.get(id)?.history.map((h) => h.value) ?? [])];

beforeEach(async () => {
  key = await importAesKey(randomBytes(32));
});

describe('sync between two browsers', () => {
  it('carries an added account from A to B, an edit back from B to A, and a deletion from A to B', async () => {
    const a = browser('a');
    const b = browser('b');
    const org = salesforce(1);
    a.accounts.set(org.id, org);
    expect(await a.sync()).toMatchObject({ written: 1, problems: [] });
    relay(a, b);
    expect(await b.sync()).toMatchObject({ applied: 1, written: 0 });
    expect(b.accounts.get(org.id)!.fields).toEqual(org.fields);

    b.edit(org.id, { password: 'changed on B' });
    expect(await b.sync()).toMatchObject({ written: 1 });
    relay(b, a);
    expect(await a.sync()).toMatchObject({ applied: 1, written: 0 });
    expect(a.accounts.get(org.id)!.fields.password).toBe('changed on B');

    a.remove(org.id);
    expect(await a.sync()).toMatchObject({ written: 1 });
    relay(a, b);
    expect(await b.sync()).toMatchObject({ applied: 1 });
    expect(b.accounts.has(org.id)).toBe(false);
    // Nothing more to say: a quiet round writes nothing.
    expect(await b.sync()).toMatchObject({ applied: 0, written: 0 });
    expect(await a.sync()).toMatchObject({ applied: 0, written: 0 });
  });

  it('keeps both secrets of edits made on both browsers at once, and both end with the same account', async () => {
    const a = browser('a');
    const b = browser('b');
    const org = salesforce(2);
    a.accounts.set(org.id, org);
    await a.sync();
    relay(a, b);
    await b.sync();
    a.edit(org.id, { password: 'edited on A' });
    b.edit(org.id, { password: 'edited on B, later' });
    await a.sync();
    await b.sync();
    // B's write is the one sync storage kept; A merges it, and writes the merge.
    relay(b, a);
    expect(await a.sync()).toMatchObject({ applied: 1, written: 1 });
    relay(a, b);
    await b.sync();
    expect(passwords(a, org.id)).toEqual(['edited on B, later', 'edited on A', 'password 2']);
    expect(passwords(b, org.id)).toEqual(passwords(a, org.id));
  });

  it('reports an item changed outside Tokenkeep by its key, and applies every other', async () => {
    const a = browser('a');
    const b = browser('b');
    const [one, two] = [salesforce(3), salesforce(4)];
    a.accounts.set(one.id, one);
    a.accounts.set(two.id, two);
    await a.sync();
    relay(a, b);
    const bad = itemKeyFor(one.id);
    const value = JSON.parse(b.area.items.get(bad)!) as string;
    b.area.items.set(bad, JSON.stringify(value.slice(0, 30) + (value[30] === 'x' ? 'y' : 'x') + value.slice(31)));
    const report = await b.sync();
    expect(report.problems.map((p) => [p.itemKey, p.reason])).toEqual([[bad, 'tampered']]);
    expect([...b.accounts.keys()]).toEqual([two.id]);
  });

  it('does not apply an older item put back in place of a newer one', async () => {
    const a = browser('a');
    const b = browser('b');
    const org = salesforce(5);
    a.accounts.set(org.id, org);
    await a.sync();
    relay(a, b);
    await b.sync();
    const old = a.area.items.get(itemKeyFor(org.id))!;
    a.edit(org.id, { password: 'newer' });
    await a.sync();
    relay(a, b);
    await b.sync();
    b.area.items.set(itemKeyFor(org.id), old);
    expect(await b.sync()).toMatchObject({ applied: 0 });
    expect(b.accounts.get(org.id)!.fields.password).toBe('newer');
  });

  it('loses nothing when sync storage is full: it says so, keeps the change here, and sends it once there is room', async () => {
    const a = browser('a');
    // Most of the quota taken by what another extension page left there.
    a.area.items.set('other', JSON.stringify('x'.repeat(102_300)));
    const org = salesforce(6);
    a.accounts.set(org.id, org);
    const report = await a.sync();
    expect(report.refused).toMatch(/Browser sync is full/);
    expect(report.written).toBe(0);
    expect(a.accounts.get(org.id)).toEqual(org);
    a.area.items.delete('other');
    const retried = await a.sync();
    expect(retried.written).toBe(1);
    expect(retried.refused).toBeUndefined();
  });

  it('holds writes back at the write rate, and sends them when it allows', async () => {
    const a = browser('a');
    const org = salesforce(7);
    a.accounts.set(org.id, org);
    const full = Array.from({ length: 120 }, (_, i) => clock.now - 30_000 + i);
    const held = await syncRound({ area: a.area, vault: { key, accounts: async () => new Map(a.accounts), apply: async () => undefined, leaveOut: () => new Set() }, state: { ...a.state, writes: full }, now: clock.now });
    expect(held.report).toMatchObject({ written: 0, retryAt: full[0]! + 60_000 });
    expect(a.area.items.size).toBe(0);
    expect(held.state.synced).toEqual({});
  });

  it('applies the same items again, and loses nothing, after a worker killed before it saved its state', async () => {
    const a = browser('a');
    const b = browser('b');
    const org = salesforce(8);
    a.accounts.set(org.id, org);
    await a.sync();
    relay(a, b);
    await b.sync({ keepState: false });
    expect(await b.sync()).toMatchObject({ problems: [] });
    expect([...b.accounts.values()].map((x) => x.fields)).toEqual([org.fields]);
    expect(await b.sync()).toMatchObject({ applied: 0, written: 0 });
  });

  it('sends a JWT account without the private key the user did not tick, and keeps that key here', async () => {
    const a = browser('a');
    const b = browser('b');
    const jwt: Account = { ...salesforce(9), kind: 'salesforce-jwt', fields: { clientId: '3MVG9jwt', username: 'ci@acme.com', loginUrl: 'https://login.salesforce.com', privateKey: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' } };
    a.accounts.set(jwt.id, jwt);
    await a.sync();
    relay(a, b);
    await b.sync();
    expect(b.accounts.get(jwt.id)!.fields).not.toHaveProperty('privateKey');
    expect(a.accounts.get(jwt.id)!.fields.privateKey).toContain('PRIVATE KEY');
  });
});
