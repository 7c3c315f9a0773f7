/**
 * Account records, one per key. This is the seam the encrypted vault slots
 * into: callers only see `AccountRepository`.
 */
import type { Account } from './account';
import type { KeyValueStore } from './store';

export interface AccountRepository {
  all(): Promise<Account[]>;
  get(id: string): Promise<Account | undefined>;
  put(account: Account): Promise<void>;
}

const PREFIX = 'account:';

export function plainRepository(kv: KeyValueStore): AccountRepository {
  return {
    async all() {
      return (await kv.entries<Account>(PREFIX)).map(([, a]) => a);
    },
    get: (id) => kv.get<Account>(PREFIX + id),
    put: (account) => kv.set(PREFIX + account.id, account),
  };
}
