/**
 * The vault: the rooms of this folder joined into one object the
 * application uses. Its lock (lock.ts: the passphrase, the key, the
 * throttle), its records and their signed manifest (records.ts), the trash
 * (trash.ts), the inbox for captures made while locked (inbox.ts), new keys
 * and the port sync uses (rekey.ts), and what older versions left on disk
 * (legacy.ts). layout.ts describes what is on disk. Pure apart from its
 * injected stores, so the background, the unit tests and the benchmark all
 * drive the same code.
 */
import { AppError } from '../common/errors';
import type { Account } from './account';
import { newKdfParams, type KdfParams } from './crypto';
import { createInbox } from './inbox';
import { HEADER, RECORD, keyTagOf, type EncryptedRecord, type VaultHeader } from './layout';
import { upgradeVersion1 } from './legacy';
import { createLock, setupRequired, type SessionKeyStore } from './lock';
import { createRecords, type RecordProblem, type Records } from './records';
import { createRekey } from './rekey';
import type { KeyValueStore } from './store';
import { createTrash } from './trash';

export { MAX_PASSPHRASE, MIN_PASSPHRASE, checkNewPassphrase, type SessionKeyStore, type VaultLock, type VaultState } from './lock';
export type { RecordProblem } from './records';
export type { EncryptedRecord, VaultHeader } from './layout';
export { UNDO_WINDOW_MS } from './trash';

export interface VaultDeps {
  kv: KeyValueStore;
  session: SessionKeyStore;
  now?: () => number;
  newId?: () => string;
  /** KDF parameters for new passphrases; the production default unless a test needs speed. */
  kdfParams?: () => KdfParams;
  /**
   * Called after every write that changes the accounts, whatever made it (an
   * edit, a capture, an import, a deletion, sync): the one place that tells
   * the rest (browser sync, expiry reminders) to follow.
   */
  onChange?: () => void;
}

export function createVault({
  kv,
  session,
  now = Date.now,
  newId = () => crypto.randomUUID(),
  kdfParams = newKdfParams,
  onChange = () => undefined,
}: VaultDeps) {
  const lock = createLock({ kv, session, now, kdfParams });
  const records = createRecords({ kv, lock, onChange });
  const trash = createTrash({ kv, lock, records, now });
  const rekey = createRekey({ kv, lock, records, trash, now, onChange });

  /** Opens a session with `rawKey` (wiped after), upgrading a version-1 vault first; says what did not check out. */
  async function open(
    rawKey: Uint8Array,
    h: VaultHeader,
    { upgrade, disk }: { upgrade?: { kek: CryptoKey }; disk?: ReturnType<Records['read']> } = {},
  ): Promise<RecordProblem[]> {
    records.forget();
    const k = await lock.start(rawKey);
    if (upgrade) await upgradeVersion1({ kv, records, now }, k, h, upgrade.kek, rawKey);
    rawKey.fill(0);
    // An upgrade rewrote the records: what was read before it is stale.
    return records.reload(k, upgrade ? undefined : disk);
  }

  const headerOrSetup = async () => {
    const h = await lock.header();
    if (!h) throw setupRequired();
    return h;
  };

  /** Forgets the key and everything decrypted. */
  async function close(): Promise<void> {
    records.forget();
    await lock.forget();
  }

  return {
    state: lock.state,
    throttle: lock.throttle,

    /** Runs a check of some passphrase (a backup's) under the vault's throttle; success does not reset it. */
    throttledCheck: <T>(check: () => Promise<T>) => lock.throttled(check, { clearOnSuccess: false }),

    /** The least key derivation this Tokenkeep accepts from any header: what it sets for a new passphrase. */
    kdfFloor: lock.kdfFloor,

    ...rekey,

    /** Opens the vault; returns what did not check out on disk (every account that does still opens). */
    async unlock(passphrase: string): Promise<RecordProblem[]> {
      const h = await headerOrSetup();
      let disk: ReturnType<Records['read']> | undefined;
      const { rawKey, kek, version } = await lock.throttled(
        () => {
          // Started after the throttle's own read and just before the key derivation, which it then overlaps; a wrong passphrase leaves it unused.
          disk = records.read();
          disk.catch(() => undefined);
          return lock.unwrap(passphrase, h);
        },
        { clearOnSuccess: true },
      );
      const downgraded = version === 2 && h.version === 1;
      const problems = await open(rawKey, h, { disk, ...(version === 1 ? { upgrade: { kek } } : {}) });
      if (downgraded) {
        await kv.set(HEADER, { ...h, version: 2 } satisfies VaultHeader);
        records.report({
          id: 'header',
          kind: 'notice',
          message: 'The vault’s header was set back to an older format on disk, outside Tokenkeep. It was not trusted, and is current again.',
        });
      }
      return problems;
    },

    /**
     * Opens the vault with its key itself, as a PIN unwrapped it. `keyTag` names the wrapping
     * of the key it was taken from: after a passphrase change, or joining a synced vault, the key
     * is another, and this opens nothing.
     */
    async unlockWithKey(rawKey: Uint8Array, tag: string): Promise<RecordProblem[]> {
      const h = await headerOrSetup();
      if (tag !== keyTagOf(h)) throw new AppError('wrong-passphrase', 'The passphrase changed since the PIN was set: unlock with the passphrase.');
      return open(rawKey, h);
    },

    /** What names the current vault key's wrapping (see unlockWithKey). */
    async keyTag(): Promise<string> {
      await lock.requireKeys();
      return keyTagOf((await lock.header())!);
    },

    lock: async () => {
      const gone = await trash.expired();
      if (gone.length) await kv.transact([], gone);
      await close();
    },

    /** The raw vault key, for keys derived from it (sync's header MAC, the PIN); only while unlocked. */
    async rawKey(): Promise<Uint8Array> {
      await lock.requireKeys();
      return lock.rawKey();
    },

    accounts: async () => [...(await records.accounts()).values()],
    problems: records.problems,
    get: async (id: string) => (await records.accounts()).get(id),

    /** Writes accounts and the manifest in one transaction. */
    async putMany(list: Account[]): Promise<void> {
      const k = await lock.requireKeys();
      await records.accounts();
      await records.write(k, list);
    },

    trash: trash.trash,
    restore: trash.restore,
    ...createInbox({ kv, lock, records, newId }),

    /** The header and every readable record, as stored: what a backup contains. */
    async encryptedSnapshot(): Promise<{ header: VaultHeader; records: Array<[string, EncryptedRecord]>; vaultKey: CryptoKey }> {
      const k = await lock.requireKeys();
      const readable = new Set((await records.accounts()).keys());
      const stored = (await kv.entries<EncryptedRecord>(RECORD))
        .map(([storeKey, r]) => [storeKey.slice(RECORD.length), r] as [string, EncryptedRecord])
        .filter(([id]) => readable.has(id));
      return { header: (await lock.header())!, records: stored, vaultKey: k.aes };
    },

    /** Deletes everything the vault holds. */
    async reset(): Promise<void> {
      await kv.clear();
      await close();
    },
  };
}

export type Vault = ReturnType<typeof createVault>;
