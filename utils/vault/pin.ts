/**
 * Unlock with a PIN until the browser closes, as Bitwarden's "Unlock with
 * PIN" does when it asks for the master password at each browser start.
 *
 * While the vault is open, its key is wrapped (AES-256-GCM) under a key
 * derived from the PIN with Argon2id, at the vault's own cost. That wrapping
 * lives in memory-only storage (storage.session): it is never on disk, and
 * the browser drops it when it closes. The PIN itself is kept on disk only
 * sealed under the vault key, so each passphrase unlock arms the PIN again;
 * nothing opens it while the vault is locked.
 *
 * A PIN is short, so it gets few guesses: each wrong one waits longer than
 * the last (1, 2, 4, 8 s), and the fifth drops the wrapping, after which only
 * the passphrase opens the vault.
 */
import { deriveKek, fromBase64, newKdfParams, open, seal, toBase64, type KdfParams } from './crypto';

export const PIN_TRIES = 5;
export const PIN_LENGTH = { min: 4, max: 64 } as const;
const WRAP_AAD = 'tokenkeep-pin-wrap-v1';
/** What the PIN is sealed with at rest, under the vault key. */
export const PIN_AT_REST_AAD = 'tokenkeep-pin-v1';

/** The vault key wrapped under the PIN, as storage.session keeps it (JSON: bytes as base64). */
export interface PinLock {
  v: 1;
  kdf: Omit<KdfParams, 'salt'> & { salt: string };
  iv: string;
  ct: string;
  /** The vault-key wrapping this copy of the key came from: after a passphrase change it opens nothing. */
  keyTag: string;
  failures: number;
  lastFailureAt: number;
}

/** Why a PIN cannot be set, in words for the form. */
export function pinProblem(pin: string): string | undefined {
  const length = [...pin].length;
  if (length < PIN_LENGTH.min) return `A PIN has at least ${PIN_LENGTH.min} characters; 6 or more are better.`;
  if (length > PIN_LENGTH.max) return `A PIN has at most ${PIN_LENGTH.max} characters: use your passphrase for more.`;
  return undefined;
}

export async function wrapUnderPin(pin: string, rawKey: Uint8Array, keyTag: string, kdf: KdfParams = newKdfParams()): Promise<PinLock> {
  const sealed = await seal(await deriveKek(pin, kdf), rawKey, WRAP_AAD);
  const { salt, ...cost } = kdf;
  return { v: 1, kdf: { ...cost, salt: toBase64(salt) }, iv: toBase64(sealed.iv), ct: toBase64(sealed.ct), keyTag, failures: 0, lastFailureAt: 0 };
}

/** The vault key, or DecryptError for a wrong PIN. */
export async function unwrapWithPin(lock: PinLock, pin: string): Promise<Uint8Array> {
  const kek = await deriveKek(pin, { ...lock.kdf, salt: fromBase64(lock.kdf.salt) });
  return open(kek, { iv: fromBase64(lock.iv), ct: fromBase64(lock.ct) }, WRAP_AAD);
}

/** Milliseconds before the next PIN may be tried: 1 s after the first wrong one, doubling. */
export function pinWaitMs(lock: Pick<PinLock, 'failures' | 'lastFailureAt'>, now: number): number {
  return lock.failures ? Math.max(0, lock.lastFailureAt + 1000 * 2 ** (lock.failures - 1) - now) : 0;
}

/** After a wrong PIN: the lock with the failure counted, or undefined once the tries are used up (the lock is dropped). */
export function afterWrongPin(lock: PinLock, now: number): PinLock | undefined {
  const failures = lock.failures + 1;
  return failures >= PIN_TRIES ? undefined : { ...lock, failures, lastFailureAt: now };
}
