/**
 * The one place that touches IndexedDB. Everything the vault keeps lives in a
 * single object store, under prefixed keys ("account:…", "seen:…"), so that a
 * group of writes can share one transaction.
 */
import { createStore, del, entries, get, set, setMany, type UseStore } from 'idb-keyval';

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** All pairs written in one IndexedDB transaction: all land or none do. */
  setMany(pairs: Array<[string, unknown]>): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every pair whose key starts with `prefix`. */
  entries<T>(prefix: string): Promise<Array<[string, T]>>;
}

export const DB_NAME = 'tokenkeep';

export function idbStore(dbName = DB_NAME): KeyValueStore {
  const store: UseStore = createStore(dbName, 'kv');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    setMany: (pairs) => setMany(pairs, store),
    delete: (key) => del(key, store),
    async entries<T>(prefix: string) {
      const all = await entries<IDBValidKey, T>(store);
      return all.filter((e): e is [string, T] => typeof e[0] === 'string' && e[0].startsWith(prefix));
    },
  };
}
