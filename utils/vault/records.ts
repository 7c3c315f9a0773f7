/**
 * The accounts on disk: one encrypted record each, and the signed manifest
 * that lists them with their versions. Every write lands records and
 * manifest in one transaction; every unlock checks the disk against the
 * manifest and reports by name whatever does not match.
 */
import { AppError } from '../common/errors';
import type { Account } from './account';
import { DecryptError, fromBase64, openJson, sealJson, toBase64 } from './crypto';
import { HEADER, LEGACY, MANIFEST, RECORD, aad, freshManifest, type EncryptedRecord, type VaultHeader } from './layout';
import type { Keys, Lock } from './lock';
import { openNames, sealNames, signManifest, verifyManifest, type ManifestBody, type StoredManifest } from './manifest';
import { migrateAccount } from './migrate';
import type { KeyValueStore } from './store';

export interface RecordProblem {
  id: string;
  /** 'account': an account that cannot be opened; 'notice': a change on disk Tokenkeep did not make. */
  kind: 'account' | 'notice';
  message: string;
}

type Disk = [VaultHeader | undefined, StoredManifest | undefined, Array<[string, EncryptedRecord]>, Array<[string, unknown]>];

const quoted = (name: string | undefined) => (name ? `“${name}”` : 'An account');

export async function sealRecord(aes: CryptoKey, account: Account, version: number): Promise<EncryptedRecord> {
  const shape = { v: 2 as const, version };
  return { ...shape, ...(await sealJson(aes, account, aad.record(account.id, shape))) };
}

export const openRecord = async (aes: CryptoKey, id: string, record: EncryptedRecord) => migrateAccount(await openJson(aes, record, aad.record(id, record)));

export interface WriteOptions {
  /** Store keys to delete in the same transaction. */
  deletes?: string[];
  /** Accounts leaving the manifest. */
  remove?: string[];
  /** Other pairs to write in the same transaction. */
  also?: Array<[string, unknown]>;
}

