/**
 * The one place that touches IndexedDB. Everything the vault keeps lives in a
 * single object store under prefixed keys ("record:…", "meta:…", "inbox:…",
 * "seen:…"), so that any group of writes can share one transaction: a record
 * and the index that lists it land together or not at all.
 */
import { clear, createStore, get, getMany, promisifyRequest, type UseStore } from 'idb-keyval';

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<Array<T | undefined>>;
  set(key: string, value: unknown): Promise<void>;
  /** Puts and deletes in one IndexedDB transaction: all land or none do. */
  transact(puts: Array<[string, unknown]>, deletes?: string[]): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every pair whose key starts with `prefix`, read in one transaction. */
  entries<T>(prefix: string): Promise<Array<[string, T]>>;
  /** Deletes everything. */
  clear(): Promise<void>;
}

export const DB_NAME = 'tokenkeep';

/** Keys from `prefix` up to (not including) the next prefix: an index range, so only matching rows are read. */
function prefixRange(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, `${prefix}\uffff`, false, true);
}

export function idbStore(dbName = DB_NAME): KeyValueStore {
  const store: UseStore = createStore(dbName, 'kv');
  const transact = (puts: Array<[string, unknown]>, deletes: string[] = []) =>
    store('readwrite', (s) => {
      for (const [key, value] of puts) s.put(value, key);
      for (const key of deletes) s.delete(key);
      return promisifyRequest(s.transaction);
    });
  return {
    get: (key) => get(key, store),
    getMany: (keys) => getMany(keys, store),
    set: (key, value) => transact([[key, value]]),
    transact,
    delete: (key) => transact([], [key]),
    entries: <T>(prefix: string) =>
      store('readonly', async (s) => {
        const range = prefixRange(prefix);
        const [keys, values] = await Promise.all([promisifyRequest(s.getAllKeys(range)), promisifyRequest(s.getAll(range))]);
        return keys.map((k, i) => [k as string, values[i] as T] as [string, T]);
      }),
    clear: () => clear(store),
  };
}
