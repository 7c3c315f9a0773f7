/**
 * What someone with write access to the profile can try, each refused or
 * reported: planted plain-text rows, deleted or rolled-back records, a
 * resurrected account, a swapped inbox key, a downgraded header, a capture
 * dated in the future, and guessing the passphrase by any other door than
 * unlock. Older vaults and backups still open.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateInboxKeys } from '../../../utils/vault/crypto';
import type { StoredManifest } from '../../../utils/vault/manifest';
import { UNDO_WINDOW_MS, type VaultHeader } from '../../../utils/vault/vault';
import { capture, inputOf, PASS, testVault } from './helpers';

const A = 'AAAAAAAAAAAAAAAAAAAAAAa1';
const B = 'BBBBBBBBBBBBBBBBBBBBBBb2';
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/vault', name), 'utf8');

/** Fixture entries were written as JSON, with byte arrays as { $bytes: base64 }. */
const decode = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(decode)
    : value && typeof value === 'object'
      ? '$bytes' in value
        ? new Uint8Array(Buffer.from((value as { $bytes: string }).$bytes, 'base64'))
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]))
      : value;

async function unlocked() {
  const t = testVault();
  await t.service.setup(PASS);
  return t;
}

/** Locks, runs `tamper` on the disk, and unlocks in a restarted background: what the user sees next. */
async function afterTampering(t: Awaited<ReturnType<typeof unlocked>>, tamper: () => Promise<void>) {
  await t.service.lock();
  await tamper();
  const next = t.restart();
  const { problems } = await next.service.unlock(PASS);
  return { ...next, problems, accounts: await next.service.allAccounts() };
}

