/**
 * The vault as a round of sync sees it: its keys, its lock, its accounts,
 * and a way to store what arrived. Made while unlocked; the raw key is
 * dropped as soon as the keys it derives are made.
 */
import { AppError } from '../common/errors';
import { importAesKey } from '../vault/crypto';
import type { SyncPort } from '../vault/sync-port';
import type { SyncVault } from './round';
import { headerIsOurs, headerMacKey, readLock } from './header';
import { largeSecrets } from './large-secrets';
import { kdfProblem } from '../vault/kdf-bounds';

export async function syncVaultOf(vault: SyncPort): Promise<SyncVault> {
  const raw = await vault.rawKey();
  const [key, headerKey] = await Promise.all([importAesKey(raw), headerMacKey(raw)]);
  raw.fill(0);
  return {
    key,
    headerKey,
    currentLock: () => vault.currentLock(),
    takeLock: (lock) => vault.takeLock(lock),
    accounts: async () => new Map((await vault.accounts()).map((a) => [a.id, a])),
    async apply(puts, removes) {
      if (puts.length) await vault.putMany(puts);
      for (const id of removes) await vault.trash(id);
    },
    leaveOut: largeSecrets,
    lockProblem: (lock) => kdfProblem(lock.kdf, vault.kdfFloor()),
  };
}

/**
 * Joins the vault whose header is in sync storage: the passphrase is that
 * vault's, and the header must prove it holds the key the passphrase opens.
 */
export async function joinSyncedVault(vault: SyncPort, header: unknown, passphrase: string): Promise<void> {
  const lock = readLock(header);
  if (!lock) throw new AppError('bad-request', 'The synced vault’s header is damaged. Turn sync off here, and on again on a browser that holds the vault.');
  await vault.adopt(lock, passphrase, async (raw) => headerIsOurs(await headerMacKey(raw), header));
}

/** Sets up this browser, from its first screen, with the vault whose header is in sync storage. */
export async function startFromSyncedVault(vault: SyncPort, header: unknown, passphrase: string): Promise<void> {
  const lock = readLock(header);
  if (!lock)
    throw new AppError(
      'bad-request',
      'The synced vault’s header is damaged: create a vault here instead, or turn sync on again on a browser that holds the vault.',
    );
  await vault.setupFrom(lock, passphrase, async (raw) => headerIsOurs(await headerMacKey(raw), header));
}
