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
 *   meta:manifest  the authenticated metadata (manifest.ts): each record's
 *                  version, the inbox public key, the schema, the migration
 *                  state, and the account names (encrypted); HMAC-signed
 *   meta:throttle  failed passphrase checks (not secret)
 *   record:<id>    one account, AES-GCM under the vault key, with its id and
 *                  version bound as AAD
 *   inbox:<id>     a capture sealed to the inbox public key
 *   kept:<key>     something Tokenkeep could not read and will not delete
 * In memory and in storage.session (never on disk): the raw vault key, so a
 * service worker restart does not lock the vault.
 *
 * Vaults written before the manifest (header version 1, with a plain index)
 * are upgraded at their next unlock.
 */
import { AppError } from '../common/errors';
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
import { manifestKey, openNames, sealNames, signManifest, verifyManifest, type ManifestBody, type StoredManifest } from './manifest';
import type { VaultLock } from '../sync/header';
import { kdfProblem } from './kdf-bounds';
import { ACCOUNT_SCHEMA, migrateAccount } from './migrate';
import type { KeyValueStore } from './store';
import { recordFailure, waitMs, type ThrottleState } from './throttle';

export interface VaultHeader {
  /** 2 since the manifest; 1 wrapped the key under another label and kept a plain index. */
  version: 1 | 2;
  kdf: KdfParams;
  wrappedKey: Sealed;
  inbox: { publicKey: Uint8Array; privateKey: Sealed };
  createdAt: string;
  updatedAt: string;
}

export interface EncryptedRecord extends Sealed {
  /** 2: `version` is bound into the AAD; 1 (before the manifest): the id alone. */
  v: 1 | 2;
  version?: number;
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
  /** 'account': an account that cannot be opened; 'notice': a change on disk Tokenkeep did not make. */
  kind: 'account' | 'notice';
  message: string;
}

export const MIN_PASSPHRASE = 10;
export const MAX_PASSPHRASE = 16_384;

const HEADER = 'meta:header';
const MANIFEST = 'meta:manifest';
/** Failed passphrases for a synced vault this browser tried to join: apart from unlock's, so a header someone planted in sync costs the user no unlock attempt. */
const JOIN_THROTTLE = 'meta:join-throttle';
/** The plain list of record ids that version-1 vaults kept. */
const OLD_INDEX = 'meta:index';
const THROTTLE = 'meta:throttle';
const RECORD = 'record:';
const INBOX = 'inbox:';
/** What cannot be read but must not be lost: inbox items sealed to another key. */
const KEPT = 'kept:';
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
  vaultKey: (headerVersion: 1 | 2) => `tokenkeep-vault-key-v${headerVersion}`,
  inboxKey: 'tokenkeep-inbox-private-key-v1',
  record: (id: string, record: Pick<EncryptedRecord, 'v' | 'version'>) => (record.v === 2 ? `tokenkeep-record-v2:${id}:${record.version}` : `tokenkeep-record-v1:${id}`),
  inbox: (id: string) => `tokenkeep-inbox-v1:${id}`,
};

/** The wrapped vault key's ciphertext names it: a new passphrase or vault key writes another. */
const keyTagOf = (h: VaultHeader) => toBase64(h.wrappedKey.ct);

export function checkNewPassphrase(passphrase: string): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE) throw new AppError('bad-request', `Use at least ${MIN_PASSPHRASE} characters.`);
  if (length > MAX_PASSPHRASE) throw new AppError('bad-request', `Use at most ${MAX_PASSPHRASE} characters.`);
}

const wrongPassphrase = () => new AppError('wrong-passphrase', 'That passphrase is not right. Check Caps Lock and your keyboard layout, and try again.');
const quoted = (name: string | undefined) => (name ? `“${name}”` : 'An account');

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

interface Keys {
  aes: CryptoKey;
  mac: CryptoKey;
}

