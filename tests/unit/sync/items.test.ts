import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../utils/kinds';
import { inputFromFlat } from '../../../utils/vault/flat';
import { accountIdOf, isNewer, itemKeyFor, openItem, quotaBytes, sealItem, SyncItemError } from '../../../utils/sync/items';
import type { Account } from '../../../utils/vault/account';
import { fromBase64, importAesKey, randomBytes } from '../../../utils/vault/crypto';
import { capture, KIND_SAMPLES, PASS, testVault } from '../vault/helpers';

const vaultKey = () => importAesKey(randomBytes(32));
/** Items keep the last change to the millisecond, and other dates to the whole second before it. */
const datesToSecond = (a: Account): Account => {
  const base = Date.parse(a.updatedAt);
  const toSecond = (iso: string) => new Date(base - Math.round((base - Date.parse(iso)) / 1000) * 1000).toISOString();
  return JSON.parse(JSON.stringify(a), (k, v) => (typeof v === 'string' && /At$/.test(k) && k !== 'updatedAt' && k !== 'expiresAt' && v ? toSecond(v) : v));
};

async function everyKind(): Promise<Account[]> {
  const t = testVault();
  await t.service.setup(PASS);
  const samples = KIND_SAMPLES;
  expect(Object.keys(samples).sort()).toEqual(KINDS.map((k) => k.name).sort());
  for (const [kind, fields] of Object.entries(samples))
    await t.service.saveAccount(inputFromFlat({ kind, label: kind, ...fields, sites: [], notes: `a ${kind} account` }));
  // A captured token with history and its email's details.
  await t.service.saveCapture(capture('Lk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5', 'ops@acme.com', '2026-10-01T08:00:00.123Z'));
  await t.service.saveCapture(capture('PVmuqFRxEP0LG40WUka5vPJjG', 'ops@acme.com', '2026-11-01T08:00:00.456Z'));
  return t.service.allAccounts();
}