describe('older vaults and backups', () => {
  it('a vault written before the manifest opens, and is upgraded in place', async () => {
    const { passphrase, entries } = JSON.parse(fixture('vault-v1.json')) as { passphrase: string; entries: unknown };
    const t = testVault();
    await t.kv.transact(decode(entries) as Array<[string, unknown]>);
    const { problems } = await t.service.unlock(passphrase);
    expect(problems).toEqual([]);
    expect((await t.service.allAccounts()).map((a) => [a.fields.username, a.fields.token]).sort()).toEqual([
      ['first@acme.com', 'Ve1Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
      ['second@acme.com', 'Ve2Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
    ]);
    expect((await t.kv.get<VaultHeader>('meta:header'))!.version).toBe(2);
    expect(await t.kv.get('meta:index')).toBeUndefined();
    expect((await t.kv.entries<{ v: number }>('record:')).map(([, r]) => r.v)).toEqual([2, 2]);
    // And it goes on working: locked, reopened, the manifest checks out.
    await t.service.lock();
    expect((await t.restart().service.unlock(passphrase)).problems).toEqual([]);
  });

  it('a backup written before the manifest (format 1) still imports', async () => {
    const t = await unlocked();
    expect(await t.service.importBackup(fixture('backup-v1.json'), PASS)).toEqual({ added: 2, updated: 0, unchanged: 0 });
  });
});

describe('changes on disk are reported at unlock, and every other account opens', () => {
  it('a planted plain-text row is reported and never migrated: the encrypted account is unchanged', async () => {
    const t = await unlocked();
    const { accountId } = await t.service.saveCapture(capture(A, 'ops@acme.com'));
    const before = await t.service.getAccount(accountId);
    const { problems, accounts } = await afterTampering(t, () =>
      t.kv.set(`account:${accountId}`, {
        id: accountId,
        provider: 'salesforce',
        label: 'ops@acme.com',
        username: 'ops@acme.com',
        token: B,
        password: 'planted',
        sites: ['https://evil.example'],
      }),
    );
    expect(problems).toEqual([
      {
        id: `account:${accountId}`,
        kind: 'notice',
        message: 'A plain-text account for ops@acme.com appeared on disk. Tokenkeep did not write it and did not use it.',
      },
    ]);
    expect(accounts).toEqual([before]);
  });

  it('a record deleted outside Tokenkeep is reported by name', async () => {
    const t = await unlocked();
    const { accountId } = await t.service.saveCapture(capture(A, 'gone@acme.com'));
    await t.service.saveCapture(capture(B, 'stays@acme.com'));
    const { problems, accounts } = await afterTampering(t, () => t.kv.delete(`record:${accountId}`));
    expect(problems).toEqual([{ id: accountId, kind: 'account', message: '“gone@acme.com” is missing: its record was deleted from disk outside Tokenkeep.' }]);
    expect(accounts.map((a) => a.fields.username)).toEqual(['stays@acme.com']);
  });

  it('a record deleted together with its entry in the list is reported: the list no longer checks out', async () => {
    const t = await unlocked();
    const { accountId } = await t.service.saveCapture(capture(A, 'gone@acme.com'));
    await t.service.saveCapture(capture(B, 'stays@acme.com'));
    const { problems, accounts } = await afterTampering(t, async () => {
      const stored = (await t.kv.get<StoredManifest>('meta:manifest'))!;
      delete stored.body.records[accountId];
      await t.kv.transact([['meta:manifest', stored]], [`record:${accountId}`]);
    });
    expect(problems.map((p) => [p.id, p.kind])).toEqual([['manifest', 'notice']]);
    expect(problems[0]!.message).toMatch(/list of accounts was changed or removed on disk/);
    expect(accounts.map((a) => a.fields.username)).toEqual(['stays@acme.com']);
  });

  it('an older ciphertext put back under the same id is reported by name; that copy is shown, nothing is lost', async () => {
    const t = await unlocked();
    const { accountId } = await t.service.saveCapture(capture(A, 'ops@acme.com', '2026-11-01T00:00:00.000Z'));
    const old = await t.kv.get(`record:${accountId}`);
    await t.service.saveCapture(capture(B, 'ops@acme.com', '2026-11-20T00:00:00.000Z'));
    const { problems, accounts } = await afterTampering(t, () => t.kv.set(`record:${accountId}`, old));
    expect(problems).toEqual([
      { id: accountId, kind: 'notice', message: expect.stringMatching(/^“ops@acme.com” was replaced on disk by an older copy of itself/) },
    ]);
    expect(accounts.map((a) => a.fields.token)).toEqual([A]);
  });

  it('a deleted account put back on disk is reported, and not opened', async () => {
    const clock = { now: Date.parse('2026-11-30T12:00:00Z') };
    const t = testVault({ clock });
    await t.service.setup(PASS);
    const { accountId } = await t.service.saveCapture(capture(A, 'deleted@acme.com'));
    const record = await t.kv.get(`record:${accountId}`);
    await t.service.deleteAccount(accountId);
    clock.now += UNDO_WINDOW_MS + 1;
    const { problems, accounts } = await afterTampering(t, () => t.kv.set(`record:${accountId}`, record));
    expect(problems).toEqual([
      {
        id: accountId,
        kind: 'notice',
        message: '“deleted@acme.com” appeared on disk, but Tokenkeep did not keep it there (an account deleted earlier, or one copied in). It was not opened.',
      },
    ]);
    expect(accounts).toEqual([]);
  });

  it('a swapped inbox key is reported and put back; a capture sealed to it is kept, unread, and one sealed before still merges', async () => {
    const t = await unlocked();
    await t.service.lock();
    await t.service.saveCapture(capture(A, 'before@acme.com'));
    const header = (await t.kv.get<VaultHeader>('meta:header'))!;
    const attacker = await generateInboxKeys();
    await t.kv.set('meta:header', { ...header, inbox: { ...header.inbox, publicKey: attacker.publicKey } });
    await t.service.saveCapture(capture(B, 'after@acme.com'));
    const { merged, problems } = await t.restart().service.unlock(PASS);
    expect(merged).toEqual([{ username: 'before@acme.com', outcome: 'created' }]);
    expect(problems.map((p) => p.id)).toEqual(['inbox-key', 'inbox']);
    expect(problems[1]!.message).toBe('1 token captured while locked cannot be opened: sealed to a key that is not this vault’s. Kept on disk, unread.');
    expect((await t.kv.get<VaultHeader>('meta:header'))!.inbox.publicKey).toEqual(header.inbox.publicKey);
    expect(await t.kv.entries('kept:inbox:')).toHaveLength(1);
    expect(await t.kv.entries('inbox:')).toEqual([]);
  });

  it('a header set back to the older format is not trusted into an upgrade', async () => {
    const t = await unlocked();
    await t.service.saveCapture(capture(A, 'ops@acme.com'));
    const { problems, accounts } = await afterTampering(t, async () => {
      const header = (await t.kv.get<VaultHeader>('meta:header'))!;
      await t.kv.set('meta:header', { ...header, version: 1 });
    });
    expect(problems.map((p) => p.id)).toEqual(['header']);
    expect(accounts.map((a) => a.fields.username)).toEqual(['ops@acme.com']);
    expect((await t.kv.get<VaultHeader>('meta:header'))!.version).toBe(2);
  });

  it('a change made through Tokenkeep raises no notice', async () => {
    const t = await unlocked();
    const { accountId } = await t.service.saveCapture(capture(A, 'ops@acme.com'));
    await t.service.saveAccount(inputOf(await t.service.getAccount(accountId), { password: 'new one' }));
    await t.service.deleteAccount(accountId);
    await t.service.restoreAccount(accountId);
    const { problems } = await afterTampering(t, async () => {});
    expect(problems).toEqual([]);
  });
});

describe('one throttle for every passphrase check', () => {
  it('change passphrase needs the vault unlocked', async () => {
    const t = await unlocked();
    await t.service.lock();
    await expect(t.service.changePassphrase(PASS, 'a brand new passphrase')).rejects.toMatchObject({ code: 'locked' });
  });

  it('wrong passphrases through change passphrase meet the same wait as unlock, and count for it', async () => {
    const clock = { now: 5_000_000 };
    const t = testVault({ clock });
    await t.service.setup(PASS);
    const outcomes: string[] = [];
    for (let i = 0; i < 50; i++)
      outcomes.push(
        await t.service.changePassphrase(`guess ${i}`, 'a brand new passphrase').then(
          () => 'changed',
          (e: { code: string }) => e.code,
        ),
      );
    // Five free tries; then nothing is even checked until the wait is over.
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('wrong-passphrase'));
    expect(outcomes.slice(5)).toEqual(Array(45).fill('rate-limited'));
    await t.service.lock();
    await expect(t.service.unlock(PASS)).rejects.toMatchObject({ code: 'rate-limited' });
    clock.now += (await t.vault.throttle()).retryAfterMs;
    await t.service.unlock(PASS);
    expect(await t.vault.throttle()).toEqual({ failures: 0, retryAfterMs: 0 });
  });

  it('so do wrong passphrases for a backup', async () => {
    const t = await unlocked();
    await t.service.saveCapture(capture(A));
    const { file } = await t.service.exportBackup();
    for (let i = 0; i < 5; i++) await expect(t.service.importBackup(file, `guess ${i}`)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(t.service.importBackup(file, PASS)).rejects.toMatchObject({ code: 'rate-limited' });
    await t.service.lock();
    await expect(t.service.unlock(PASS)).rejects.toMatchObject({ code: 'rate-limited' });
  });
});

describe('dates are never trusted beyond now', () => {
  it('a capture dated in 2099 is stored with the time it was seen, and a later genuine token replaces it', async () => {
    const t = await unlocked();
    const before = Date.now();
    const { accountId } = await t.service.saveCapture(capture(A, 'ops@acme.com', '2099-01-01T00:00:00.000Z'));
    const pinned = await t.service.getAccount(accountId);
    expect(Date.parse(pinned.issuedAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(pinned.issuedAt!)).toBeLessThanOrEqual(Date.now());
    await t.service.saveCapture(capture(B, 'ops@acme.com'));
    expect((await t.service.getAccount(accountId)).fields.token).toBe(B);
  });

  it('a capture sealed while locked is bounded by the time it was sealed, not the unlock', async () => {
    const t = await unlocked();
    await t.service.lock();
    const sealedAt = Date.now();
    // Two days ahead of the time it was seen: an unlock three days later must not make it look genuine.
    await t.service.saveCapture(capture(A, 'ops@acme.com', new Date(sealedAt + 2 * 86_400_000).toISOString()));
    await t.service.unlock(PASS);
    const [account] = await t.service.allAccounts();
    expect(Date.parse(account!.issuedAt!)).toBeLessThanOrEqual(Date.now());
  });
});
