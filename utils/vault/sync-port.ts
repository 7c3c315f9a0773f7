/**
 * The narrow door browser sync (utils/sync/) comes through: the vault's
 * state, its key and lock, its accounts, and the ways to store what another
 * browser sent. Sync depends on this, never on the whole vault, so the
 * vault can change inside without sync noticing.
 */
import type { Vault } from './vault';

export type SyncPort = Pick<Vault, 'state' | 'rawKey' | 'kdfFloor' | 'currentLock' | 'takeLock' | 'adopt' | 'setupFrom' | 'accounts' | 'putMany' | 'trash'>;
