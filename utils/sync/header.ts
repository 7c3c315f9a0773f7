/**
 * The synced vault's header, item `h`: the passphrase's KDF parameters and
 * salt, and the vault key wrapped under the key they derive, so the same
 * passphrase opens the vault on every browser. An HMAC under a key derived
 * from the vault key (HKDF, for this use only) proves that it was written by
 * a browser holding this vault: a planted or altered header is refused, and
 * a passphrase changed on one browser (which changes the vault key too)
 * makes every header before it useless.
 *
 * Version 2 also vouches for the items: for each account, the lowest version
 * of its item any browser may still take (the floor). An older item put back
 * is then refused even by a browser that never saw the newer one, such as a
 * new machine joining. The floor only rises, and a browser that writes the
 * header merges it with the one it read, so two browsers writing at once
 * lower it at worst, which refuses nothing a browser wrote. Each account
 * takes 8 bytes of a hash of its item key and its version, so 512 of them
 * fit in one item.
 */
import * as v from 'valibot';
import { derivedMacKey, fromBase64, toBase64 } from '../vault/crypto';
import { itemKeyFor } from './items';
import type { VaultLock } from '../vault/lock';

export const HEADER_KEY = 'h';

/** Per account (by a hash of its item key, see floorKeyOf), the lowest item version still taken. */
export type Floor = Map<string, number>;

const subtle = () => globalThis.crypto.subtle;
const Base64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/));
const Kdf = v.strictObject({
  algorithm: v.literal('argon2id'),
  // Bounded before anything else looks at them; the vault holds them to its own floor (kdf-bounds.ts).
  memoryKiB: v.pipe(v.number(), v.integer(), v.minValue(8), v.maxValue(4 * 1024 * 1024)),
  iterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)),
  parallelism: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)),
  salt: Base64,
});
const Body = { kdf: Kdf, iv: Base64, ct: Base64, changedAt: v.pipe(v.string(), v.isoTimestamp()), mac: Base64 };
const Stored = v.union([v.strictObject({ v: v.literal(1), ...Body }), v.strictObject({ v: v.literal(2), ...Body, floor: Base64 })]);
type StoredHeader = v.InferOutput<typeof Stored>;

export const headerMacKey = (rawVaultKey: Uint8Array) => derivedMacKey(rawVaultKey, 'tokenkeep-sync-header-mac-v1');

const canonical = (h: Omit<StoredHeader, 'mac'>) =>
  new TextEncoder().encode(
    JSON.stringify([
      h.v,
      h.kdf.algorithm,
      h.kdf.memoryKiB,
      h.kdf.iterations,
      h.kdf.parallelism,
      h.kdf.salt,
      h.iv,
      h.ct,
      h.changedAt,
      ...('floor' in h ? [h.floor] : []),
    ]),
  );

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The floor's key for an account: 8 bytes of SHA-256 over its item key, as hex. */
export async function floorKeyOf(accountId: string): Promise<string> {
  return hex(new Uint8Array(await subtle().digest('SHA-256', new TextEncoder().encode(itemKeyFor(accountId)))).subarray(0, 8));
}

/** Entries sorted by key, each 8 bytes and the version as a LEB128 varint. */
function encodeFloor(floor: Floor): string {
  const bytes: number[] = [];
  for (const [key, version] of [...floor].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < 16; i += 2) bytes.push(parseInt(key.slice(i, i + 2), 16));
    let rest = version;
    do {
      bytes.push((rest & 0x7f) | (rest > 0x7f ? 0x80 : 0));
      rest = Math.floor(rest / 128);
    } while (rest > 0);
  }
  return toBase64(Uint8Array.from(bytes));
}

function decodeFloor(text: string): Floor {
  const bytes = fromBase64(text);
  const floor: Floor = new Map();
  for (let at = 0; at + 8 < bytes.length;) {
    const key = hex(bytes.subarray(at, at + 8));
    at += 8;
    let version = 0;
    for (let scale = 1; at < bytes.length; scale *= 128) {
      const byte = bytes[at++]!;
      version += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) break;
    }
    floor.set(key, version);
  }
  return floor;
}

export async function writeHeader(macKey: CryptoKey, lock: VaultLock, floor: Floor = new Map()): Promise<StoredHeader> {
  const { salt, ...kdf } = lock.kdf;
  const body = {
    v: 2 as const,
    kdf: { ...kdf, salt: toBase64(salt) },
    iv: toBase64(lock.wrappedKey.iv),
    ct: toBase64(lock.wrappedKey.ct),
    changedAt: lock.changedAt,
    floor: encodeFloor(floor),
  };
  return { ...body, mac: toBase64(new Uint8Array(await subtle().sign('HMAC', macKey, canonical(body) as Uint8Array<ArrayBuffer>))) };
}

/** The lock a header holds, without checking who wrote it: what a joining browser tries the passphrase on. */
export function readLock(value: unknown): VaultLock | undefined {
  const parsed = v.safeParse(Stored, value);
  if (!parsed.success) return undefined;
  const h = parsed.output;
  return { kdf: { ...h.kdf, salt: fromBase64(h.kdf.salt) }, wrappedKey: { iv: fromBase64(h.iv), ct: fromBase64(h.ct) }, changedAt: h.changedAt };
}

/** The floor a header vouches for; empty for a version-1 header. Read only once headerIsOurs says so. */
export function readFloor(value: unknown): Floor {
  const parsed = v.safeParse(Stored, value);
  return parsed.success && parsed.output.v === 2 ? decodeFloor(parsed.output.floor) : new Map();
}

/** Whether a browser holding this vault key wrote the header. */
export async function headerIsOurs(macKey: CryptoKey, value: unknown): Promise<boolean> {
  const parsed = v.safeParse(Stored, value);
  if (!parsed.success) return false;
  const { mac, ...body } = parsed.output;
  return subtle().verify('HMAC', macKey, fromBase64(mac) as Uint8Array<ArrayBuffer>, canonical(body) as Uint8Array<ArrayBuffer>);
}

/** Whether two locks are the same passphrase wrapping. */
export const sameLock = (a: VaultLock, b: VaultLock) =>
  toBase64(a.wrappedKey.ct) === toBase64(b.wrappedKey.ct) && toBase64(a.wrappedKey.iv) === toBase64(b.wrappedKey.iv);

/** The higher of two floors, key by key. */
export function raiseFloor(a: Floor, b: Floor): Floor {
  const out = new Map(a);
  for (const [key, version] of b) out.set(key, Math.max(version, out.get(key) ?? 0));
  return out;
}

export const sameFloor = (a: Floor, b: Floor) => a.size === b.size && [...a].every(([key, version]) => b.get(key) === version);
