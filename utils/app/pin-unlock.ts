/**
 * Unlocking with a PIN. The PIN is sealed at rest under the vault's key; a
 * passphrase unlock opens it and wraps the vault key under it into
 * memory-only storage (`storage.session`), so the PIN works until the
 * browser closes. Five wrong PINs disarm it.
 */
import { AppError } from '../common/errors';
import type { VaultStatus } from '../protocol/replies';
import { DecryptError, importAesKey, open, randomBytes, seal, type Sealed } from '../vault/crypto';
import { afterWrongPin, PIN_AT_REST_AAD, PIN_TRIES, pinProblem, pinWaitMs, unwrapWithPin, wrapUnderPin, type PinLock } from '../vault/pin';
import type { RecordProblem } from '../vault/vault';
import { bad, type AppContext } from './context';

/** Where the PIN-wrapped vault key lives: storage.session in the extension, memory in tests. */
export interface PinStore {
  get(): Promise<PinLock | undefined>;
  set(lock: PinLock): Promise<void>;
  clear(): Promise<void>;
}

export function memoryPinStore(): PinStore {
  let lock: PinLock | undefined;
  return { get: async () => lock, set: async (next) => void (lock = next), clear: async () => void (lock = undefined) };
}

const PIN_AT_REST = 'meta:pin';
const encoder = new TextEncoder();

export function createPinUnlock({ kv, vault, now }: AppContext, pins: PinStore) {
  /** Runs with the open vault's raw key, and wipes the copy after. */
  async function withRawKey<T>(use: (rawKey: Uint8Array) => Promise<T>): Promise<T> {
    const rawKey = await vault.rawKey();
    try {
      return await use(rawKey);
    } finally {
      rawKey.fill(0);
    }
  }

  /** Seals the PIN at rest under the open vault's key. */
  const sealPin = (pin: string) =>
    withRawKey(async (rawKey) => kv.set(PIN_AT_REST, await seal(await importAesKey(rawKey), encoder.encode(pin), PIN_AT_REST_AAD)));

  /** Wraps the open vault's key under the PIN, into memory-only storage, at the vault's own key-derivation cost. */
  const armPin = (pin: string) =>
    withRawKey(async (rawKey) => pins.set(await wrapUnderPin(pin, rawKey, await vault.keyTag(), { ...vault.kdfFloor(), salt: randomBytes(16) })));

  /** The PIN, opened with the vault's key; undefined while PIN unlock is off, or when it was sealed under a key this vault no longer has. */
  async function storedPin(): Promise<string | undefined> {
    const sealed = await kv.get<Sealed>(PIN_AT_REST);
    if (!sealed) return undefined;
    try {
      return await withRawKey(async (rawKey) => new TextDecoder().decode(await open(await importAesKey(rawKey), sealed, PIN_AT_REST_AAD)));
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      // Another vault key (joined a synced vault): the PIN is off until the user sets one again.
      await kv.delete(PIN_AT_REST);
      await pins.clear();
      return undefined;
    }
  }

  return {
    async status(): Promise<Pick<VaultStatus, 'pin' | 'pinRetryAfterMs'>> {
      const [armed, pinOn] = await Promise.all([pins.get(), kv.get(PIN_AT_REST)]);
      return { pin: armed ? 'ready' : pinOn ? 'on' : 'off', pinRetryAfterMs: armed ? pinWaitMs(armed, Date.parse(now())) : 0 };
    },

    /** After a passphrase unlock: the PIN, where the user turned it on, works again until the browser closes. */
    async rearm(): Promise<void> {
      const pin = await storedPin();
      if (pin) await armPin(pin);
    },

    /** Around a change of vault key: the PIN is sealed again under the new key, and wraps it. */
    async keepAcross(change: () => Promise<void>): Promise<void> {
      const pin = await storedPin();
      await change();
      if (pin) {
        await sealPin(pin);
        await armPin(pin);
      }
    },

    /** Opens the vault with the PIN-wrapped key; says which records could not be read. */
    async unlock(pin: string): Promise<RecordProblem[]> {
      const lock = await pins.get();
      if (!lock) throw new AppError('bad-request', 'Unlocking with a PIN is not ready: enter your passphrase.');
      const at = Date.parse(now());
      const wait = pinWaitMs(lock, at);
      if (wait > 0) throw new AppError('rate-limited', `Wait ${Math.ceil(wait / 1000)} s before trying the PIN again.`);
      let rawKey: Uint8Array;
      try {
        rawKey = await unwrapWithPin(lock, pin);
      } catch (err) {
        if (!(err instanceof DecryptError)) throw err;
        const next = afterWrongPin(lock, at);
        if (!next) {
          await pins.clear();
          throw new AppError('wrong-passphrase', `${PIN_TRIES} wrong PINs: unlock with your passphrase. The PIN works again after that.`);
        }
        await pins.set(next);
        const left = PIN_TRIES - next.failures;
        throw new AppError(
          'wrong-passphrase',
          `That PIN is not right. ${left === 1 ? '1 try is' : `${left} tries are`} left before Tokenkeep asks for the passphrase.`,
        );
      }
      const problems = await vault.unlockWithKey(rawKey, lock.keyTag).catch(async (err: unknown) => {
        // Made for a vault key this vault no longer has (a passphrase changed in another browser).
        await pins.clear();
        throw err;
      });
      if (lock.failures) await pins.set({ ...lock, failures: 0, lastFailureAt: 0 });
      return problems;
    },

    /** Turns on unlocking with a PIN until the browser closes; only while unlocked. */
    async set(pin: string): Promise<void> {
      const problem = pinProblem(pin);
      if (problem) throw bad(problem);
      await sealPin(pin);
      await armPin(pin);
    },

    /** Turns PIN unlock off: the PIN and the key wrapped under it are gone. */
    async clear(): Promise<void> {
      await kv.delete(PIN_AT_REST);
      await pins.clear();
    },

    /** The vault is gone: so is the key wrapped under the PIN. */
    forget: () => pins.clear(),
  };
}
