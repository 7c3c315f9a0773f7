import { describe, expect, it } from 'vitest';
import { capture, FAST_KDF, PASS, setPassword, testVault } from './helpers';

const A = 'AAAAAAAAAAAAAAAAAAAAAAa1';
const B = 'BBBBBBBBBBBBBBBBBBBBBBb2';
const C = 'CCCCCCCCCCCCCCCCCCCCCCc3';

async function vaultWith(passphrase: string, captures: Array<ReturnType<typeof capture>>) {
  const t = testVault();
  await t.service.setup(passphrase);
  for (const c of captures) await t.service.saveCapture(c);
  return t;
}

describe('backup', () => {
  it('exports one encrypted JSON file with a format version, KDF parameters and ciphertexts only', async () => {
    const t = await vaultWith(PASS, [capture(A, 'a@acme.com')]);
    await setPassword(t.service, (await t.service.allAccounts())[0]!.id, 'P4ssw0rd!');
    const { file, name, count } = await t.service.exportBackup();
    const json = JSON.parse(file);
    expect(json).toMatchObject({ format: 'tokenkeep-backup', version: 3, kdf: { algorithm: 'argon2id' } });
    // Each record carries the version its ciphertext binds.
    expect(json.records[0]).toMatchObject({ version: expect.any(Number) });
    expect(name).toMatch(/^tokenkeep-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(count).toBe(1);
    for (const secret of [A, 'a@acme.com', 'P4ssw0rd!']) expect(file).not.toContain(secret);
  });

  it('imports into another install with the backup passphrase, merging without deleting anything', async () => {
    const source = await vaultWith('source passphrase', [capture(B, 'shared@acme.com', '2026-11-10T00:00:00.000Z'), capture(C, 'only-in-backup@acme.com')]);
    const { file } = await source.service.exportBackup();
    const target = await vaultWith(PASS, [capture(A, 'shared@acme.com', '2026-11-01T00:00:00.000Z'), capture(C, 'only-here@acme.com')]);

    expect(await target.service.importBackup(file, 'source passphrase')).toEqual({ added: 1, updated: 1, unchanged: 0 });
    const accounts = await target.service.allAccounts();
    expect(accounts.map((a) => a.fields.username).sort()).toEqual(['only-here@acme.com', 'only-in-backup@acme.com', 'shared@acme.com']);
    const shared = accounts.find((a) => a.fields.username === 'shared@acme.com')!;
    // The newer token (from the backup) wins; the local older one joins the history.
    expect([shared.fields.token, shared.history.map((h) => h.value)]).toEqual([B, [A]]);
    // Importing again changes nothing.
    expect(await target.service.importBackup(file, 'source passphrase')).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });

  it('keeps the local token when the backup holds an older one', async () => {
    const source = await vaultWith('source passphrase', [capture(A, 'shared@acme.com', '2026-11-01T00:00:00.000Z')]);
    const { file } = await source.service.exportBackup();
    const target = await vaultWith(PASS, [capture(B, 'shared@acme.com', '2026-11-10T00:00:00.000Z')]);
    await target.service.importBackup(file, 'source passphrase');
    const [shared] = await target.service.allAccounts();
    expect([shared!.fields.token, shared!.history.map((h) => h.value)]).toEqual([B, [A]]);
  });

  describe('refuses, with a clear error and no change', () => {
    async function setupPair() {
      const source = await vaultWith('source passphrase', [capture(A, 'a@acme.com'), capture(B, 'b@acme.com')]);
      const { file } = await source.service.exportBackup();
      const target = await vaultWith(PASS, [capture(C, 'mine@acme.com')]);
      const before = await target.kv.entries('');
      return { file, target, before };
    }

    it.each([
      ['a truncated file', (f: string) => f.slice(0, Math.floor(f.length * 0.7)), /not valid JSON/],
      [
        'a file with a record removed',
        (f: string) => JSON.stringify({ ...JSON.parse(f), records: JSON.parse(f).records.slice(1) }),
        /incomplete or was changed/,
      ],
      [
        'a file with one ciphertext byte flipped',
        (f: string) => {
          const json = JSON.parse(f);
          const ct = Buffer.from(json.records[1].ct, 'base64');
          ct[4]! ^= 1;
          json.records[1].ct = ct.toString('base64');
          return JSON.stringify(json);
        },
        /does not check out/,
      ],
      [
        'records swapped between ids',
        (f: string) => {
          const json = JSON.parse(f);
          [json.records[0].ct, json.records[1].ct] = [json.records[1].ct, json.records[0].ct];
          [json.records[0].iv, json.records[1].iv] = [json.records[1].iv, json.records[0].iv];
          return JSON.stringify(json);
        },
        /does not check out/,
      ],
      ['something that is not a backup', () => JSON.stringify({ hello: 'world' }), /not a Tokenkeep backup/],
      // Refused before any passphrase goes through it, and without counting as a wrong one: nothing is written, the throttle included.
      [
        'a file whose key derivation would hang every unlock',
        (f: string) => JSON.stringify({ ...JSON.parse(f), kdf: { ...JSON.parse(f).kdf, iterations: 64 } }),
        /cannot be opened: .*every unlock would hang/,
      ],
    ])('%s', async (_, damage, message) => {
      const { file, target, before } = await setupPair();
      await expect(target.service.importBackup(damage(file), 'source passphrase')).rejects.toMatchObject({
        code: 'bad-backup',
        message: expect.stringMatching(message),
      });
      expect(await target.kv.entries('')).toEqual(before);
    });

    it('the wrong passphrase for the file, which counts as a failed passphrase check, as a wrong unlock does', async () => {
      const { file, target, before } = await setupPair();
      await expect(target.service.importBackup(file, PASS)).rejects.toMatchObject({
        code: 'wrong-passphrase',
        message: expect.stringContaining('does not open this backup'),
      });
      expect((await target.kv.entries('')).filter(([key]) => key !== 'meta:throttle')).toEqual(before);
      expect(await target.vault.throttle()).toMatchObject({ failures: 1 });
    });

    it('a file whose key derivation is weaker than this Tokenkeep sets, before any passphrase goes through it', async () => {
      const { file } = await setupPair();
      const target = testVault({ kdf: () => ({ ...FAST_KDF(), memoryKiB: 2048, iterations: 2 }) });
      await target.service.setup(PASS);
      const before = await target.kv.entries('');
      await expect(target.service.importBackup(file, 'source passphrase')).rejects.toMatchObject({
        code: 'bad-backup',
        message: expect.stringMatching(/cannot be opened: its key derivation \(1024 KiB, 1 pass\) is weaker than Tokenkeep sets \(2048 KiB, 2 passes\)/),
      });
      expect(await target.kv.entries('')).toEqual(before);
    });

    it('an import while locked', async () => {
      const { file, target } = await setupPair();
      await target.service.lock();
      await expect(target.service.importBackup(file, 'source passphrase')).rejects.toMatchObject({ code: 'locked' });
    });
  });
});
