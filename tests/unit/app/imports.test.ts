/**
 * Import into the vault (utils/app/imports.ts) against a real vault on
 * IndexedDB: the preview says what each entry would do and writes nothing;
 * confirming writes all of it or none; merging follows the backup rules;
 * the same file twice changes nothing the second time.
 */
import { describe, expect, it } from 'vitest';
import { candidateFor } from '../../../utils/import/candidates';
import { readImport } from '../../../utils/import/read';
import type { ImportItem } from '../../../utils/import/types';
import { bitwardenJson } from '../../fixtures/import/make';
import { PASS, testVault } from '../vault/helpers';

async function itemsOf(content: string): Promise<ImportItem[]> {
  const read = await readImport({ name: 'export.json', bytes: new TextEncoder().encode(content) });
  return read.entries.map((e) => candidateFor(e)).map(({ kind, label, fields, sites, notes }) => ({ kind, label, fields, sites, notes }));
}

async function unlocked() {
  const t = testVault();
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

  it('merges into the account for the same login by the backup rules: the kept password stays, the imported one joins the history, nothing is deleted', async () => {
    const { service } = await unlocked();
    const [sandbox] = await itemsOf(bitwardenJson());
    await service.saveAccount({
      kind: 'salesforce',
      label: 'Mine',
      fields: { username: 'Jane@acme.com.uat', password: 'kept-pw' },
      sites: [],
      expiresAt: '',
      notes: 'mine',
    });
    expect(await service.previewImport([sandbox!])).toEqual([{ action: 'update', into: 'Mine' }]);
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
    expect(await service.previewImport([one, two])).toEqual([{ action: 'new' }, { action: 'update', into: 'Wiki' }]);
    await service.importEntries([one, two]);
    const accounts = await service.allAccounts();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.history.map((h) => h.value)).toEqual(['two']);
  });

  it('refuses while locked', async () => {
    const { service } = await unlocked();
    await service.lock();
    await expect(service.previewImport(await itemsOf(bitwardenJson()))).rejects.toThrow('Unlock Tokenkeep before importing.');
  });
});
