/**
 * Import into the vault (utils/app/imports.ts) against a real vault on
 * IndexedDB: the preview says what each entry would do and writes nothing;
 * confirming writes all of it or none; merging follows the backup rules;
 * the same file twice changes nothing the second time.
 */
import { describe, expect, it } from 'vitest';
import { candidateFor } from '../../../utils/import/candidates';
import { readImport } from '../../../utils/import/read';
import { importItem, type ImportItem } from '../../../utils/import/types';
import { bitwardenJson } from '../../fixtures/import/make';
import { PASS, testVault } from '../vault/helpers';

async function itemsOf(content: string): Promise<ImportItem[]> {
  const read = await readImport({ name: 'export.json', bytes: new TextEncoder().encode(content) });
  return read.entries.map((e) => importItem(candidateFor(e)));
}

async function unlocked() {
  const t = testVault();
  await t.service.setup(PASS);
  return t;
}

/** A vault whose service dates its saves and imports by this clock. */
async function unlockedAt(clock: { now: number }) {
  const t = testVault({ serviceClock: clock });
  await t.service.setup(PASS);
  return t;
}

describe('importing into the vault', () => {
  it('previews every entry as new without writing, then adds them all; the same file again changes nothing', async () => {
    const { service } = await unlocked();
    const items = await itemsOf(bitwardenJson());
    expect(await service.previewImport(items)).toEqual([{ action: 'new' }, { action: 'new' }, { action: 'new' }]);
    expect(await service.allAccounts()).toEqual([]);
    expect(await service.importEntries(items)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    const before = await service.allAccounts();
    expect(before.map((a) => a.label).sort()).toEqual(['Acme sandbox', 'CI bot token', 'Integration app']);
    expect(await service.previewImport(items)).toEqual(items.map((i) => ({ action: 'unchanged', into: i.label })));
    expect(await service.importEntries(items)).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(await service.allAccounts()).toEqual(before);
  });

  it('gives a new account its kind’s own login page only; a page the entry names only where the user approved it', async () => {
    const { service } = await unlocked();
    const [sandbox] = await itemsOf(bitwardenJson());
    await service.importEntries([{ ...sandbox!, sites: [] }]);
    expect((await service.allAccounts())[0]!.sites).toEqual(['https://test.salesforce.com']);
    const wiki: ImportItem = { kind: 'other', label: 'Wiki', fields: { username: 'jane', password: 'pw' }, sites: ['https://wiki.acme.example'], notes: '' };
    await service.importEntries([wiki]);
    expect((await service.allAccounts()).find((a) => a.label === 'Wiki')!.sites).toEqual(['https://wiki.acme.example']);
  });

  it('merges into the account for the same login by the backup rules: an entry older than the account adds its password to the history, and the kept one stays current', async () => {
    const { service } = await unlocked();
    const [sandbox] = await itemsOf(bitwardenJson());
    // Bitwarden last changed the entry on 1 November; the account here changed after (now).
    expect(sandbox!.changedAt).toBe('2026-11-01T10:00:00.000Z');
    await service.saveAccount({
      kind: 'salesforce',
      label: 'Mine',
      fields: { username: 'Jane@acme.com.uat', password: 'kept-pw' },
      sites: [],
      expiresAt: '',
      notes: 'mine',
    });
    expect(await service.previewImport([sandbox!])).toEqual([{ action: 'update', into: 'Mine', older: ['password'] }]);
    expect(await service.importEntries([sandbox!])).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const [account] = await service.allAccounts();
    expect(account).toMatchObject({
      label: 'Mine',
      notes: 'mine',
      fields: { username: 'Jane@acme.com.uat', password: 'kept-pw', token: 'Xq3vLm9TzR2pW8kJ5nB7cD4fG' },
    });
    expect(account!.history.map((h) => [h.field, h.value])).toEqual([['password', 'Sandbox!1']]);
    expect(await service.importEntries([sandbox!])).toEqual({ added: 0, updated: 0, unchanged: 1 });
  });

  it('makes a secret the tool changed after the account did current, and keeps the replaced one in the history; importing it again changes nothing', async () => {
    const clock = { now: Date.parse('2026-10-01T09:00:00Z') };
    const { service } = await unlockedAt(clock);
    await service.saveAccount({
      kind: 'salesforce',
      label: 'Mine',
      fields: { username: 'jane@acme.com.uat', password: 'old-pw' },
      sites: [],
      expiresAt: '',
      notes: '',
    });
    clock.now = Date.parse('2026-12-01T09:00:00Z');
    const [sandbox] = await itemsOf(bitwardenJson());
    expect(await service.previewImport([sandbox!])).toEqual([{ action: 'update', into: 'Mine', newer: ['password'] }]);
    await service.importEntries([sandbox!]);
    const [account] = await service.allAccounts();
    expect(account!.fields).toMatchObject({ password: 'Sandbox!1', token: 'Xq3vLm9TzR2pW8kJ5nB7cD4fG' });
    expect(account!.history.map((h) => [h.field, h.value])).toEqual([['password', 'old-pw']]);
    expect(await service.importEntries([sandbox!])).toEqual({ added: 0, updated: 0, unchanged: 1 });
  });

  it('puts a security token by its date: an older one, or an undated one, goes to the history; a newer one becomes current', async () => {
    const clock = { now: Date.parse('2026-11-15T09:00:00Z') };
    const { service } = await unlockedAt(clock);
    // The token captured from Salesforce's email on 15 November.
    await service.saveAccount({
      kind: 'salesforce',
      label: 'UAT',
      fields: { username: 'jane@acme.com.uat', password: 'pw', token: 'CapturedToken0123456789ab' },
      sites: [],
      expiresAt: '',
      notes: '',
    });
    clock.now = Date.parse('2026-12-01T09:00:00Z');
    const entry = (token: string, changedAt?: string): ImportItem => ({
      kind: 'salesforce',
      label: 'UAT',
      fields: { username: 'jane@acme.com.uat', password: 'pw', token },
      sites: [],
      notes: '',
      ...(changedAt ? { changedAt } : {}),
    });
    const token = async () => (await service.allAccounts())[0]!.fields.token;
    // A KeePass entry last changed in October holds the token before it.
    expect(await service.previewImport([entry('OctoberToken0123456789abc', '2026-10-01T00:00:00.000Z')])).toEqual([
      { action: 'update', into: 'UAT', older: ['security token'] },
    ]);
    await service.importEntries([entry('OctoberToken0123456789abc', '2026-10-01T00:00:00.000Z')]);
    expect(await token()).toBe('CapturedToken0123456789ab');
    // A browser CSV says nothing of when: it never displaces the captured one.
    await service.importEntries([entry('UndatedToken0123456789abc')]);
    expect(await token()).toBe('CapturedToken0123456789ab');
    // One reset after the capture, kept in Bitwarden on 20 November, is the current one.
    expect(await service.previewImport([entry('NovemberToken0123456789ab', '2026-11-20T00:00:00.000Z')])).toEqual([
      { action: 'update', into: 'UAT', newer: ['security token'] },
    ]);
    await service.importEntries([entry('NovemberToken0123456789ab', '2026-11-20T00:00:00.000Z')]);
    const [account] = await service.allAccounts();
    expect(account!.fields.token).toBe('NovemberToken0123456789ab');
    expect(account!.issuedAt).toBe('2026-11-20T00:00:00.000Z');
    expect(account!.history.filter((h) => h.field === 'token').map((h) => h.value)).toEqual([
      'CapturedToken0123456789ab',
      'OctoberToken0123456789abc',
      'UndatedToken0123456789abc',
    ]);
  });

  it('takes a date ahead of the clock for no date, so a planted file cannot keep its secret current over every later edit', async () => {
    const clock = { now: Date.parse('2026-12-01T09:00:00Z') };
    const { service } = await unlockedAt(clock);
    await service.saveAccount({ kind: 'other', label: 'Wiki', fields: { username: 'jane', password: 'mine' }, sites: [], expiresAt: '', notes: '' });
    const planted: ImportItem = {
      kind: 'other',
      label: 'Wiki',
      fields: { username: 'jane', password: 'planted' },
      sites: [],
      notes: '',
      changedAt: '2099-01-01T00:00:00.000Z',
    };
    expect(await service.previewImport([planted])).toEqual([{ action: 'update', into: 'Wiki', older: ['password'] }]);
    await service.importEntries([planted]);
    expect((await service.allAccounts())[0]!.fields.password).toBe('mine');
  });

  it('takes an SFDX URL with another refresh token, of the same name, org and app, for the account logged in again; another name stays another account', async () => {
    const { service } = await unlocked();
    const url = (token: string) => `force://PlatformCLI::${token}@acme.my.salesforce.com`;
    const org = (label: string, token: string): ImportItem => ({ kind: 'salesforce-sfdx-url', label, fields: { sfdxUrl: url(token) }, sites: [], notes: '' });
    await service.importEntries([org('Acme CI', '5AepFirst.Token')]);
    // Undated (a .env file): the URL kept here stays current, and the other joins its history.
    expect(await service.previewImport([org('acme ci', '5AepSecond.Token')])).toEqual([{ action: 'update', into: 'Acme CI', older: ['SFDX auth URL'] }]);
    await service.importEntries([org('acme ci', '5AepSecond.Token')]);
    expect(await service.importEntries([org('acme ci', '5AepSecond.Token')])).toEqual({ added: 0, updated: 0, unchanged: 1 });
    const [ci] = await service.allAccounts();
    expect(ci!.fields.sfdxUrl).toBe(url('5AepFirst.Token'));
    expect(ci!.history.filter((h) => h.field === 'sfdxUrl').map((h) => h.value)).toEqual([url('5AepSecond.Token')]);
    // Another user's login to the same org through the same app is another account.
    expect(await service.previewImport([org('Acme CI (ops user)', '5AepThird.Token')])).toEqual([{ action: 'new' }]);
    // Dated after the account changed, a newer URL becomes current; in the same file, the one it replaced still finds the account.
    const newer = { ...org('Acme CI', '5AepFourth.Token'), changedAt: new Date(Date.now() + 1000).toISOString() };
    const before = { ...org('Acme CI', '5AepFirst.Token'), notes: 'CI user' };
    expect(await service.importEntries([newer, before])).toEqual({ added: 0, updated: 2, unchanged: 0 });
    const accounts = await service.allAccounts();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ fields: { sfdxUrl: url('5AepFourth.Token') }, notes: 'CI user' });
    expect(
      accounts[0]!.history
        .filter((h) => h.field === 'sfdxUrl')
        .map((h) => h.value)
        .sort(),
    ).toEqual([url('5AepFirst.Token'), url('5AepSecond.Token')]);
  });

  it('writes nothing when one entry is refused, and says which and why; the preview marks it skipped', async () => {
    const { service } = await unlocked();
    const items = await itemsOf(bitwardenJson());
    const broken: ImportItem = { kind: 'salesforce', label: 'Broken', fields: { password: 'x' }, sites: [], notes: '' };
    expect((await service.previewImport([...items, broken]))[3]).toEqual({ action: 'skip', why: 'Username is needed for a Salesforce account.' });
    await expect(service.importEntries([...items, broken])).rejects.toThrow(
      'Nothing was imported: Broken cannot be imported (Username is needed for a Salesforce account.)',
    );
    expect(await service.allAccounts()).toEqual([]);
  });

  it('merges two entries for one login in the same file into one account', async () => {
    const { service } = await unlocked();
    const one: ImportItem = { kind: 'other', label: 'Wiki', fields: { username: 'jane', password: 'one' }, sites: [], notes: '' };
    const two = { ...one, fields: { username: 'jane', password: 'two' } };
    expect(await service.previewImport([one, two])).toEqual([{ action: 'new' }, { action: 'update', into: 'Wiki', older: ['password'] }]);
    await service.importEntries([one, two]);
    const accounts = await service.allAccounts();
    expect(accounts).toHaveLength(1);
    // Neither says when it changed: the first stays current.
    expect(accounts[0]!.history.map((h) => h.value)).toEqual(['two']);
  });

  it('refuses while locked', async () => {
    const { service } = await unlocked();
    await service.lock();
    await expect(service.previewImport(await itemsOf(bitwardenJson()))).rejects.toThrow('Unlock Tokenkeep before importing.');
  });
});