export function createVault({ kv, session, now = Date.now, newId = () => crypto.randomUUID(), kdfParams = newKdfParams, onChange = () => undefined }: VaultDeps) {
  let keys: Keys | undefined;
  /** The verified manifest and the account names, while unlocked; every write replaces both. */
  let manifest: ManifestBody | undefined;
  let names: Record<string, string> = {};
  /** Decrypted accounts while unlocked; the source of truth stays on disk. */
  let cache: Map<string, Account> | undefined;
  let problems: RecordProblem[] = [];

  const header = () => kv.get<VaultHeader>(HEADER);

  async function keysFrom(raw: Uint8Array): Promise<Keys> {
    return { aes: await importAesKey(raw), mac: await manifestKey(raw) };
  }

  /** The vault keys from memory, or from storage.session after a service worker restart. */
  async function currentKeys(): Promise<Keys | undefined> {
    if (keys) return keys;
    const raw = await session.get();
    if (raw) keys = await keysFrom(fromBase64(raw));
    return keys;
  }

  async function state(): Promise<VaultState> {
    if (!(await header())) return 'uninitialized';
    return (await currentKeys()) ? 'unlocked' : 'locked';
  }

  async function requireKeys(): Promise<Keys> {
    const k = await currentKeys();
    if (k) return k;
    throw (await header()) ? new AppError('locked', 'Tokenkeep is locked. Unlock it with your passphrase.') : new AppError('setup-required', 'Set up Tokenkeep first: choose a passphrase in its popup.');
  }

  /**
   * Every check of a passphrase goes through here: unlock, passphrase change,
   * backup import. They share one count of failures and its growing wait,
   * kept with the vault, so no path guesses faster than another.
   */
  async function throttled<T>(check: () => Promise<T>, { clearOnSuccess, count = THROTTLE }: { clearOnSuccess: boolean; count?: string }): Promise<T> {
    const wait = waitMs(await kv.get<ThrottleState>(count), now());
    if (wait > 0) throw new AppError('rate-limited', `Too many wrong passphrases. Try again in ${Math.ceil(wait / 1000)} s.`);
    try {
      const result = await check();
      if (clearOnSuccess && (await kv.get(count))) await kv.delete(count);
      return result;
    } catch (err) {
      if ((err as AppError).code === 'wrong-passphrase') await kv.set(count, recordFailure(await kv.get<ThrottleState>(count), now()));
      throw err;
    }
  }

  /** What this Tokenkeep sets for a new passphrase: no header, synced vault or backup may ask for less (kdf-bounds.ts). */
  const kdfFloor = () => {
    const { salt: _salt, ...floor } = kdfParams();
    return floor;
  };
  /** Refuses key-derivation parameters out of bounds, saying whose they are, before any passphrase goes through them. */
  function checkKdf(kdf: KdfParams, whose: string): void {
    const problem = kdfProblem(kdf, kdfFloor());
    if (problem) throw new AppError('bad-request', `${whose} cannot be opened: ${problem}`);
  }

  /** The vault key, with the header version its wrapping proves (a header can claim 1 and be 2: that is a downgrade). */
  async function unwrap(passphrase: string, h: VaultHeader, whose = 'The vault on this browser (its header was changed outside Tokenkeep; restore a backup)'): Promise<{ rawKey: Uint8Array; kek: CryptoKey; version: 1 | 2 }> {
    if (!passphrase) throw new AppError('bad-request', 'Enter your passphrase.');
    checkKdf(h.kdf, whose);
    const kek = await deriveKek(passphrase, h.kdf);
    for (const version of h.version === 1 ? ([1, 2] as const) : ([2] as const)) {
      try {
        return { rawKey: await open(kek, h.wrappedKey, aad.vaultKey(version)), kek, version };
      } catch (err) {
        if (!(err instanceof DecryptError)) throw err;
      }
    }
    throw wrongPassphrase();
  }

  async function sealRecord(aes: CryptoKey, account: Account, version: number): Promise<EncryptedRecord> {
    const shape = { v: 2 as const, version };
    return { ...shape, ...(await sealJson(aes, account, aad.record(account.id, shape))) };
  }

  /** The manifest as it will be after a write: `put` gets new versions, `remove` leaves it. */
  async function nextManifest(k: Keys, base: ManifestBody, put: Account[], remove: string[] = []) {
    const body: ManifestBody = { ...base, records: { ...base.records } };
    const nextNames = { ...names };
    const records: Array<[string, EncryptedRecord]> = [];
    for (const account of put) {
      const version = ++body.counter;
      body.records[account.id] = version;
      nextNames[account.id] = account.label;
      records.push([RECORD + account.id, await sealRecord(k.aes, account, version)]);
    }
    for (const id of remove) {
      delete body.records[id];
      delete nextNames[id];
    }
    body.names = await sealNames(k.aes, nextNames);
    return { body, nextNames, records, stored: await signManifest(k.mac, body) };
  }

  /** Encrypts the accounts and writes them with the manifest (and any deletions) in one transaction. */
  async function writeAccounts(k: Keys, list: Account[], { deletes = [], remove = [], also = [] }: { deletes?: string[]; remove?: string[]; also?: Array<[string, unknown]> } = {}): Promise<void> {
    if (!manifest) throw new AppError('locked', 'Tokenkeep is locked. Unlock it with your passphrase.');
    const next = await nextManifest(k, manifest, list, remove);
    await kv.transact([...next.records, ...also, [MANIFEST, next.stored]], deletes);
    // Memory follows only once the disk has it.
    manifest = next.body;
    names = next.nextNames;
    if (cache) {
      for (const account of list) cache.set(account.id, account);
      for (const id of remove) cache.delete(id);
    }
    if (list.length || remove.length) onChange();
  }

  /** Refuses to move the vault to another key while an account cannot be opened: it would stay under a key that is gone. */
  function refuseWhileUnreadable(consequence: (them: string) => string): void {
    const unreadable = problems.filter((p) => p.kind === 'account').length;
    if (!unreadable) return;
    const them = unreadable === 1 ? 'it' : 'them';
    throw new AppError('bad-request', `${unreadable === 1 ? 'An account' : `${unreadable} accounts`} here cannot be opened${consequence(them)}. Export a backup first, or delete ${them}.`);
  }

  /**
   * Moves the vault to another key (`rawKey`, which it wipes) in one
   * transaction: every account, the manifest, the inbox's private key and
   * the trash still in its undo window are sealed again under it, beside the
   * header with its new lock; the trash past its window goes. Either the old
   * state or the new one is on disk, never a mix.
   */
  async function moveToKey(k: Keys, rawKey: Uint8Array, h: VaultHeader, all: ReadonlyMap<string, Account>, lock: Pick<VaultHeader, 'kdf' | 'wrappedKey' | 'updatedAt'>): Promise<void> {
    const fresh = await keysFrom(rawKey);
    const inboxPrivate = await open(k.aes, h.inbox.privateKey, aad.inboxKey);
    const updated: VaultHeader = { ...h, version: 2, ...lock, inbox: { publicKey: h.inbox.publicKey, privateKey: await seal(fresh.aes, inboxPrivate, aad.inboxKey) } };
    inboxPrivate.fill(0);
    const trash: Array<[string, TrashEntry]> = [];
    const gone: string[] = [];
    for (const [storeKey, entry] of await kv.entries<TrashEntry>(TRASH)) {
      if (pastUndo(entry, now())) {
        gone.push(storeKey);
        continue;
      }
      const id = storeKey.slice(TRASH.length);
      const account = migrateAccount(await openJson(k.aes, entry.record, aad.record(id, entry.record)));
      trash.push([storeKey, { ...entry, record: await sealRecord(fresh.aes, account, entry.record.version ?? 0) }]);
    }
    const written = await nextManifest(fresh, { ...manifest!, records: {} }, [...all.values()]);
    await kv.transact([[HEADER, updated], ...written.records, [MANIFEST, written.stored], ...trash], gone);
    keys = fresh;
    await session.set(toBase64(rawKey));
    rawKey.fill(0);
    manifest = written.body;
    names = written.nextNames;
  }

  async function startSession(rawKey: Uint8Array): Promise<Keys> {
    keys = await keysFrom(rawKey);
    await session.set(toBase64(rawKey));
    cache = undefined;
    manifest = undefined;
    return keys;
  }

  /** A new vault on this browser under `rawKey`, wrapped as `lock` says; the session starts, and the raw key is wiped. */
  async function create(rawKey: Uint8Array, lock: Pick<VaultHeader, 'kdf' | 'wrappedKey'>): Promise<void> {
    const inbox = await generateInboxKeys();
    const stamp = new Date(now()).toISOString();
    const k = await keysFrom(rawKey);
    const h: VaultHeader = {
      version: 2,
      ...lock,
      inbox: { publicKey: inbox.publicKey, privateKey: await seal(k.aes, inbox.privateKey, aad.inboxKey) },
      createdAt: stamp,
      updatedAt: stamp,
    };
    inbox.privateKey.fill(0);
    // Plain-text accounts of Tokenkeep 0.1 become records now, in the first write; the manifest then says it is done.
    const legacy = await kv.entries<unknown>(LEGACY);
    names = {};
    const next = await nextManifest(k, { ...freshManifest(inbox.publicKey), names: await sealNames(k.aes, {}) }, legacy.map(([, value]) => migrateAccount(value)));
    await kv.transact([[HEADER, h], ...next.records, [MANIFEST, next.stored]], [...legacy.map(([key]) => key), OLD_INDEX]);
    await startSession(rawKey);
    rawKey.fill(0);
  }

  function freshManifest(publicKey: Uint8Array): Omit<ManifestBody, 'names'> {
    return { v: 1, counter: 0, records: {}, inboxKey: toBase64(publicKey), schema: ACCOUNT_SCHEMA, legacyDone: true };
  }

  /**
   * A vault from before the manifest: its records open with the id alone, and
   * its index was plain. Everything that opens is written again with a
   * version; what the index listed but the disk lacks stays listed, so it is
   * still reported; a record that does not open is kept as it is.
   */
  async function upgrade(k: Keys, h: VaultHeader, kek: CryptoKey, rawKey: Uint8Array): Promise<void> {
    const [records, index] = await Promise.all([kv.entries<EncryptedRecord>(RECORD), kv.get<string[]>(OLD_INDEX)]);
    const opened: Account[] = [];
    const base = { ...freshManifest(h.inbox.publicKey), names: { iv: new Uint8Array(), ct: new Uint8Array() } } as ManifestBody;
    for (const [storeKey, record] of records) {
      const id = storeKey.slice(RECORD.length);
      try {
        opened.push(migrateAccount(await openJson(k.aes, record, aad.record(id, record))));
      } catch {
        base.records[id] = 0;
      }
    }
    for (const id of index ?? []) if (!records.some(([key]) => key === RECORD + id)) base.records[id] = 0;
    names = {};
    const next = await nextManifest(k, base, opened);
    const upgraded: VaultHeader = { ...h, version: 2, wrappedKey: await seal(kek, rawKey, aad.vaultKey(2)), updatedAt: new Date(now()).toISOString() };
    await kv.transact([...next.records, [MANIFEST, next.stored], [HEADER, upgraded]], [OLD_INDEX]);
  }

  /**
   * Decrypts every record and checks the disk against the manifest. Whatever
   * does not match is reported by name, and every account that checks out
   * still opens. Nothing found on disk is deleted here.
   */
  async function loadAll(k: Keys): Promise<Map<string, Account>> {
    const [h, stored, records, legacy] = await Promise.all([header(), kv.get<StoredManifest>(MANIFEST), kv.entries<EncryptedRecord>(RECORD), kv.entries<unknown>(LEGACY)]);
    const found: RecordProblem[] = [];
    const notice = (id: string, message: string) => found.push({ id, kind: 'notice', message });
    let body = await verifyManifest(k.mac, stored);
    if (!body) notice('manifest', 'The vault’s list of accounts was changed or removed on disk, outside Tokenkeep. Every account that still opens is shown; an account deleted or put back with the list cannot be told.');
    names = body ? await openNames(k.aes, body.names) : {};
    const accounts = new Map<string, Account>();
    const versions: Record<string, number> = {};
    for (const [storeKey, record] of records) {
      const id = storeKey.slice(RECORD.length);
      const expected = body?.records[id];
      let account: Account;
      try {
        account = migrateAccount(await openJson(k.aes, record, aad.record(id, record)));
      } catch (err) {
        found.push({
          id,
          kind: 'account',
          message: `${quoted(names[id])} cannot be ${err instanceof DecryptError ? 'decrypted: its record was changed or damaged on disk' : `read (${(err as Error).message})`}.`,
        });
        continue;
      }
      if (body && expected === undefined) {
        notice(id, `${quoted(account.label)} appeared on disk, but Tokenkeep did not keep it there (an account deleted earlier, or one copied in). It was not opened.`);
        continue;
      }
      if (body && record.version !== expected) {
        if ((record.version ?? 0) > expected!) {
          found.push({ id, kind: 'account', message: `${quoted(account.label)} cannot be trusted: its record does not match the vault’s list.` });
          continue;
        }
        notice(id, `${quoted(account.label)} was replaced on disk by an older copy of itself (saved ${account.updatedAt.slice(0, 10)}). That copy is shown: check its token and password.`);
      }
      accounts.set(id, account);
      versions[id] = record.version ?? 0;
    }
    for (const [id, version] of Object.entries(body?.records ?? {})) {
      if (!records.some(([key]) => key === RECORD + id)) {
        found.push({ id, kind: 'account', message: version ? `${quoted(names[id])} is missing: its record was deleted from disk outside Tokenkeep.` : 'An account listed in the vault is missing from disk.' });
      }
    }
    for (const [storeKey, value] of legacy) {
      const username = (value as { username?: unknown } | null)?.username;
      notice(storeKey, `A plain-text account${typeof username === 'string' ? ` for ${username}` : ''} appeared on disk. Tokenkeep did not write it and did not use it.`);
    }
    if (body && h && body.inboxKey !== toBase64(h.inbox.publicKey)) {
      notice('inbox-key', 'The key that seals tokens captured while Tokenkeep is locked was replaced on disk. Tokenkeep put its own back; tokens sealed to the other key cannot be opened.');
      await kv.set(HEADER, { ...h, inbox: { ...h.inbox, publicKey: fromBase64(body.inboxKey) } });
    }
    if (!body && h) {
      // Start a new list from what opened, so the next writes are checked again; the notice stays for this session.
      names = Object.fromEntries([...accounts].map(([id, a]) => [id, a.label]));
      body = { ...freshManifest(h.inbox.publicKey), counter: Math.max(0, ...Object.values(versions)), records: versions, names: await sealNames(k.aes, names) };
      await kv.set(MANIFEST, await signManifest(k.mac, body));
    }
    manifest = body;
    problems = found;
    return accounts;
  }

  async function accounts(): Promise<Map<string, Account>> {
    const k = await requireKeys();
    cache ??= await loadAll(k);
    return cache;
  }

  /** Trash entries past the undo window: their records are deleted for good with the next write that passes. */
  async function expiredTrash(): Promise<string[]> {
    return (await kv.entries<TrashEntry>(TRASH)).filter(([, t]) => pastUndo(t, now())).map(([k]) => k);
  }

  return {
    state,

    /** Passphrase checks still to wait for, and how many have failed in a row. */
    async throttle(): Promise<{ failures: number; retryAfterMs: number }> {
      const t = await kv.get<ThrottleState>(THROTTLE);
      return { failures: t?.failures ?? 0, retryAfterMs: waitMs(t, now()) };
    },

    /** Runs a check of some passphrase (a backup's) under the vault's throttle; success does not reset it. */
    throttledCheck: <T>(check: () => Promise<T>) => throttled(check, { clearOnSuccess: false }),

    /** The least key derivation this Tokenkeep accepts from any header: what it sets for a new passphrase. */
    kdfFloor,

    async setup(passphrase: string): Promise<void> {
      if (await header()) throw new AppError('bad-request', 'Tokenkeep is already set up.');
      checkNewPassphrase(passphrase);
      const rawKey = randomBytes(32);
      const kdf = kdfParams();
      await create(rawKey, { kdf, wrappedKey: await seal(await deriveKek(passphrase, kdf), rawKey, aad.vaultKey(2)) });
    },

    /**
     * Sets this browser up with the vault another browser synced, from the first screen: its
     * passphrase opens its key (under the join throttle), `check` proves the key is the synced
     * vault's, and this browser's vault starts empty under that key and lock, for sync to fill.
     */
    async setupFrom(lock: VaultLock, passphrase: string, check: (rawKey: Uint8Array) => Promise<boolean>): Promise<void> {
      if (await header()) throw new AppError('bad-request', 'Tokenkeep is already set up.');
      const synced = { version: 2, kdf: lock.kdf, wrappedKey: lock.wrappedKey } as VaultHeader;
      const { rawKey } = await throttled(() => unwrap(passphrase, synced, 'The synced vault'), { clearOnSuccess: true, count: JOIN_THROTTLE });
      if (!(await check(rawKey))) throw new AppError('bad-request', 'The synced vault’s header was changed outside Tokenkeep. Nothing was joined.');
      await create(rawKey, { kdf: lock.kdf, wrappedKey: lock.wrappedKey });
    },

    /** Opens the vault; returns what did not check out on disk (every account that does still opens). */
    async unlock(passphrase: string): Promise<RecordProblem[]> {
      const h = await header();
      if (!h) throw new AppError('setup-required', 'Set up Tokenkeep first: choose a passphrase in its popup.');
      const { rawKey, kek, version } = await throttled(() => unwrap(passphrase, h), { clearOnSuccess: true });
      const k = await startSession(rawKey);
      if (version === 1) await upgrade(k, h, kek, rawKey);
      rawKey.fill(0);
      if (version === 2 && h.version === 1) await kv.set(HEADER, { ...h, version: 2 });
      cache = await loadAll(k);
      if (version === 2 && h.version === 1) problems.push({ id: 'header', kind: 'notice', message: 'The vault’s header was set back to an older format on disk, outside Tokenkeep. It was not trusted, and is current again.' });
      return problems;
    },

    /**
     * Opens the vault with its key itself, as a PIN unwrapped it. `keyTag` names the wrapping
     * of the key it was taken from: after a passphrase change, or joining a synced vault, the key
     * is another, and this opens nothing.
     */
    async unlockWithKey(rawKey: Uint8Array, tag: string): Promise<RecordProblem[]> {
      const h = await header();
      if (!h) throw new AppError('setup-required', 'Set up Tokenkeep first: choose a passphrase in its popup.');
      if (tag !== keyTagOf(h)) throw new AppError('wrong-passphrase', 'The passphrase changed since the PIN was set: unlock with the passphrase.');
      const k = await startSession(rawKey);
      rawKey.fill(0);
      cache = await loadAll(k);
      return problems;
    },

    /** What names the current vault key's wrapping (see unlockWithKey). */
    async keyTag(): Promise<string> {
      await requireKeys();
      return keyTagOf((await header())!);
    },

    lock: async () => {
      const expired = await expiredTrash();
      if (expired.length) await kv.transact([], expired);
      keys = undefined;
      cache = undefined;
      manifest = undefined;
      names = {};
      problems = [];
      await session.clear();
    },

    /**
     * Sets a new passphrase, and with it a new vault key: every account, the
     * manifest, the inbox's private key and the trash are sealed again under
     * it, in one transaction, so the old passphrase and any header it wrapped
     * (in a backup of the header, or in browser sync) open nothing from now
     * on. Either the old state or the new one is on disk, never a mix. Only
     * while unlocked; the current passphrase is checked under the throttle.
     * Refused while an account cannot be opened: it would stay under a key
     * that no longer exists.
     */
    async changePassphrase(current: string, next: string): Promise<void> {
      const k = await requireKeys();
      const all = await accounts();
      const h = (await header())!;
      checkNewPassphrase(next);
      const { rawKey: oldRaw } = await throttled(() => unwrap(current, h), { clearOnSuccess: true });
      oldRaw.fill(0);
      refuseWhileUnreadable(() => ', and would be lost with the old passphrase');
      const rawKey = randomBytes(32);
      const kdf = kdfParams();
      await moveToKey(k, rawKey, h, all, { kdf, wrappedKey: await seal(await deriveKek(next, kdf), rawKey, aad.vaultKey(2)), updatedAt: new Date(now()).toISOString() });
    },

    /** What opens the vault key with the passphrase, for sync to carry to other browsers. */
    async currentLock(): Promise<VaultLock> {
      await requireKeys();
      const h = (await header())!;
      if (h.version !== 2) throw new AppError('locked', 'Unlock Tokenkeep once more before turning on sync.');
      return { kdf: h.kdf, wrappedKey: h.wrappedKey, changedAt: h.updatedAt };
    },

    /** The raw vault key, for keys derived from it (sync's header MAC); only while unlocked. */
    async rawKey(): Promise<Uint8Array> {
      await requireKeys();
      return fromBase64((await session.get())!);
    },

    /**
     * Takes a passphrase change made on another browser: the same vault key,
     * wrapped under the new passphrase. The caller has checked that a holder of
     * this vault key wrote it. The next unlock here asks for the new passphrase.
     */
    async takeLock(lock: VaultLock): Promise<void> {
      await requireKeys();
      checkKdf(lock.kdf, 'The passphrase change in browser sync');
      const h = (await header())!;
      await kv.set(HEADER, { ...h, version: 2, kdf: lock.kdf, wrappedKey: lock.wrappedKey, updatedAt: lock.changedAt } satisfies VaultHeader);
    },

    /**
     * Joins the vault another browser synced: its passphrase opens its vault key
     * (under the throttle, like every passphrase check), every account here is
     * sealed again under that key in one write, and its lock becomes this
     * browser's. `check` proves the key is the synced vault's before anything
     * is written. Refused while an account here cannot be opened: it would be
     * left under a key this browser no longer has.
     */
    async adopt(lock: VaultLock, passphrase: string, check: (rawKey: Uint8Array) => Promise<boolean>): Promise<void> {
      const k = await requireKeys();
      const all = await accounts();
      refuseWhileUnreadable((them) => `; joining the synced vault would lose ${them}`);
      const h = (await header())!;
      const { rawKey } = await throttled(() => unwrap(passphrase, { ...h, version: 2, kdf: lock.kdf, wrappedKey: lock.wrappedKey }, 'The synced vault'), { clearOnSuccess: true, count: JOIN_THROTTLE });
      if (!(await check(rawKey))) throw new AppError('bad-request', 'The synced vault’s header was changed outside Tokenkeep. Nothing was joined.');
      await moveToKey(k, rawKey, h, all, { kdf: lock.kdf, wrappedKey: lock.wrappedKey, updatedAt: lock.changedAt });
      onChange();
    },

    accounts: async () => [...(await accounts()).values()],
    problems: () => problems,
    get: async (id: string) => (await accounts()).get(id),

    /** Writes accounts and the manifest in one transaction. */
    async putMany(list: Account[]): Promise<void> {
      const k = await requireKeys();
      await accounts();
      await writeAccounts(k, list);
    },

    /** Deletes an account, keeping its encrypted record for the undo window. */
    async trash(id: string): Promise<void> {
      const k = await requireKeys();
      const all = await accounts();
      const record = await kv.get<EncryptedRecord>(RECORD + id);
      if (!record || !all.has(id)) throw new AppError('not-found', 'That account no longer exists.');
      await writeAccounts(k, [], { remove: [id], deletes: [RECORD + id, ...(await expiredTrash())], also: [[TRASH + id, { record, deletedAt: now() } satisfies TrashEntry]] });
    },

    /** Undoes a deletion within the undo window: the account is written again, at a new version. */
    async restore(id: string): Promise<Account> {
      const k = await requireKeys();
      const entry = await kv.get<TrashEntry>(TRASH + id);
      if (!entry || pastUndo(entry, now())) throw new AppError('not-found', 'Too late to undo: the account was deleted.');
      const account = migrateAccount(await openJson(k.aes, entry.record, aad.record(id, entry.record)));
      const clash = sameLogin((await accounts()).values(), account);
      if (clash) throw new AppError('bad-request', `Not restored: “${clash.label}” has the same username now.`);
      await writeAccounts(k, [account], { deletes: [TRASH + id] });
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

    /**
     * Opens every sealed inbox item; `apply` stores what it means, and the items
     * are deleted in the same transaction. One that does not open (sealed to a
     * key that is not this vault's) is set aside, kept, and reported.
     */
    async drainInbox<T>(apply: (values: unknown[]) => Promise<{ puts: Account[]; result: T }>): Promise<T | undefined> {
      const k = await requireKeys();
      await accounts();
      const h = (await header())!;
      const items = await kv.entries<SealedBox>(INBOX);
      if (!items.length) return undefined;
      // The authenticated public key: the one on disk may have been swapped.
      const publicKey = fromBase64(manifest!.inboxKey);
      const privateKey = await open(k.aes, h.inbox.privateKey, aad.inboxKey);
      const values: unknown[] = [];
      const done: string[] = [];
      const kept: Array<[string, unknown]> = [];
      for (const [storeKey, box] of items) {
        try {
          values.push(JSON.parse(new TextDecoder().decode(await openSealedBox(privateKey, publicKey, box, aad.inbox(storeKey.slice(INBOX.length))))));
        } catch {
          kept.push([KEPT + storeKey, box]);
        }
        done.push(storeKey);
      }
      privateKey.fill(0);
      if (kept.length) {
        const count = kept.length === 1 ? '1 token captured while locked cannot' : `${kept.length} tokens captured while locked cannot`;
        problems.push({ id: 'inbox', kind: 'notice', message: `${count} be opened: sealed to a key that is not this vault’s. Kept on disk, unread.` });
      }
      const { puts, result } = await apply(values);
      await writeAccounts(k, puts, { deletes: done, also: kept });
      return result;
    },

    /** The header and every readable record, as stored: what a backup contains. */
    async encryptedSnapshot(): Promise<{ header: VaultHeader; records: Array<[string, EncryptedRecord]>; vaultKey: CryptoKey }> {
      const k = await requireKeys();
      const readable = new Set((await accounts()).keys());
      const records = (await kv.entries<EncryptedRecord>(RECORD)).map(([storeKey, r]) => [storeKey.slice(RECORD.length), r] as [string, EncryptedRecord]).filter(([id]) => readable.has(id));
      return { header: (await header())!, records, vaultKey: k.aes };
    },

    /** Deletes everything the vault holds. */
    async reset(): Promise<void> {
      await kv.clear();
      keys = undefined;
      cache = undefined;
      manifest = undefined;
      names = {};
      problems = [];
      await session.clear();
    },
  };
}

export type Vault = ReturnType<typeof createVault>;
