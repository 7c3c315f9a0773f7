/**
 * The vault: key derivation, lock state, encrypted records, the inbox for
 * captures made while locked, and passphrase changes. Pure apart from its
 * injected stores, so the background, the unit tests and the benchmark all
 * drive the same code.
 *
 * On disk (IndexedDB, the extension's own origin):
 *   meta:header    KDF parameters and salt, the vault key wrapped by the
 *                  passphrase key, the inbox public key, and the inbox private
 *                  key wrapped by the vault key
 *   meta:index     ids of the account records, to notice one that went missing
 *   meta:throttle  failed unlock attempts (not secret)
 *   record:<id>    one account, AES-GCM under the vault key, its id bound as AAD
 *   inbox:<id>     a capture sealed to the inbox public key
 * In memory and in storage.session (never on disk): the raw vault key, so a
 * service worker restart does not lock the vault.
 */
import { AppError } from '../errors';
import { sameLogin, type Account } from './account';
import {
  DecryptError,
  deriveKek,
  fromBase64,
  generateInboxKeys,
  importAesKey,
  newKdfParams,
  open,
  openJson,
  openSealedBox,
  randomBytes,
  seal,
  sealJson,
  sealToPublicKey,
  toBase64,
  type KdfParams,
  type Sealed,
  type SealedBox,
} from './crypto';
import { migrateAccount } from './migrate';
import type { KeyValueStore } from './store';
import { recordFailure, waitMs, type ThrottleState } from './throttle';

export interface VaultHeader {
  version: 1;
  kdf: KdfParams;
  wrappedKey: Sealed;
  inbox: { publicKey: Uint8Array; privateKey: Sealed };
  createdAt: string;
  updatedAt: string;
}

export interface EncryptedRecord extends Sealed {
  v: 1;
}

/** Where the raw vault key lives while unlocked: storage.session in the extension. */
export interface SessionKeyStore {
  get(): Promise<string | undefined>;
  set(rawKeyBase64: string): Promise<void>;
  clear(): Promise<void>;
}

export type VaultState = 'uninitialized' | 'locked' | 'unlocked';

export interface RecordProblem {
  id: string;
  message: string;
}

export const MIN_PASSPHRASE = 10;
export const MAX_PASSPHRASE = 16_384;

const HEADER = 'meta:header';
const INDEX = 'meta:index';
const THROTTLE = 'meta:throttle';
const RECORD = 'record:';
const INBOX = 'inbox:';
/** Deleted accounts, still encrypted, kept for the undo window. */
const TRASH = 'trash:';

export const UNDO_WINDOW_MS = 10_000;

interface TrashEntry {
  record: EncryptedRecord;
  deletedAt: number;
}

const pastUndo = (entry: TrashEntry, now: number) => now - entry.deletedAt > UNDO_WINDOW_MS;
/** Version-1 accounts, stored in plain text by Tokenkeep 0.1. */
const LEGACY = 'account:';

const aad = {
  vaultKey: 'tokenkeep-vault-key-v1',
  inboxKey: 'tokenkeep-inbox-private-key-v1',
  record: (id: string) => `tokenkeep-record-v1:${id}`,
  inbox: (id: string) => `tokenkeep-inbox-v1:${id}`,
};

export function checkNewPassphrase(passphrase: string): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE) throw new AppError('bad-request', `Use at least ${MIN_PASSPHRASE} characters.`);
  if (length > MAX_PASSPHRASE) throw new AppError('bad-request', `Use at most ${MAX_PASSPHRASE} characters.`);
}

const wrongPassphrase = () => new AppError('wrong-passphrase', 'That passphrase is not right. Check Caps Lock and your keyboard layout, and try again.');

export interface VaultDeps {
  kv: KeyValueStore;
  session: SessionKeyStore;
  now?: () => number;
  newId?: () => string;
  /** KDF parameters for new passphrases; the production default unless a test needs speed. */
  kdfParams?: () => KdfParams;
}

