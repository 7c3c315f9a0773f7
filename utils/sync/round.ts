/**
 * What a round of sync works on and says: the storage area, the vault as
 * sync sees it, the state this browser keeps between rounds, and the
 * report. The engine (engine.ts) and the full rewrite (rewrite.ts) share them.
 */
import type { Account } from '../vault/account';
import type { VaultLock } from '../vault/lock';
import type { SyncItemError } from './items';
import type { Synced } from './merge';

export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** What the engine keeps on this browser between rounds (not secret: versions, ids and times). */
export interface SyncState {
  writer: string;
  synced: Record<string, Synced>;
  /** Accounts deleted here whose tombstone has not been written yet: id → when. */
  deleted: Record<string, string>;
  /** When this browser wrote, for the write rate. */
  writes: number[];
  /**
   * The last items of each account this browser applied or wrote, as sealed
   * (ciphertext under the vault key), with their version and writer: an
   * incoming item names the one it followed, and that one, which both
   * browsers had, is the base a merge goes part by part against.
   */
  bases?: Record<string, Array<[version: number, writer: string, sealed: string]>>;
  /** This browser changed the passphrase, and with it the vault key: its next round writes the synced vault again under the new one. */
  rekeyed?: true;
}

export interface SyncVault {
  key: CryptoKey;
  /** Signs and checks the synced header (header.ts). */
  headerKey: CryptoKey;
  currentLock(): Promise<VaultLock>;
  /** Takes the passphrase another browser set for this vault. */
  takeLock(lock: VaultLock): Promise<void>;
  accounts(): Promise<Map<string, Account>>;
  /**
   * Stores the accounts exactly as given (their dates included: a store that
   * stamped its own would send every applied account back as a change) and
   * deletes in the same go, into the trash, as the user's own deletions.
   */
  apply(puts: Account[], removes: string[]): Promise<void>;
  /** Fields of an account that stay on this browser (large secrets not ticked for sync). */
  leaveOut(account: Account): ReadonlySet<string>;
  /** Why a lock from another browser may not be taken (its key derivation out of bounds), or undefined. */
  lockProblem(lock: VaultLock): string | undefined;
}

export interface SyncReport {
  /** Accounts stored or deleted here from other browsers. */
  applied: number;
  written: number;
  /** Items that were not applied, by key, and why. */
  problems: SyncItemError[];
  notices: string[];
  /** Why changes made here were not written this round; they are kept and tried again. */
  refused?: string;
  /** When a write may go again, if the write rate held this round back. */
  retryAt?: number;
  /** Sync storage holds another vault (or a header changed outside Tokenkeep): nothing was read or written. Joining asks for that vault's passphrase. */
  otherVault?: boolean;
}
