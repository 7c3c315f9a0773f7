import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF } from '../../../utils/vault/crypto';
import { createVault, type VaultHeader } from '../../../utils/vault/vault';
import { capture, PASS, setPassword, testVault } from './helpers';

describe('setup', () => {
  it('uses Argon2id at 64 MiB and 3 iterations, with a random 16-byte salt, and stores the parameters', async () => {
    // The production parameters are createVault's default: a real setup, not the fast test KDF.
    const { kv, session } = testVault();
    const vault = createVault({ kv, session });
    await vault.setup(PASS);
    const header = (await kv.get<VaultHeader>('meta:header'))!;
    expect(header.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect(header.kdf.salt).toHaveLength(16);
    expect(DEFAULT_KDF).toMatchObject({ memoryKiB: 64 * 1024, iterations: 3 });
    expect(await vault.state()).toBe('unlocked');
    await vault.lock();
    await vault.unlock(PASS);
    expect(await vault.state()).toBe('unlocked');
  });

  it.each([
    ['an empty passphrase', ''],
    ['nine characters', '123456789'],
    ['nine characters counted as written, not as UTF-16 units', '😀😀😀😀😀😀😀😀😀'],
  ])('refuses %s with a clear message', async (_, passphrase) => {
    const { vault } = testVault();
    await expect(vault.setup(passphrase)).rejects.toMatchObject({ code: 'bad-request', message: 'Use at least 10 characters.' });
    expect(await vault.state()).toBe('uninitialized');
  });
});

describe('unlock', () => {
  it('opens with the right passphrase, and says clearly when it is wrong or empty', async () => {
    const { vault } = testVault();
    await vault.setup(PASS);
    await vault.lock();
    expect(await vault.state()).toBe('locked');
    await expect(vault.unlock('correct horse battery stable')).rejects.toMatchObject({
      code: 'wrong-passphrase',
      message: expect.stringContaining('not right'),
    });
    await expect(vault.unlock('')).rejects.toMatchObject({ message: 'Enter your passphrase.' });
    await vault.unlock(PASS);
    expect(await vault.state()).toBe('unlocked');
  });

  it.each([
    ['a 10,000-character passphrase', 'ab1!'.repeat(2500)],
    ['a non-ASCII passphrase', 'пароль-密码-パスワード-🔑'],
  ])('works with %s', async (_, passphrase) => {
    const { vault } = testVault();
    await vault.setup(passphrase);
    await vault.lock();
    await vault.unlock(passphrase);
    expect(await vault.state()).toBe('unlocked');
  });

  it('accepts a passphrase typed in another Unicode normal form (NFC)', async () => {
    const { vault } = testVault();
    await vault.setup('Crème brûlée au café');
    await vault.lock();
    await vault.unlock('Cre\u0300me bru\u0302le\u0301e au cafe\u0301');
    expect(await vault.state()).toBe('unlocked');
  });

  it('makes every try after the fifth failure wait longer, up to 60 s, across restarts', async () => {
    const clock = { now: 1_000_000 };
    const t = testVault({ clock });
    await t.vault.setup(PASS);
    await t.vault.lock();
    for (let i = 0; i < 5; i++) await expect(t.vault.unlock(`wrong ${i}`)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    // A restarted background (or a reopened popup) sees the same wait.
    const { vault } = t.restart();
    expect(await vault.throttle()).toEqual({ failures: 5, retryAfterMs: 1000 });
    await expect(vault.unlock(PASS)).rejects.toMatchObject({ code: 'rate-limited', message: 'Too many wrong passphrases. Try again in 1 s.' });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      clock.now += (await vault.throttle()).retryAfterMs;
      await expect(vault.unlock('still wrong')).rejects.toMatchObject({ code: 'wrong-passphrase' });
      waits.push((await vault.throttle()).retryAfterMs);
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    clock.now += 60_000;
    await vault.unlock(PASS);
    expect(await vault.throttle()).toEqual({ failures: 0, retryAfterMs: 0 });
  });

  it('survives a service worker restart: the key comes back from the session store', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    await t.service.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1'));
    const restarted = t.restart();
    expect(await restarted.vault.state()).toBe('unlocked');
    expect((await restarted.service.listAccounts()).accounts).toHaveLength(1);
  });

  it('is locked after the browser closes: the session store is empty', async () => {
    const t = testVault();
    await t.vault.setup(PASS);
    await t.session.clear();
    expect(await t.restart().vault.state()).toBe('locked');
  });
});

describe('records', () => {
  it('reports one corrupted record clearly while every other account still opens', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    for (const [i, token] of ['AAAAAAAAAAAAAAAAAAAAAAa1', 'BBBBBBBBBBBBBBBBBBBBBBb2', 'CCCCCCCCCCCCCCCCCCCCCCc3'].entries()) {
      await t.service.saveCapture(capture(token, `user${i}@acme.com`));
    }
    const [key, record] = (await t.kv.entries<{ ct: Uint8Array }>('record:'))[1]!;
    record.ct[5]! ^= 0x01;
    await t.kv.set(key, record);
    const restarted = t.restart();
    const { accounts, problems } = await restarted.service.listAccounts();
    expect(accounts).toHaveLength(2);
    expect(problems).toEqual([{ id: key.slice('record:'.length), kind: 'account', message: expect.stringContaining('cannot be decrypted') }]);
  });

  it('reports, by name, a record that the vault lists but the disk lost', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    const { accountId } = await t.service.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1'));
    await t.kv.delete(`record:${accountId}`);
    const { problems } = await t.restart().service.listAccounts();
    expect(problems).toEqual([{ id: accountId, kind: 'account', message: '“ops@acme.com” is missing: its record was deleted from disk outside Tokenkeep.' }]);
  });

  it('cannot be swapped: a record moved under another id does not open', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    const a = await t.service.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1', 'a@acme.com'));
    const b = await t.service.saveCapture(capture('BBBBBBBBBBBBBBBBBBBBBBb2', 'b@acme.com'));
    await t.kv.set(`record:${b.accountId}`, await t.kv.get(`record:${a.accountId}`));
    const { accounts, problems } = await t.restart().service.listAccounts();
    expect(accounts.map((x) => x.fields.username)).toEqual(['a@acme.com']);
    expect(problems.map((p) => p.id)).toEqual([b.accountId]);
  });
});

