/**
 * The synced vault's header, item `h`: the passphrase's KDF parameters and
 * salt, and the vault key wrapped under the key they derive, so the same
 * passphrase opens the vault on every browser. An HMAC under a key derived
 * from the vault key (HKDF, for this use only) proves that it was written by
 * a browser holding this vault: a planted or altered header is refused, and
 * a passphrase changed on one browser is taken by the others only when it
 * wraps the same vault key.
 */
import * as v from 'valibot';
import { derivedMacKey, fromBase64, toBase64, type KdfParams, type Sealed } from '../vault/crypto';

export const HEADER_KEY = 'h';

/** The part of the local vault header that travels: what a passphrase needs to open the vault key. */
export interface VaultLock {
  kdf: KdfParams;
  wrappedKey: Sealed;
  /** When the passphrase was last set, so the newer of two changes wins. */
  changedAt: string;
}

const subtle = () => globalThis.crypto.subtle;
const Base64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/));
const Stored = v.strictObject({
  v: v.literal(1),
  kdf: v.strictObject({
    algorithm: v.literal('argon2id'),
    // Bounded, so that a planted header cannot make a joining browser derive for minutes.
    memoryKiB: v.pipe(v.number(), v.integer(), v.minValue(8), v.maxValue(4 * 1024 * 1024)),
    iterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)),
    parallelism: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)),
    salt: Base64,
  }),
  iv: Base64,
  ct: Base64,
  changedAt: v.pipe(v.string(), v.isoTimestamp()),
  mac: Base64,
});
type StoredHeader = v.InferOutput<typeof Stored>;

export const headerMacKey = (rawVaultKey: Uint8Array) => derivedMacKey(rawVaultKey, 'tokenkeep-sync-header-mac-v1');

const canonical = (h: Omit<StoredHeader, 'mac'>) =>
  new TextEncoder().encode(JSON.stringify([h.v, h.kdf.algorithm, h.kdf.memoryKiB, h.kdf.iterations, h.kdf.parallelism, h.kdf.salt, h.iv, h.ct, h.changedAt]));

export async function writeHeader(macKey: CryptoKey, lock: VaultLock): Promise<StoredHeader> {
  const { salt, ...kdf } = lock.kdf;
  const body = { v: 1 as const, kdf: { ...kdf, salt: toBase64(salt) }, iv: toBase64(lock.wrappedKey.iv), ct: toBase64(lock.wrappedKey.ct), changedAt: lock.changedAt };
  return { ...body, mac: toBase64(new Uint8Array(await subtle().sign('HMAC', macKey, canonical(body) as Uint8Array<ArrayBuffer>))) };
}

/** The lock a header holds, without checking who wrote it: what a joining browser tries the passphrase on. */
export function readLock(value: unknown): VaultLock | undefined {
  const parsed = v.safeParse(Stored, value);
  if (!parsed.success) return undefined;
  const h = parsed.output;
  return { kdf: { ...h.kdf, salt: fromBase64(h.kdf.salt) }, wrappedKey: { iv: fromBase64(h.iv), ct: fromBase64(h.ct) }, changedAt: h.changedAt };
}

/** Whether a browser holding this vault key wrote the header. */
export async function headerIsOurs(macKey: CryptoKey, value: unknown): Promise<boolean> {
  const parsed = v.safeParse(Stored, value);
  if (!parsed.success) return false;
  const { mac, ...body } = parsed.output;
  return subtle().verify('HMAC', macKey, fromBase64(mac) as Uint8Array<ArrayBuffer>, canonical(body) as Uint8Array<ArrayBuffer>);
}

/** Whether two locks are the same passphrase wrapping. */
export const sameLock = (a: VaultLock, b: VaultLock) => toBase64(a.wrappedKey.ct) === toBase64(b.wrappedKey.ct) && toBase64(a.wrappedKey.iv) === toBase64(b.wrappedKey.iv);