export function createVault({ kv, session, now = Date.now, newId = () => crypto.randomUUID(), kdfParams = newKdfParams }: VaultDeps) {
  let key: CryptoKey | undefined;
  /** Decrypted accounts while unlocked; the source of truth stays on disk. */
  let cache: Map<string, Account> | undefined;
  let problems: RecordProblem[] = [];

  const header = () => kv.get<VaultHeader>(HEADER);

  /** The vault key from memory, or from storage.session after a service worker restart. */
  async function currentKey(): Promise<CryptoKey | undefined> {
    if (key) return key;
    const raw = await session.get();
    if (raw) key = await importAesKey(fromBase64(raw));
    return key;
  }

  async function state(): Promise<VaultState> {
    if (!(await header())) return 'uninitialized';
    return (await currentKey()) ? 'unlocked' : 'locked';
  }

  async function requireKey(): Promise<CryptoKey> {
    const k = await currentKey();
    if (k) return k;
    throw (await header()) ? new AppError('locked', 'Tokenkeep is locked. Unlock it with your passphrase.') : new AppError('setup-required', 'Set up Tokenkeep first: choose a passphrase in its popup.');
  }

  async function encryptRecord(k: CryptoKey, account: Account): Promise<EncryptedRecord> {
    return { v: 1, ...(await sealJson(k, account, aad.record(account.id))) };
  }

  /** Decrypts every record; a damaged one is reported and skipped, the rest still open. */
  async function loadAll(k: CryptoKey): Promise<Map<string, Account>> {
    const [records, index] = await Promise.all([kv.entries<EncryptedRecord>(RECORD), kv.get<string[]>(INDEX)]);
    const found: RecordProblem[] = [];
    const accounts = new Map<string, Account>();
    await Promise.all(
      records.map(async ([storeKey, record]) => {
        const id = storeKey.slice(RECORD.length);
        try {
          accounts.set(id, migrateAccount(await openJson(k, record, aad.record(id))));
        } catch (err) {
          found.push({
            id,
            message: err instanceof DecryptError ? 'This account cannot be decrypted: its record was changed or damaged on disk.' : `This account's record cannot be read (${(err as Error).message}).`,
          });
        }
      }),
    );
    const present = new Set(records.map(([k]) => k.slice(RECORD.length)));
    for (const id of index ?? []) if (!present.has(id)) found.push({ id, message: 'This account is listed in the vault index but its record is missing.' });
    problems = found;
    return accounts;
  }

  async function accounts(): Promise<Map<string, Account>> {
    const k = await requireKey();
    cache ??= await loadAll(k);
    return cache;
  }

  /** Encrypts the accounts and writes them with the updated index (and any deletions) in one transaction. */
  async function writeAccounts(k: CryptoKey, list: Account[], deletes: string[] = []): Promise<void> {
    const index = new Set((await kv.get<string[]>(INDEX)) ?? []);
    const puts: Array<[string, unknown]> = [];
    for (const account of list) {
      puts.push([RECORD + account.id, await encryptRecord(k, account)]);
      index.add(account.id);
    }
    puts.push([INDEX, [...index]]);
    await kv.transact(puts, deletes);
    if (cache) for (const account of list) cache.set(account.id, account);
  }

  /** Trash entries past the undo window: their records are deleted for good with the next write that passes. */
  async function expiredTrash(): Promise<string[]> {
    return (await kv.entries<TrashEntry>(TRASH)).filter(([, t]) => pastUndo(t, now())).map(([k]) => k);
  }

  async function startSession(rawKey: Uint8Array): Promise<CryptoKey> {
    key = await importAesKey(rawKey);
    await session.set(toBase64(rawKey));
    cache = undefined;
    return key;
  }

  /** Plain-text accounts left by Tokenkeep 0.1 become encrypted records, in one transaction. */
  async function migrateLegacy(k: CryptoKey): Promise<number> {
    const legacy = await kv.entries<unknown>(LEGACY);
    if (!legacy.length) return 0;
    const migrated = legacy.map(([, value]) => migrateAccount(value));
    await writeAccounts(
      k,
      migrated,
      legacy.map(([storeKey]) => storeKey),
    );
    return migrated.length;
  }

  async function unwrap(passphrase: string, h: VaultHeader): Promise<Uint8Array> {
    const kek = await deriveKek(passphrase, h.kdf);
    try {
      return await open(kek, h.wrappedKey, aad.vaultKey);
    } catch (err) {
      if (err instanceof DecryptError) throw wrongPassphrase();
      throw err;
    }
  }

  return {
    state,

    /** Unlock attempts still to wait for, and how many have failed in a row. */
    async throttle(): Promise<{ failures: number; retryAfterMs: number }> {
      const t = await kv.get<ThrottleState>(THROTTLE);
      return { failures: t?.failures ?? 0, retryAfterMs: waitMs(t, now()) };
    },

    async setup(passphrase: string): Promise<void> {
      if (await header()) throw new AppError('bad-request', 'Tokenkeep is already set up.');
      checkNewPassphrase(passphrase);
      const rawKey = randomBytes(32);
      const kdf = kdfParams();
      const kek = await deriveKek(passphrase, kdf);
      const vaultKey = await importAesKey(rawKey);
      const inbox = await generateInboxKeys();
      const stamp = new Date(now()).toISOString();
      const h: VaultHeader = {
        version: 1,
        kdf,
        wrappedKey: await seal(kek, rawKey, aad.vaultKey),
        inbox: { publicKey: inbox.publicKey, privateKey: await seal(vaultKey, inbox.privateKey, aad.inboxKey) },
        createdAt: stamp,
        updatedAt: stamp,
      };
      inbox.privateKey.fill(0);
      await kv.transact([
        [HEADER, h],
        [INDEX, (await kv.get<string[]>(INDEX)) ?? []],
      ]);
      const k = await startSession(rawKey);
      rawKey.fill(0);
      await migrateLegacy(k);
    },

    /** Opens the vault; returns any record that could not be read (the others open regardless). */
    async unlock(passphrase: string): Promise<RecordProblem[]> {
      const h = await header();
      if (!h) throw new AppError('setup-required', 'Set up Tokenkeep first: choose a passphrase in its popup.');
      const throttle = await kv.get<ThrottleState>(THROTTLE);
      const wait = waitMs(throttle, now());
      if (wait > 0) throw new AppError('rate-limited', `Too many wrong passphrases. Try again in ${Math.ceil(wait / 1000)} s.`);
      if (!passphrase) throw new AppError('bad-request', 'Enter your passphrase.');
      let rawKey: Uint8Array;
      try {
        rawKey = await unwrap(passphrase, h);
      } catch (err) {
        if ((err as AppError).code === 'wrong-passphrase') await kv.set(THROTTLE, recordFailure(throttle, now()));
        throw err;
      }
      if (throttle) await kv.delete(THROTTLE);
      const k = await startSession(rawKey);
      rawKey.fill(0);
      await migrateLegacy(k);
      cache = await loadAll(k);
      return problems;
    },

    lock: async () => {
      const expired = await expiredTrash();
      if (expired.length) await kv.transact([], expired);
      key = undefined;
      cache = undefined;
      problems = [];
      await session.clear();
    },

    /** Re-wraps the vault key under a new passphrase. One record changes, in one write: the old passphrase or the new one works, never neither. */
    async changePassphrase(current: string, next: string): Promise<void> {
      const h = await header();
      if (!h) throw new AppError('setup-required', 'Set up Tokenkeep first.');
      checkNewPassphrase(next);
      const rawKey = await unwrap(current, h);
      const kdf = kdfParams();
      const kek = await deriveKek(next, kdf);
      const updated: VaultHeader = { ...h, kdf, wrappedKey: await seal(kek, rawKey, aad.vaultKey), updatedAt: new Date(now()).toISOString() };
      rawKey.fill(0);
      await kv.set(HEADER, updated);
    },

    accounts: async () => [...(await accounts()).values()],
    problems: () => problems,
    get: async (id: string) => (await accounts()).get(id),

    /** Writes accounts and the index in one transaction. */
    async putMany(list: Account[]): Promise<void> {
      const k = await requireKey();
      await accounts();
      await writeAccounts(k, list);
    },

    /** Deletes an account, keeping its encrypted record for the undo window. */
    async trash(id: string): Promise<void> {
      await requireKey();
      const all = await accounts();
      const record = await kv.get<EncryptedRecord>(RECORD + id);
      if (!record || !all.has(id)) throw new AppError('not-found', 'That account no longer exists.');
      const index = ((await kv.get<string[]>(INDEX)) ?? []).filter((x) => x !== id);
      const expired = await expiredTrash();
      await kv.transact(
        [
          [TRASH + id, { record, deletedAt: now() } satisfies TrashEntry],
          [INDEX, index],
        ],
        [RECORD + id, ...expired],
      );
      all.delete(id);
    },

    /** Undoes a deletion within the undo window. */
    async restore(id: string): Promise<Account> {
      const k = await requireKey();
      const entry = await kv.get<TrashEntry>(TRASH + id);
      if (!entry || pastUndo(entry, now())) throw new AppError('not-found', 'Too late to undo: the account was deleted.');
      const account = migrateAccount(await openJson(k, entry.record, aad.record(id)));
      const clash = sameLogin((await accounts()).values(), account);
      if (clash) throw new AppError('bad-request', `Not restored: “${clash.label}” has the same username now.`);
      const index = new Set((await kv.get<string[]>(INDEX)) ?? []).add(id);
      await kv.transact(
        [
          [RECORD + id, entry.record],
          [INDEX, [...index]],
        ],
        [TRASH + id],
      );
      (await accounts()).set(id, account);
      return account;
    },

    /** Seals a value for the vault without needing it unlocked (captures while locked). */
    async sealToInbox(value: unknown): Promise<void> {
      const h = await header();
      if (!h) throw new AppError('setup-required', 'Set up Tokenkeep first: choose a passphrase in its popup, then save again.');
      const id = newId();
      const box = await sealToPublicKey(h.inbox.publicKey, new TextEncoder().encode(JSON.stringify(value)), aad.inbox(id));
      await kv.set(INBOX + id, box);
    },

    async inboxSize(): Promise<number> {
      return (await kv.entries(INBOX)).length;
    },

    /** Opens every sealed inbox item; `apply` stores what it means, then the items are deleted with the same transaction. */
    async drainInbox<T>(apply: (values: unknown[]) => Promise<{ puts: Account[]; result: T }>): Promise<T | undefined> {
      const k = await requireKey();
      const h = (await header())!;
      const items = await kv.entries<SealedBox>(INBOX);
      if (!items.length) return undefined;
      const privateKey = await open(k, h.inbox.privateKey, aad.inboxKey);
      const values: unknown[] = [];
      const done: string[] = [];
      for (const [storeKey, box] of items) {
        try {
          values.push(JSON.parse(new TextDecoder().decode(await openSealedBox(privateKey, h.inbox.publicKey, box, aad.inbox(storeKey.slice(INBOX.length))))));
          done.push(storeKey);
        } catch {
          // A damaged item stays where it is; it cannot be read now and must not be lost.
        }
      }
      privateKey.fill(0);
      const { puts, result } = await apply(values);
      await writeAccounts(k, puts, done);
      return result;
    },

    /** The header and every readable record, as stored: what a backup contains. */
    async encryptedSnapshot(): Promise<{ header: VaultHeader; records: Array<[string, EncryptedRecord]>; vaultKey: CryptoKey }> {
      const k = await requireKey();
      const readable = new Set((await accounts()).keys());
      const records = (await kv.entries<EncryptedRecord>(RECORD)).map(([storeKey, r]) => [storeKey.slice(RECORD.length), r] as [string, EncryptedRecord]).filter(([id]) => readable.has(id));
      return { header: (await header())!, records, vaultKey: k };
    },

    /** Deletes everything the vault holds. */
    async reset(): Promise<void> {
      await kv.clear();
      key = undefined;
      cache = undefined;
      problems = [];
      await session.clear();
    },
  };
}

export type Vault = ReturnType<typeof createVault>;
