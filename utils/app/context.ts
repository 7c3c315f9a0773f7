/**
 * What every part of the application shares: the vault, the small
 * key-value store beside it, one serial queue for every write, and the
 * clock and id source (injected, so tests pin them).
 */
import { AppError } from '../common/errors';
import type { Account } from '../vault/account';
import type { KeyValueStore } from '../vault/store';
import type { Vault } from '../vault/vault';

export interface AppContext {
  kv: KeyValueStore;
  vault: Vault;
  /** Runs writes one after another, so two tabs saving at once (or a save during an unlock) cannot lose an update. */
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  now: () => string;
  newId: () => string;
}

export const bad = (message: string) => new AppError('bad-request', message);

export async function getAccount({ vault }: Pick<AppContext, 'vault'>, id: string): Promise<Account> {
  const account = await vault.get(id);
  if (!account) throw new AppError('not-found', 'That account no longer exists.');
  return account;
}

/** An account of a kind this version cannot read: nothing of it is copied, filled or changed here. */
export const opaqueRefusal = (account: Account) =>
  bad(`${account.label} was made by a newer Tokenkeep, of a kind this one does not know: update Tokenkeep to use it.`);
