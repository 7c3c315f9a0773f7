/**
 * Deleted accounts: the encrypted record moves to `trash:<id>` for the undo
 * window, then goes with the next write that passes.
 */
import { AppError } from '../common/errors';
import { sameLogin, type Account } from './account';
import { RECORD, TRASH, type EncryptedRecord } from './layout';
import type { Keys, Lock } from './lock';
import { openRecord, sealRecord, type Records } from './records';
import type { KeyValueStore } from './store';

export const UNDO_WINDOW_MS = 10_000;

interface TrashEntry {
  record: EncryptedRecord;
  deletedAt: number;
}

export type Trash = ReturnType<typeof createTrash>;

export function createTrash({ kv, lock, records, now }: { kv: KeyValueStore; lock: Lock; records: Records; now: () => number }) {
  const pastUndo = (entry: TrashEntry) => now() - entry.deletedAt > UNDO_WINDOW_MS;

  /** Trash entries past the undo window: their records are deleted for good with the next write that passes. */
  const expired = async () => (await kv.entries<TrashEntry>(TRASH)).filter(([, t]) => pastUndo(t)).map(([k]) => k);

  return {
    expired,

    /** Deletes an account, keeping its encrypted record for the undo window. */
    async trash(id: string): Promise<void> {
      const k = await lock.requireKeys();
      const all = await records.accounts();
      const record = await kv.get<EncryptedRecord>(RECORD + id);
      if (!record || !all.has(id)) throw new AppError('not-found', 'That account no longer exists.');
      await records.write(k, [], {
        remove: [id],
        deletes: [RECORD + id, ...(await expired())],
        also: [[TRASH + id, { record, deletedAt: now() } satisfies TrashEntry]],
      });
    },

    /** Undoes a deletion within the undo window: the account is written again, at a new version. */
    async restore(id: string): Promise<Account> {
      const k = await lock.requireKeys();
      const entry = await kv.get<TrashEntry>(TRASH + id);
      if (!entry || pastUndo(entry)) throw new AppError('not-found', 'Too late to undo: the account was deleted.');
      const account = await openRecord(k.aes, id, entry.record);
      const clash = sameLogin((await records.accounts()).values(), account);
      if (clash) throw new AppError('bad-request', `Not restored: “${clash.label}” has the same username now.`);
      await records.write(k, [account], { deletes: [TRASH + id] });
      return account;
    },

    /** The trash sealed again under another key (`fresh`), and what is past its window to delete. */
    async resealed(k: Keys, fresh: Keys): Promise<{ puts: Array<[string, TrashEntry]>; gone: string[] }> {
      const puts: Array<[string, TrashEntry]> = [];
      const gone: string[] = [];
      for (const [storeKey, entry] of await kv.entries<TrashEntry>(TRASH)) {
        if (pastUndo(entry)) {
          gone.push(storeKey);
          continue;
        }
        const account = await openRecord(k.aes, storeKey.slice(TRASH.length), entry.record);
        puts.push([storeKey, { ...entry, record: await sealRecord(fresh.aes, account, entry.record.version ?? 0) }]);
      }
      return { puts, gone };
    },
  };
}
