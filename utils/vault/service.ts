/**
 * What the background does with accounts, independent of how messages arrive.
 * All writes go through one serial queue.
 */
import { AppError } from '../errors';
import type { Capture } from '../extract/types';
import { accountKey, applyCapture, newAccountFromCapture, type Account, type CaptureOutcome } from './account';
import { captureFingerprint } from './fingerprint';
import type { AccountRepository } from './repository';
import { serialQueue } from './serial';
import type { KeyValueStore } from './store';

export type CaptureStatus = 'new' | 'saved' | 'dismissed';

export interface VaultServiceDeps {
  kv: KeyValueStore;
  accounts: AccountRepository;
  now?: () => string;
  newId?: () => string;
}

export function createVaultService({ kv, accounts, now = () => new Date().toISOString(), newId = () => crypto.randomUUID() }: VaultServiceDeps) {
  const serial = serialQueue();
  const seenKey = async (capture: Capture) => `seen:${await captureFingerprint(capture)}`;

  async function findAccount(capture: Capture): Promise<Account | undefined> {
    const key = accountKey(capture.provider, capture.username);
    return (await accounts.all()).find((a) => accountKey(a.provider, a.username) === key);
  }

  return {
    async captureStatus(capture: Capture): Promise<CaptureStatus> {
      const seen = await kv.get<CaptureStatus>(await seenKey(capture));
      if (seen) return seen;
      const account = await findAccount(capture);
      const known = account && (account.token === capture.token || account.history.some((h) => h.token === capture.token));
      return known ? 'saved' : 'new';
    },

    saveCapture(capture: Capture): Promise<{ outcome: CaptureOutcome; accountId: string }> {
      return serial(async () => {
        const stamp = now();
        const existing = await findAccount(capture);
        const { account, outcome } = existing
          ? applyCapture(existing, capture, stamp)
          : { account: newAccountFromCapture(capture, newId(), stamp), outcome: 'created' as const };
        if (outcome !== 'duplicate') await accounts.put(account);
        await kv.set(await seenKey(capture), 'saved');
        return { outcome, accountId: account.id };
      });
    },

    dismissCapture(capture: Capture): Promise<void> {
      return serial(async () => {
        const key = await seenKey(capture);
        if ((await kv.get(key)) !== 'saved') await kv.set(key, 'dismissed');
      });
    },

    async listAccounts(): Promise<Account[]> {
      return (await accounts.all()).sort((a, b) => a.label.localeCompare(b.label));
    },

    setPassword(id: string, password: string): Promise<Account> {
      return serial(async () => {
        const account = await accounts.get(id);
        if (!account) throw new AppError('not-found', 'That account no longer exists.');
        const updated = { ...account, password, updatedAt: now() };
        await accounts.put(updated);
        return updated;
      });
    },
  };
}

export type VaultService = ReturnType<typeof createVaultService>;