export function createRecords({ kv, lock, onChange }: { kv: KeyValueStore; lock: Lock; onChange: () => void }) {
  /** The verified manifest and the account names, while unlocked; every write replaces both. */
  let manifest: ManifestBody | undefined;
  let names: Record<string, string> = {};
  /** Decrypted accounts while unlocked; the source of truth stays on disk. */
  let cache: Map<string, Account> | undefined;
  let problems: RecordProblem[] = [];

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

  /** Judges one opened record (or why it did not open) against the manifest: the account, or the problem to report instead. */
  function judge(id: string, record: EncryptedRecord, opened: Account | Error, body: ManifestBody | undefined): Account | RecordProblem {
    if (opened instanceof Error) {
      const why = opened instanceof DecryptError ? 'decrypted: its record was changed or damaged on disk' : `read (${opened.message})`;
      return { id, kind: 'account', message: `${quoted(names[id])} cannot be ${why}.` };
    }
    if (!body) return opened;
    const expected = body.records[id];
    if (expected === undefined) {
      return {
        id,
        kind: 'notice',
        message: `${quoted(opened.label)} appeared on disk, but Tokenkeep did not keep it there (an account deleted earlier, or one copied in). It was not opened.`,
      };
    }
    if ((record.version ?? 0) > expected)
      return { id, kind: 'account', message: `${quoted(opened.label)} cannot be trusted: its record does not match the vault’s list.` };
    return opened;
  }

  /** Everything an unlock checks, as on disk: the header, the manifest, the records and any plain-text rows. */
  const read = (): Promise<Disk> =>
    Promise.all([lock.header(), kv.get<StoredManifest>(MANIFEST), kv.entries<EncryptedRecord>(RECORD), kv.entries<unknown>(LEGACY)]);

  /**
   * Decrypts every record and checks the disk against the manifest. Whatever
   * does not match is reported by name, and every account that checks out
   * still opens. Nothing found on disk is deleted here.
   */
  async function loadAll(k: Keys, disk: Promise<Disk> = read()): Promise<Map<string, Account>> {
    const [h, stored, records, legacy] = await disk;
    // All at once, and while the manifest is checked: WebCrypto decrypts off the worker's thread, and a thousand awaits in a row cost more than the AES itself.
    const opening = Promise.all(
      records.map(([storeKey, record]) =>
        openRecord(k.aes, storeKey.slice(RECORD.length), record).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
      ),
    );
    const found: RecordProblem[] = [];
    const notice = (id: string, message: string) => found.push({ id, kind: 'notice', message });
    let body = await verifyManifest(k.mac, stored);
    if (!body)
      notice(
        'manifest',
        'The vault’s list of accounts was changed or removed on disk, outside Tokenkeep. Every account that still opens is shown; an account deleted or put back with the list cannot be told.',
      );
    names = body ? await openNames(k.aes, body.names) : {};
    const accounts = new Map<string, Account>();
    const versions: Record<string, number> = {};
    const opened = await opening;
    for (const [i, [storeKey, record]] of records.entries()) {
      const id = storeKey.slice(RECORD.length);
      const result = judge(id, record, opened[i]!, body);
      if ('message' in result) {
        found.push(result);
        continue;
      }
      if (body && record.version !== body.records[id]) {
        notice(
          id,
          `${quoted(result.label)} was replaced on disk by an older copy of itself (saved ${result.updatedAt.slice(0, 10)}). That copy is shown: check its token and password.`,
        );
      }
      accounts.set(id, result);
      versions[id] = record.version ?? 0;
    }
    const onDisk = new Set(records.map(([key]) => key));
    for (const [id, version] of Object.entries(body?.records ?? {})) {
      if (!onDisk.has(RECORD + id)) {
        found.push({
          id,
          kind: 'account',
          message: version
            ? `${quoted(names[id])} is missing: its record was deleted from disk outside Tokenkeep.`
            : 'An account listed in the vault is missing from disk.',
        });
      }
    }
    for (const [storeKey, value] of legacy) {
      const username = (value as { username?: unknown } | null)?.username;
      notice(
        storeKey,
        `A plain-text account${typeof username === 'string' ? ` for ${username}` : ''} appeared on disk. Tokenkeep did not write it and did not use it.`,
      );
    }
    if (body && h && body.inboxKey !== toBase64(h.inbox.publicKey)) {
      notice(
        'inbox-key',
        'The key that seals tokens captured while Tokenkeep is locked was replaced on disk. Tokenkeep put its own back; tokens sealed to the other key cannot be opened.',
      );
      await kv.set(HEADER, { ...h, inbox: { ...h.inbox, publicKey: fromBase64(body.inboxKey) } } satisfies VaultHeader);
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

  return {
    nextManifest,

    /** The verified manifest; only once the accounts were loaded. */
    manifest: () => manifest!,

    /** Takes the manifest a rewrite under another key put on disk. */
    replaced(next: { body: ManifestBody; nextNames: Record<string, string> }) {
      manifest = next.body;
      names = next.nextNames;
    },

    /** Every account, decrypted and checked once per unlock. */
    async accounts(): Promise<Map<string, Account>> {
      const k = await lock.requireKeys();
      cache ??= await loadAll(k);
      return cache;
    },

    /**
     * Reads the disk for an unlock. The read needs no key, so an unlock starts it before the key
     * derivation and finds it done after: nothing writes records while the vault is locked.
     */
    read,

    /** Loads again from disk (or from the read `disk` started): right after an unlock. */
    async reload(k: Keys, disk?: Promise<Disk>): Promise<RecordProblem[]> {
      cache = await loadAll(k, disk);
      return problems;
    },

    problems: () => problems,
    report: (problem: RecordProblem) => problems.push(problem),

    /** Forgets everything decrypted: at lock, reset, or a new session. */
    forget() {
      cache = undefined;
      manifest = undefined;
      names = {};
      problems = [];
    },

    /** Starting with names from nothing: a new or upgraded vault. */
    startNames: () => void (names = {}),

    /** Encrypts the accounts and writes them with the manifest (and anything in `options`) in one transaction. */
    async write(k: Keys, list: Account[], { deletes = [], remove = [], also = [] }: WriteOptions = {}): Promise<void> {
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
    },

    /** Refuses to move the vault to another key while an account cannot be opened: it would stay under a key that is gone. */
    refuseWhileUnreadable(consequence: (them: string) => string): void {
      const unreadable = problems.filter((p) => p.kind === 'account').length;
      if (!unreadable) return;
      const them = unreadable === 1 ? 'it' : 'them';
      throw new AppError(
        'bad-request',
        `${unreadable === 1 ? 'An account' : `${unreadable} accounts`} here cannot be opened${consequence(them)}. Export a backup first, or delete ${them}.`,
      );
    },
  };
}

export type Records = ReturnType<typeof createRecords>;
