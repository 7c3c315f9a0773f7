import { describe, expect, it } from 'vitest';
import type { SyncEntry } from '../../../utils/sync/items';
import { planMerge, type MergeInput, type Synced } from '../../../utils/sync/merge';
import type { Account } from '../../../utils/vault/account';

const ID = 'c0ffee00-0000-4000-8000-000000000001';
const NOW = '2026-12-02T12:00:00.000Z';

const account = (over: Partial<Account> = {}, fields: Record<string, string> = {}): Account => ({
  schema: 3,
  id: ID,
  kind: 'salesforce',
  label: 'Acme prod',
  fields: {
    username: 'ops@acme.com',
    password: 'first password',
    token: 'PVmuqFRxEP0LG40WUka5vPJjG',
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    ...fields,
  },
  sites: ['https://login.salesforce.com'],
  history: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

const plan = (input: Partial<MergeInput>) =>
  planMerge({ local: new Map(), deleted: new Map(), synced: new Map(), remote: [], bases: new Map(), vouched: new Map(), writer: 'here', now: NOW, ...input });
const local = (...accounts: Account[]) => new Map(accounts.map((a) => [a.id, a]));
const synced = (entries: Array<[string, Synced]>) => new Map(entries);
/** An item, written after the one named as its base. */
const entry = (version: number, writer: string, a?: Account, base?: SyncEntry['base']): SyncEntry => ({
  id: a?.id ?? ID,
  version,
  writer,
  ...(base ? { base } : {}),
  ...(a ? { account: a } : { deletedAt: '2026-11-20T00:00:00.000Z' }),
});

describe('sync merge', () => {
  it('stores an account added on another browser', () => {
    const theirs = account();
    const p = plan({ remote: [entry(1, 'there', theirs)] });
    expect(p.puts).toEqual([theirs]);
    expect(p.writes).toEqual([]);
    expect(p.synced.get(ID)).toEqual({ version: 1, writer: 'there', updatedAt: theirs.updatedAt });
  });

  it('takes an edit made on another browser when this one has not changed the account', () => {
    const mine = account();
    const edited = account({ updatedAt: '2026-11-10T00:00:00.000Z' }, { password: 'second password' });
    const p = plan({
      local: local(mine),
      synced: synced([[ID, { version: 1, writer: 'here', updatedAt: mine.updatedAt }]]),
      remote: [entry(2, 'there', edited, { version: 1, writer: 'here' })],
    });
    expect(p.puts).toEqual([edited]);
    expect(p.writes).toEqual([]);
  });

  it('merges, and writes back, an edit from another browser that did not follow this one’s last write', () => {
    const mine = account({ updatedAt: '2026-11-05T00:00:00.000Z' }, { password: 'written here' });
    const theirs = account({ updatedAt: '2026-11-10T00:00:00.000Z' }, { password: 'written there' });
    // Both wrote version 2 on top of version 1; sync storage kept theirs.
    const p = plan({
      local: local(mine),
      synced: synced([[ID, { version: 2, writer: 'here', updatedAt: mine.updatedAt }]]),
      remote: [entry(2, 'there', theirs, { version: 1, writer: 'here' })],
    });
    expect([p.puts[0]!.fields.password, ...p.puts[0]!.history.map((h) => h.value)]).toEqual(['written there', 'written here']);
    expect(p.writes).toMatchObject([{ version: 3, writer: 'here', base: { version: 2, writer: 'there' } }]);
  });

  it('writes what changed here, one version above the highest seen', () => {
    const mine = account({ updatedAt: '2026-11-10T00:00:00.000Z' }, { password: 'changed here' });
    const p = plan({
      local: local(mine),
      synced: synced([[ID, { version: 4, writer: 'there', updatedAt: '2026-11-01T00:00:00.000Z' }]]),
      remote: [entry(4, 'there', account())],
    });
    expect(p.puts).toEqual([]);
    expect(p.writes).toEqual([{ id: ID, version: 5, writer: 'here', base: { version: 4, writer: 'there' }, account: mine }]);
  });

  it('keeps both secrets of two concurrent edits: the newer is current, the older joins the history, and the merge is written back', () => {
    const base = { version: 1, writer: 'here', updatedAt: '2026-11-01T00:00:00.000Z' };
    const mine = account({ updatedAt: '2026-11-10T00:00:00.000Z' }, { password: 'changed here' });
    const theirs = account({ updatedAt: '2026-11-12T00:00:00.000Z' }, { password: 'changed there' });
    const p = plan({ local: local(mine), synced: synced([[ID, base]]), remote: [entry(2, 'there', theirs)] });
    const [merged] = p.puts;
    expect(merged!.fields.password).toBe('changed there');
    expect(merged!.history.map((h) => [h.field, h.value])).toEqual([['password', 'changed here']]);
    expect(p.writes).toEqual([{ id: ID, version: 3, writer: 'here', base: { version: 2, writer: 'there' }, account: merged }]);
  });

  it('deletes here what another browser deleted, when it has not changed here', () => {
    const mine = account();
    const p = plan({
      local: local(mine),
      synced: synced([[ID, { version: 1, writer: 'here', updatedAt: mine.updatedAt }]]),
      remote: [entry(2, 'there', undefined, { version: 1, writer: 'here' })],
    });
    expect(p.removes).toEqual([ID]);
    expect(p.synced.get(ID)).toEqual({ version: 2, writer: 'there' });
  });

  it('sends a deletion made here as a tombstone', () => {
    const mine = account();
    const p = plan({
      deleted: new Map([[ID, '2026-11-20T00:00:00.000Z']]),
      synced: synced([[ID, { version: 1, writer: 'here', updatedAt: mine.updatedAt }]]),
      remote: [entry(1, 'here', mine)],
    });
    expect(p.writes).toEqual([{ id: ID, version: 2, writer: 'here', base: { version: 1, writer: 'here' }, deletedAt: '2026-11-20T00:00:00.000Z' }]);
  });

  it('keeps the edit when a deletion crosses it, either way round, and says so', () => {
    const base: Synced = { version: 1, writer: 'here', updatedAt: '2026-11-01T00:00:00.000Z' };
    // Deleted here, changed there.
    const theirs = account({ updatedAt: '2026-11-12T00:00:00.000Z' }, { password: 'changed there' });
    const restored = plan({ deleted: new Map([[ID, '2026-11-11T00:00:00.000Z']]), synced: synced([[ID, base]]), remote: [entry(2, 'there', theirs)] });
    expect(restored.puts).toEqual([theirs]);
    expect(restored.removes).toEqual([]);
    expect(restored.notices).toEqual(['Acme prod was deleted here and changed on another browser: the changed account is kept.']);
    // Changed here, deleted there.
    const mine = account({ updatedAt: '2026-11-12T00:00:00.000Z' }, { password: 'changed here' });
    const kept = plan({ local: local(mine), synced: synced([[ID, base]]), remote: [entry(2, 'there')] });
    expect(kept.removes).toEqual([]);
    expect(kept.writes).toEqual([{ id: ID, version: 3, writer: 'here', base: { version: 2, writer: 'there' }, account: mine }]);
    expect(kept.notices).toEqual(['Acme prod was deleted on another browser and changed here: it is kept.']);
  });

  it('applies nothing older than it has applied, says so and writes the current one over it; deletes nothing for an item that is missing', () => {
    const mine = account({ updatedAt: '2026-11-10T00:00:00.000Z' }, { password: 'current' });
    const state = synced([[ID, { version: 5, writer: 'there', updatedAt: mine.updatedAt }]]);
    const replayed = plan({ local: local(mine), synced: state, remote: [entry(3, 'there', account({}, { password: 'old' }))] });
    expect(replayed).toMatchObject({ puts: [], removes: [], writes: [{ id: ID, version: 6, account: mine }] });
    expect(replayed.notices).toEqual(['An older copy of Acme prod was put back in browser sync. It was not used, and the current one was written over it.']);
    const missing = plan({ local: local(mine), synced: state, remote: [] });
    expect(missing).toMatchObject({ puts: [], removes: [], writes: [] });
  });

  it('makes one account of the same login added on two browsers before they synced', () => {
    const mine = account({ id: 'c0ffee00-0000-4000-8000-00000000aaaa', updatedAt: '2026-11-05T00:00:00.000Z' }, { password: 'typed here' });
    const theirs = account({ updatedAt: '2026-11-06T00:00:00.000Z' }, { password: 'typed there' });
    const p = plan({ local: local(mine), remote: [entry(1, 'there', theirs)] });
    expect(p.removes).toEqual([mine.id]);
    const merged = p.puts.at(-1)!;
    expect(merged.id).toBe(ID);
    expect([merged.fields.password, ...merged.history.map((h) => h.value)]).toEqual(['typed there', 'typed here']);
    expect(p.writes.map((w) => w.id)).toEqual([ID]);
    expect(p.notices).toEqual(['Acme prod was on this browser and another: the two are now one account.']);
  });
});
