import { beforeEach, describe, expect, it } from 'vitest';
import type { Capture } from '../../../utils/extract/types';
import { plainRepository } from '../../../utils/vault/repository';
import { createVaultService, type VaultService } from '../../../utils/vault/service';
import { idbStore } from '../../../utils/vault/store';

const SENDER = { name: 'Salesforce', address: 'support@salesforce.com' };
const capture = (token: string, username = 'ops@acme.com', date?: string): Capture => ({
  provider: 'salesforce',
  username,
  token,
  sender: SENDER,
  subject: 'Your new Salesforce security token',
  ...(date ? { date } : {}),
});

let vault: VaultService;
let db = 0;

beforeEach(() => {
  // A separate IndexedDB database per test keeps them independent.
  const kv = idbStore(`test-${++db}`);
  vault = createVaultService({ kv, accounts: plainRepository(kv) });
});

describe('vault service', () => {
  it('creates an account on the first capture and offers that token no more', async () => {
    const c = capture('AAAAAAAAAAAAAAAAAAAAAAa1');
    expect(await vault.captureStatus(c)).toBe('new');
    expect(await vault.saveCapture(c)).toMatchObject({ outcome: 'created' });
    expect(await vault.captureStatus(c)).toBe('saved');
    expect((await vault.listAccounts()).map((a) => [a.username, a.token])).toEqual([['ops@acme.com', 'AAAAAAAAAAAAAAAAAAAAAAa1']]);
  });

  it('updates the same account for the same username, in any letter case', async () => {
    const first = await vault.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1', 'Ops@Acme.com', '2026-11-01T00:00:00.000Z'));
    const second = await vault.saveCapture(capture('BBBBBBBBBBBBBBBBBBBBBBb2', 'ops@acme.com', '2026-11-02T00:00:00.000Z'));
    expect(second).toEqual({ outcome: 'updated', accountId: first.accountId });
    const [account] = await vault.listAccounts();
    expect(account?.history.map((h) => h.token)).toEqual(['AAAAAAAAAAAAAAAAAAAAAAa1']);
  });

  it('remembers a dismissed token, and saving it later still works', async () => {
    const c = capture('AAAAAAAAAAAAAAAAAAAAAAa1');
    await vault.dismissCapture(c);
    expect(await vault.captureStatus(c)).toBe('dismissed');
    await vault.saveCapture(c);
    expect(await vault.captureStatus(c)).toBe('saved');
    await vault.dismissCapture(c);
    expect(await vault.captureStatus(c)).toBe('saved');
  });

  it('stores every capture exactly once when many arrive at the same time', async () => {
    const tokens = Array.from({ length: 20 }, (_, i) => `Tok${String(i).padStart(2, '0')}aaaaaaaaaaaaaaaaaa`);
    await Promise.all(tokens.flatMap((t, i) => [vault.saveCapture(capture(t, 'ops@acme.com', `2026-11-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`)), vault.saveCapture(capture(t, `user${i}@acme.com`))]));
    const accounts = await vault.listAccounts();
    expect(accounts).toHaveLength(21);
    const ops = accounts.find((a) => a.username === 'ops@acme.com')!;
    expect(ops.token).toBe(tokens[19]);
    expect(new Set(ops.history.map((h) => h.token)).size).toBe(19);
  });

  it('sets a password, and reports a missing account clearly', async () => {
    const { accountId } = await vault.saveCapture(capture('AAAAAAAAAAAAAAAAAAAAAAa1'));
    expect((await vault.setPassword(accountId, 'hunter2')).password).toBe('hunter2');
    await expect(vault.setPassword('nope', 'x')).rejects.toMatchObject({ code: 'not-found' });
  });
});