describe('change passphrase', () => {
  it('makes a new vault key: every record, the inbox key and the trash sealed again, and the old passphrase and header open nothing', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    await t.service.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1'));
    const doomed = await t.service.saveCapture(capture('BBBBBBBBBBBBBBBBBBBBBBb2', 'doomed@acme.com'));
    await t.service.deleteAccount(doomed.accountId!);
    const before = new Map(await t.kv.entries<{ ct: Uint8Array }>('record:'));
    const oldHeader = await t.kv.get<VaultHeader>('meta:header');
    await t.service.changePassphrase(PASS, 'a brand new passphrase');
    const after = new Map(await t.kv.entries<{ ct: Uint8Array }>('record:'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [key, record] of after) expect(Buffer.from(record.ct).equals(Buffer.from(before.get(key)!.ct))).toBe(false);
    // The old header, put back (from a backup of the disk, or from browser sync), opens with the old passphrase a key that opens nothing.
    await t.service.lock();
    await expect(t.service.unlock(PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await t.service.unlock('a brand new passphrase');
    expect((await t.service.listAccounts()).accounts).toHaveLength(1);
    // Undo still works within its window: the trashed record moved to the new key too.
    await t.service.restoreAccount(doomed.accountId!);
    expect((await t.service.listAccounts()).accounts).toHaveLength(2);
    await t.service.lock();
    await t.kv.set('meta:header', oldHeader);
    await t.service.unlock(PASS);
    expect((await t.service.listAccounts()).accounts).toHaveLength(0);
    expect(t.vault.problems().filter((p) => p.kind === 'account')).toHaveLength(2);
  });

  it('needs the current passphrase, and a crash before the write leaves the old one working', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    await t.service.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1'));
    await expect(t.service.changePassphrase('not it at all', 'a brand new passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    // The one write fails (the worker dies, the disk is full): nothing changed.
    const transact = t.kv.transact;
    t.kv.transact = async () => {
      throw new Error('worker killed');
    };
    await expect(t.service.changePassphrase(PASS, 'a brand new passphrase')).rejects.toThrow('worker killed');
    t.kv.transact = transact;
    await t.service.lock();
    await t.service.unlock(PASS);
    expect((await t.service.listAccounts()).accounts).toHaveLength(1);
  });

  it('refuses a header whose key derivation is weaker than Tokenkeep sets, or would make every unlock hang, before deriving anything', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    await t.service.lock();
    const h = (await t.kv.get<VaultHeader>('meta:header'))!;
    for (const [kdf, message] of [
      [{ ...h.kdf, memoryKiB: 8, iterations: 1 }, /weaker than Tokenkeep sets/],
      [{ ...h.kdf, memoryKiB: h.kdf.memoryKiB * 64, iterations: 64 }, /every unlock would hang/],
    ] as const) {
      await t.kv.set('meta:header', { ...h, kdf });
      await expect(t.service.unlock(PASS)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(message) });
    }
    // None of it counted as a wrong passphrase.
    expect((await t.vault.throttle()).failures).toBe(0);
  });
});

describe('joining a synced vault', () => {
  it('moves everything here to the synced vault’s key: the accounts, and one deleted moments ago, which Undo still brings back', async () => {
    const a = testVault();
    await a.service.setup('the synced vault passphrase');
    const b = testVault();
    await b.service.setup(PASS);
    await b.service.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1'));
    const doomed = await b.service.saveCapture(capture('BBBBBBBBBBBBBBBBBBBBBBb2', 'doomed@acme.com'));
    await b.service.deleteAccount(doomed.accountId!);
    await b.vault.adopt(await a.vault.currentLock(), 'the synced vault passphrase', async () => true);
    await b.service.restoreAccount(doomed.accountId!);
    await b.service.lock();
    await b.service.unlock('the synced vault passphrase');
    expect((await b.service.listAccounts()).accounts.map((x) => x.fields.username).sort()).toEqual(['doomed@acme.com', 'ops@acme.com']);
  });
});

describe('telling the rest of Tokenkeep', () => {
  it('says after every change to the accounts, whatever made it, and only then: a save, a capture, a deletion, an undo, a capture merged at unlock', async () => {
    let told = 0;
    const t = testVault({ onChange: () => void told++ });
    await t.service.setup(PASS);
    expect(told).toBe(0);
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['a capture', () => t.service.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1'))],
      ['a save', async () => setPassword(t.service, (await t.service.allAccounts())[0]!.id, 'a new password')],
      ['a deletion', async () => t.service.deleteAccount((await t.service.allAccounts())[0]!.id)],
    ];
    for (const [what, step] of steps) {
      const before = told;
      await step();
      expect(told, what).toBe(before + 1);
    }
    await t.service.lock();
    await t.service.saveCapture(capture('BBBBBBBBBBBBBBBBBBBBBBb2', 'later@acme.com'));
    const before = told;
    await t.service.unlock(PASS);
    expect(told, 'the capture sealed while locked, merged at unlock').toBe(before + 1);
    await t.service.listAccounts();
    expect(told, 'reading changes nothing').toBe(before + 1);
  });
});

describe('migration', () => {
  it('turns a version-1 plain-text account (Tokenkeep 0.1) into an encrypted version-2 record at setup', async () => {
    const v1 = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/vault/account-v1.json'), 'utf8'));
    const t = testVault();
    await t.kv.set(`account:${v1.id}`, v1);
    await t.service.setup(PASS);
    expect(await t.kv.entries('account:')).toEqual([]);
    const [account] = await t.service.allAccounts();
    expect(account).toMatchObject({
      schema: 3,
      id: v1.id,
      kind: 'salesforce',
      fields: { username: v1.username, password: v1.password, token: v1.token },
      history: [],
    });
    const stored = JSON.stringify(await t.kv.entries(''), (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    expect(stored).not.toContain(v1.token);
    expect(stored).not.toContain(v1.password);
    expect(stored).not.toContain(v1.username);
  });
});

describe('reset', () => {
  it('deletes everything and starts over', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    await t.service.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1'));
    await t.service.reset();
    expect(await t.vault.state()).toBe('uninitialized');
    expect(await t.kv.entries('')).toEqual([]);
    expect(t.session.value).toBeUndefined();
  });
});