describe('sync items', () => {
  it('carry an account of every kind, its history and its email, dates to the second', async () => {
    const key = await vaultKey();
    for (const account of await everyKind()) {
      const item = await sealItem(key, { id: account.id, version: 3, writer: 'w1', account });
      const opened = await openItem(key, item.key, item.value);
      expect(opened).toEqual({ id: account.id, version: 3, writer: 'w1', account: datesToSecond(account) });
    }
  });

  it('say nothing of the account outside the seal: no label, username, site, kind or secret in the key or the value', async () => {
    const key = await vaultKey();
    const [account] = (await everyKind()).filter((a) => a.fields.username === 'ops@acme.com');
    const item = await sealItem(key, { id: account!.id, version: 1, writer: 'w1', account: account! });
    const text = JSON.stringify(item);
    for (const clue of ['ops@acme.com', 'acme', 'salesforce', 'PVmuqFRxEP0LG40WUka5vPJjG', 'Salesforce']) expect(text).not.toContain(clue);
    expect(accountIdOf(item.key)).toBe(account!.id);
    expect(itemKeyFor('legacy-id-7')).not.toContain('legacy');
    expect(accountIdOf(itemKeyFor('legacy-id-7'))).toBe('legacy-id-7');
  });

  it('leave out the fields named to stay on this browser, and their history', async () => {
    const key = await vaultKey();
    const jwt = (await everyKind()).find((a) => a.kind === 'salesforce-jwt')!;
    const withOld: Account = { ...jwt, history: [{ field: 'privateKey', value: 'old key', supersededAt: jwt.updatedAt }] };
    const item = await sealItem(key, { id: jwt.id, version: 1, writer: 'w1', account: withOld }, new Set(['privateKey', 'certificate']));
    const { account } = await openItem(key, item.key, item.value);
    expect(account!.fields).not.toHaveProperty('privateKey');
    expect(account!.fields).not.toHaveProperty('certificate');
    expect(account!.history).toEqual([]);
    expect(account!.fields.clientId).toBe('3MVG9Sample_JwtKey.y');
    const full = await sealItem(key, { id: jwt.id, version: 1, writer: 'w1', account: jwt });
    expect(quotaBytes(full.key, full.value)).toBeGreaterThan(2 * quotaBytes(item.key, item.value));
  });

  it('carry a deletion as a tombstone', async () => {
    const key = await vaultKey();
    const item = await sealItem(key, { id: 'c0ffee00-0000-4000-8000-000000000001', version: 9, writer: 'w2', deletedAt: '2026-11-30T10:00:00.000Z' });
    expect(await openItem(key, item.key, item.value)).toEqual({
      id: 'c0ffee00-0000-4000-8000-000000000001',
      version: 9,
      writer: 'w2',
      deletedAt: '2026-11-30T10:00:00.000Z',
    });
  });

  it('refuse, by name, an item changed, cut short, moved to another key, sealed under another key, or not an item at all', async () => {
    const key = await vaultKey();
    const [a, b] = (await everyKind()).slice(0, 2);
    const item = await sealItem(key, { id: a!.id, version: 1, writer: 'w1', account: a! });
    const other = await sealItem(key, { id: b!.id, version: 1, writer: 'w1', account: b! });
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'x' ? 'y' : 'x') + s.slice(i + 1);
    const cases: Array<[string, unknown, SyncItemError['reason']]> = [
      [item.key, flip(item.value, 40), 'tampered'],
      [item.key, item.value.slice(0, -10), 'tampered'],
      [item.key, other.value, 'tampered'],
      [item.key, item.value.slice(0, 20), 'unreadable'],
      [item.key, '1', 'unreadable'],
      [item.key, 42, 'unreadable'],
      [item.key, `9${item.value.slice(1)}`, 'unreadable'],
      ['zzz', item.value, 'unreadable'],
    ];
    for (const [itemKey, value, reason] of cases) {
      const err = await openItem(key, itemKey, value).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, String(value).slice(0, 30)).toBeInstanceOf(SyncItemError);
      expect((err as SyncItemError).reason).toBe(reason);
      expect((err as SyncItemError).message).toContain(itemKey);
    }
    await expect(openItem(await vaultKey(), item.key, item.value)).rejects.toMatchObject({ reason: 'tampered' });
  });

  it('order writes by version, then by writer, so an older item put back is not newer', () => {
    expect(isNewer({ version: 2, writer: 'a' }, undefined)).toBe(true);
    expect(isNewer({ version: 2, writer: 'a' }, { version: 1, writer: 'z' })).toBe(true);
    expect(isNewer({ version: 2, writer: 'b' }, { version: 2, writer: 'a' })).toBe(true);
    expect(isNewer({ version: 2, writer: 'a' }, { version: 2, writer: 'a' })).toBe(false);
    expect(isNewer({ version: 1, writer: 'z' }, { version: 2, writer: 'a' })).toBe(false);
  });

  it('read items written before fields travelled by name, each value in the field it was in', async () => {
    const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/sync/items-v1.json'), 'utf8')) as {
      key: string;
      items: Array<{ key: string; value: string; account: Account }>;
    };
    const key = await importAesKey(fromBase64(fixture.key));
    for (const item of fixture.items) expect((await openItem(key, item.key, item.value)).account).toEqual(datesToSecond(item.account));
  });

  it('carry what another version wrote by name: a field this kind lacks, a part of the account with no name here, and a kind this version does not know', async () => {
    const key = await vaultKey();
    const base = (await everyKind()).find((a) => a.kind === 'salesforce')!;
    const newer: Account = {
      ...base,
      kind: 'own-from-salesforce',
      fields: { apiToken: 'own-api-token-1', region: 'eu', username: 'ops@acme.com' },
      future: { colour: 'teal', pinned: true },
      history: [{ field: 'apiToken', value: 'own-api-token-0', supersededAt: base.updatedAt }],
    };
    const withExtra: Account = { ...base, fields: { ...base.fields, instanceColour: 'teal' } };
    for (const account of [newer, withExtra]) {
      const item = await sealItem(key, { id: account.id, version: 2, writer: 'w9', account });
      const opened = (await openItem(key, item.key, item.value)).account!;
      expect(opened).toEqual(datesToSecond(account));
      // Written back by this version, it is the same item again: nothing lost on the way.
      const again = await sealItem(key, { id: account.id, version: 2, writer: 'w9', account: opened });
      expect((await openItem(key, again.key, again.value)).account).toEqual(opened);
    }
  });

  it('carry an account\'s colour and its "Log in" choice; a colour a newer version knows is kept as it came, not refused', async () => {
    const key = await vaultKey();
    const base = (await everyKind()).find((a) => a.kind === 'salesforce')!;
    const coloured: Account = { ...base, color: 'purple', submitLogin: true };
    const item = await sealItem(key, { id: base.id, version: 2, writer: 'w1', account: coloured });
    expect((await openItem(key, item.key, item.value)).account).toEqual(datesToSecond(coloured));
    // What a later Tokenkeep with a tenth colour wrote: kept in `future`, and written back as it was.
    const later = await sealItem(key, { id: base.id, version: 3, writer: 'w2', account: { ...base, future: { color: 'teal' } } });
    const opened = (await openItem(key, later.key, later.value)).account!;
    expect(opened.color).toBeUndefined();
    expect(opened.future).toEqual({ color: 'teal' });
  });

  it('refuse an item of a later layout, saying a newer Tokenkeep wrote it', async () => {
    const key = await vaultKey();
    const [a] = await everyKind();
    const item = await sealItem(key, { id: a!.id, version: 1, writer: 'w1', account: a! });
    await expect(openItem(key, item.key, `3${item.value.slice(1)}`)).rejects.toMatchObject({
      reason: 'unreadable',
      message: expect.stringContaining('newer Tokenkeep'),
    });
  });
});

describe('the compression dictionaries', () => {
  it('are the bytes formats 1 and 2 were written with: every item already synced reads only against these', async () => {
    const { createHash } = await import('node:crypto');
    const { SYNC_DICTIONARIES } = await import('../../../utils/kinds/sync-dictionaries');
    const digests = Object.fromEntries(Object.entries(SYNC_DICTIONARIES).map(([format, bytes]) => [format, createHash('sha256').update(bytes).digest('hex')]));
    expect(digests).toEqual({
      '1': 'e9c21525697758fdbd4434e9d346f2d14c807d9ad241fdf8dc22b672b2683211',
      '2': '802ffcdb9391c553493401b4f2532eb0461c2d316c97413fb38191520e5f452e',
    });
  });
});
