/**
 * Schema 3 (a kind and its fields) and the backup format that carries it:
 * schema-2 records and version-2 backups from the previous Tokenkeep open
 * unchanged in meaning, and every kind survives a backup round trip.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../utils/kinds';
import { inputFromFlat } from '../../../utils/vault/flat';
import { migrateAccount, MigrationError } from '../../../utils/vault/migrate';
import { KIND_SAMPLES, PASS, testVault } from './helpers';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

describe('schema 2 -> 3', () => {
  it('moves the fixed username, password, token, environment and login URL into the kind’s fields, and the token history with them', () => {
    const v2 = JSON.parse(fixture('vault/account-v2.json'));
    expect(migrateAccount(v2)).toEqual({
      schema: 3,
      id: v2.id,
      kind: 'salesforce',
      label: 'Acme UAT',
      fields: { username: v2.username, password: v2.password, token: v2.token, loginUrl: 'https://test.salesforce.com', environment: 'sandbox' },
      issuedAt: v2.tokenIssuedAt,
      source: v2.tokenSource,
      sites: v2.sites,
      history: [{ field: 'token', value: 'Ol9Ab7Cd0Ef3Gh6Ij9Kl2Mn', issuedAt: '2026-10-01T08:00:00.000Z', supersededAt: '2026-11-20T09:00:00.000Z' }],
      expiresAt: '2027-06-30',
      notes: 'Jitterbit connector',
      createdAt: v2.createdAt,
      updatedAt: v2.updatedAt,
    });
  });
  it('keeps an API token account’s values, and drops the environment only other kinds never had', () => {
    const gh = migrateAccount({
      schema: 2,
      id: 'g',
      provider: 'github',
      label: 'CI',
      username: 'bot',
      token: 'ghp_x',
      environment: 'custom',
      loginUrl: '',
      sites: [],
      history: [],
      createdAt: 'x',
      updatedAt: 'x',
    });
    expect(gh).toMatchObject({ kind: 'github', fields: { username: 'bot', token: 'ghp_x' } });
    expect(gh.fields).not.toHaveProperty('environment');
  });
  it('refuses a record from a newer Tokenkeep, and one whose fields are not text', () => {
    expect(() => migrateAccount({ schema: 4, id: 'x' })).toThrow(MigrationError);
    expect(() =>
      migrateAccount({ schema: 3, id: 'x', kind: 'salesforce', label: 'x', createdAt: 'x', updatedAt: 'x', fields: { token: 5 }, sites: [], history: [] }),
    ).toThrow(/fields/);
  });
});

describe('backups', () => {
  it('a version-2 backup written by the previous Tokenkeep imports, with its accounts in schema 3', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    expect(await t.service.importBackup(fixture('vault/backup-v2.json'), 'fixture passphrase v2')).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const accounts = await t.service.allAccounts();
    const uat = accounts.find((a) => a.label === 'V2 UAT')!;
    expect(uat).toMatchObject({
      kind: 'salesforce',
      fields: { username: 'v2.admin@example.net.uat', password: 'V2-Pa55word!', token: 'Nw9Ab7Cd0Ef3Gh6Ij9Kl2Mn', environment: 'sandbox' },
      expiresAt: '2027-06-30',
      notes: 'from schema 2',
    });
    expect(uat.history.map((h) => [h.field, h.value])).toEqual([['token', 'Ol9Ab7Cd0Ef3Gh6Ij9Kl2Mn']]);
    expect(accounts.find((a) => a.label === 'V2 CI bot')).toMatchObject({ kind: 'github', fields: { username: 'ci-bot', token: `ghp_${'V2x9'.repeat(9)}` } });
  });

  it('carries an account of every kind through export and import into another install, secrets and all', async () => {
    const source = testVault();
    await source.service.setup('source passphrase');
    const samples = KIND_SAMPLES;
    expect(Object.keys(samples).sort()).toEqual(KINDS.map((k) => k.name).sort());
    for (const [kind, fields] of Object.entries(samples)) await source.service.saveAccount(inputFromFlat({ kind, label: kind, ...fields, sites: [] }));
    const { file } = await source.service.exportBackup();
    expect(JSON.parse(file).version).toBe(3);
    for (const secret of ['Sample-consumer-secret', 'PRIVATE KEY', '5AepSampleRefreshToken', 'JBSWY3DPEHPK3PXP']) expect(file).not.toContain(secret);

    const target = testVault();
    await target.service.setup(PASS);
    expect(await target.service.importBackup(file, 'source passphrase')).toMatchObject({ added: KINDS.length });
    const byKind = new Map((await target.service.allAccounts()).map((a) => [a.kind, a]));
    for (const [kind, fields] of Object.entries(samples)) expect(byKind.get(kind)!.fields, kind).toMatchObject(fields);
    // The certificate's expiry and subject travel too.
    expect(byKind.get('salesforce-jwt')).toMatchObject({
      expiresAt: expect.stringMatching(/^2036-/),
      facts: [{ label: 'Certificate', value: 'CN=tokenkeep-test, O=Acme' }, expect.anything()],
    });
  });
});
