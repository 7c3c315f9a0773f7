/**
 * One `storage.sync` item per account: the packed account (pack.ts),
 * compressed with fflate against a dictionary of what every account repeats,
 * then sealed with AES-GCM under the vault key, the item's key bound as
 * additional data so that no item can stand in for another. The item key is
 * the account's id, a random UUID, in 22 characters: every browser finds the
 * same key, the key says nothing of the account, and the item need not carry
 * the id again. A deletion travels as a tombstone in the same item.
 *
 * Inside the seal, each item carries its version, the browser that wrote it
 * and the write it followed (merge.ts): an older ciphertext put back is
 * refused, and two writes of the same version are merged.
 */
import baseX from 'base-x';
import { deflateSync, inflateSync } from 'fflate';
import * as v from 'valibot';
import { DecryptError, fromBase64, open, seal, toBase64 } from '../vault/crypto';
import type { Account } from '../vault/account';
import { SYNC_DICTIONARIES as DICTIONARIES } from '../kinds/sync-dictionaries';
import { packAccount, unpackAccount, unpackAccountV1 } from './pack';

/**
 * Sealed bytes as text in 91 characters, 1.23 per byte where base64 takes
 * 1.33: the quota counts the value as JSON, so the alphabet is printable
 * ASCII without what JSON escapes (`"` and `\\`) and `<`, which Chrome's
 * JSON writer escapes too.
 */
const TEXT = baseX(
  [...Array(94)]
    .map((_, i) => String.fromCharCode(33 + i))
    .filter((c) => !'"\\<'.includes(c))
    .join(''),
);

/**
 * The first character of every item: the layout and dictionary it was written
 * with. 2 carries fields by name (pack.ts); 1, fields by position, is still
 * read. A browser that meets a later one reports the item and applies nothing.
 */
const FORMAT = '2';
const ACCOUNT_PREFIX = 'a';
const OTHER_ID_PREFIX = 'b';
const AAD = (itemKey: string) => `tokenkeep-sync-item-v1:${itemKey}`;

const UNPACK: Record<string, (id: string, value: unknown) => Account> = { '1': unpackAccountV1, '2': unpackAccount };

export interface SyncEntry {
  /** The account's id; the item's key is made from it. */
  id: string;
  /** Higher wins: one more than the highest this browser had seen for the key. */
  version: number;
  /** The browser that wrote it: breaks a tie between two writes of the same version. */
  writer: string;
  /**
   * The last item for this key the writer had applied or written: when it is
   * the receiver's own last, the write follows from it; when not, the two
   * browsers wrote at once and the receiver merges.
   */
  base?: { version: number; writer: string };
  /** Absent in a tombstone. */
  account?: Account;
  deletedAt?: string;
}

/** Why an item was not applied; reported with the item's key. */
export class SyncItemError extends Error {
  override name = 'SyncItemError';
  constructor(
    readonly itemKey: string,
    readonly reason: 'unreadable' | 'tampered' | 'replayed',
    message: string,
  ) {
    super(message);
  }
}

const Version = v.pipe(v.number(), v.integer(), v.minValue(1));
const Writer = v.pipe(v.string(), v.minLength(1));
/** Version, writer, packed account or null, base or 0, and a tombstone's date. */
const Envelope = v.tuple([Version, Writer, v.unknown(), v.union([v.tuple([Version, Writer]), v.literal(0)]), v.optional(v.string())]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const base64url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64url = (text: string) => fromBase64(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** `a` and a UUID's 16 bytes; `b` and any other id's UTF-8 (ids made before UUIDs, or by tests). */
export function itemKeyFor(accountId: string): string {
  if (UUID.test(accountId)) return ACCOUNT_PREFIX + base64url(Uint8Array.from(accountId.replace(/-/g, '').match(/../g)!, (h) => parseInt(h, 16)));
  return OTHER_ID_PREFIX + base64url(new TextEncoder().encode(accountId));
}

/** Whether a key in sync storage is an account's item (the header and anything else is not). */
export const isAccountKey = (key: string) => key[0] === ACCOUNT_PREFIX || key[0] === OTHER_ID_PREFIX;

/** The account id an item key stands for, or undefined for a key that is not an account's. */
export function accountIdOf(itemKey: string): string | undefined {
  try {
    const bytes = fromBase64url(itemKey.slice(1));
    if (itemKey[0] === ACCOUNT_PREFIX && bytes.length === 16) {
      const h = hex(bytes);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    if (itemKey[0] === OTHER_ID_PREFIX && bytes.length) return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not base64, or not UTF-8: not an account's key.
  }
  return undefined;
}

/** `body` as JSON, deflated (against `dictionary`) and sealed under the vault key with `aad`: the format, then IV and ciphertext as TEXT. */
async function sealJson(vaultKey: CryptoKey, body: unknown, aad: string, dictionary?: Uint8Array): Promise<string> {
  const packed = deflateSync(new TextEncoder().encode(JSON.stringify(body)), { level: 9, ...(dictionary ? { dictionary } : {}) });
  const { iv, ct } = await seal(vaultKey, packed, aad);
  const bytes = new Uint8Array(iv.length + ct.length);
  bytes.set(iv);
  bytes.set(ct, iv.length);
  return FORMAT + TEXT.encode(bytes);
}

/** What sealJson sealed, opened (its format already checked), or the error `fail` makes for what is wrong with it. */
async function openSealed(vaultKey: CryptoKey, value: string, aad: string, fail: (why: 'damaged' | 'tampered') => Error): Promise<Uint8Array> {
  const bytes = TEXT.decodeUnsafe(value.slice(1));
  if (!bytes || bytes.length < 12 + 16) throw fail('damaged');
  try {
    return await open(vaultKey, { iv: bytes.subarray(0, 12), ct: bytes.subarray(12) }, aad);
  } catch (err) {
    if (!(err instanceof DecryptError)) throw err;
    throw fail('tampered');
  }
}

const inflatedJson = (plain: Uint8Array, dictionary?: Uint8Array): unknown =>
  JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflateSync(plain, dictionary ? { dictionary } : {})));

/** The item for an entry: its key, and its value. */
export async function sealItem(vaultKey: CryptoKey, entry: SyncEntry, leaveOut?: ReadonlySet<string>): Promise<{ key: string; value: string }> {
  if (entry.account && entry.account.id !== entry.id) throw new Error('a sync entry holds another account');
  const itemKey = itemKeyFor(entry.id);
  const base = entry.base ? [entry.base.version, entry.base.writer] : 0;
  const body = [entry.version, entry.writer, entry.account ? packAccount(entry.account, leaveOut) : null, base, ...(entry.deletedAt ? [entry.deletedAt] : [])];
  return { key: itemKey, value: await sealJson(vaultKey, body, AAD(itemKey), DICTIONARIES[FORMAT]) };
}

/** Opens an item, or says why it cannot be applied. */
export async function openItem(vaultKey: CryptoKey, itemKey: string, value: unknown): Promise<SyncEntry> {
  const id = accountIdOf(itemKey);
  if (!id) throw new SyncItemError(itemKey, 'unreadable', `Sync item ${itemKey} is not an account's.`);
  const format = typeof value === 'string' ? value[0]! : '';
  if (typeof value !== 'string' || !UNPACK[format])
    throw new SyncItemError(
      itemKey,
      'unreadable',
      `Sync item ${itemKey} was written by a newer Tokenkeep, or is not an item at all: update Tokenkeep here to read it. It was not applied.`,
    );
  const plain = await openSealed(vaultKey, value, AAD(itemKey), (why) =>
    why === 'damaged'
      ? new SyncItemError(itemKey, 'unreadable', `Sync item ${itemKey} is damaged.`)
      : new SyncItemError(itemKey, 'tampered', `Sync item ${itemKey} was changed outside Tokenkeep, cut short, or sealed under another vault's key.`),
  );
  try {
    const [version, writer, packed, base, deletedAt] = v.parse(Envelope, inflatedJson(plain, DICTIONARIES[format]));
    return {
      id,
      version,
      writer,
      ...(base ? { base: { version: base[0], writer: base[1] } } : {}),
      ...(packed === null ? {} : { account: UNPACK[format]!(id, packed) }),
      ...(deletedAt ? { deletedAt } : {}),
    };
  } catch {
    throw new SyncItemError(itemKey, 'unreadable', `Sync item ${itemKey} opens but does not hold an account.`);
  }
}

/**
 * Deletions travel together, in one item (`d`) rather than one per account:
 * 200 deleted accounts would otherwise take 200 of the 512 items sync allows.
 * Each is the account's id, the version and writer of the deletion, and when
 * it was made; sealed like the accounts, under its own additional data.
 */
export const DELETIONS_KEY = 'd';
const DELETIONS_AAD = 'tokenkeep-sync-deletions-v1';
const Deletion = [v.pipe(v.string(), v.minLength(1)), Version, Writer, v.pipe(v.string(), v.isoTimestamp())] as const;
/** Id, version, writer, when; and the write it followed, as an account's item carries it. */
const Deletions = v.array(v.union([v.strictTuple([...Deletion, Version, Writer]), v.strictTuple(Deletion)]));

export async function sealDeletions(vaultKey: CryptoKey, tombstones: readonly SyncEntry[]): Promise<string> {
  const body = tombstones.map((t) => [t.id, t.version, t.writer, t.deletedAt ?? new Date(0).toISOString(), ...(t.base ? [t.base.version, t.base.writer] : [])]);
  return sealJson(vaultKey, body, DELETIONS_AAD);
}

export async function openDeletions(vaultKey: CryptoKey, value: unknown): Promise<SyncEntry[]> {
  const damaged = () =>
    new SyncItemError(
      DELETIONS_KEY,
      'unreadable',
      'The list of deleted accounts in browser sync is damaged, or was written by a newer Tokenkeep. Nothing in it was applied.',
    );
  if (typeof value !== 'string' || value[0] !== FORMAT) throw damaged();
  const plain = await openSealed(vaultKey, value, DELETIONS_AAD, (why) =>
    why === 'damaged'
      ? damaged()
      : new SyncItemError(DELETIONS_KEY, 'tampered', 'The list of deleted accounts in browser sync was changed outside Tokenkeep. Nothing in it was applied.'),
  );
  try {
    return v.parse(Deletions, inflatedJson(plain)).map(([id, version, writer, deletedAt, baseVersion, baseWriter]) => ({
      id,
      version,
      writer,
      deletedAt,
      ...(baseVersion !== undefined && baseWriter !== undefined ? { base: { version: baseVersion, writer: baseWriter } } : {}),
    }));
  } catch {
    throw new SyncItemError(DELETIONS_KEY, 'unreadable', 'The list of deleted accounts in browser sync opens but does not read. Nothing in it was applied.');
  }
}

/** Whether `entry` comes after the one last applied for its key: a higher version, or the same from a later writer. */
export const isNewer = (entry: Pick<SyncEntry, 'version' | 'writer'>, last: Pick<SyncEntry, 'version' | 'writer'> | undefined) =>
  !last || entry.version > last.version || (entry.version === last.version && entry.writer > last.writer);

/** Bytes an item costs against the quota, as both browsers count it: its key and its value as JSON. */
export const quotaBytes = (key: string, value: unknown) => new TextEncoder().encode(key).length + new TextEncoder().encode(JSON.stringify(value)).length;
