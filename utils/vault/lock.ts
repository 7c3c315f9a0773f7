/**
 * The vault's lock: the passphrase, the key it unwraps, and where that key
 * is kept while unlocked (memory, and storage.session so a service worker
 * restart does not lock). Every passphrase check is throttled here.
 */
import { AppError } from '../common/errors';
import { DecryptError, deriveKek, fromBase64, importAesKey, newKdfParams, open, toBase64, type KdfParams, type Sealed } from './crypto';
import { kdfProblem } from './kdf-bounds';
import { HEADER, THROTTLE, aad, type VaultHeader } from './layout';
import { manifestKey } from './manifest';
import type { KeyValueStore } from './store';
import { recordFailure, waitMs, type ThrottleState } from './throttle';

/** What opens the vault key with the passphrase: what sync carries between browsers. */
export interface VaultLock {
  kdf: KdfParams;
  wrappedKey: Sealed;
  /** When the passphrase was last set, so the newer of two changes wins. */
  changedAt: string;
}

/** Where the raw vault key lives while unlocked: storage.session in the extension. */
export interface SessionKeyStore {
  get(): Promise<string | undefined>;
  set(rawKeyBase64: string): Promise<void>;
  clear(): Promise<void>;
}

export type VaultState = 'uninitialized' | 'locked' | 'unlocked';

/** The keys the raw vault key derives: one encrypts, one signs the manifest. */
export interface Keys {
  aes: CryptoKey;
  mac: CryptoKey;
}

export const MIN_PASSPHRASE = 10;
export const MAX_PASSPHRASE = 16_384;

export function checkNewPassphrase(passphrase: string): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE) throw new AppError('bad-request', `Use at least ${MIN_PASSPHRASE} characters.`);
  if (length > MAX_PASSPHRASE) throw new AppError('bad-request', `Use at most ${MAX_PASSPHRASE} characters.`);
}

const wrongPassphrase = () => new AppError('wrong-passphrase', 'That passphrase is not right. Check Caps Lock and your keyboard layout, and try again.');
export const setupRequired = (then = '') => new AppError('setup-required', `Set up Tokenkeep first: choose a passphrase in its popup${then}.`);

export const keysFrom = async (raw: Uint8Array): Promise<Keys> => ({ aes: await importAesKey(raw), mac: await manifestKey(raw) });

export interface LockDeps {
  kv: KeyValueStore;
  session: SessionKeyStore;
  now: () => number;
  /** KDF parameters for new passphrases; the production default unless a test needs speed. */
  kdfParams?: () => KdfParams;
}

export function createLock({ kv, session, now, kdfParams = newKdfParams }: LockDeps) {
  let keys: Keys | undefined;
  const header = () => kv.get<VaultHeader>(HEADER);

  /** The vault keys from memory, or from storage.session after a service worker restart. */
  async function currentKeys(): Promise<Keys | undefined> {
    if (keys) return keys;
    const raw = await session.get();
    if (raw) keys = await keysFrom(fromBase64(raw));
    return keys;
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

  return {
    header,
    kdfParams,
    kdfFloor,
    checkKdf,

    async state(): Promise<VaultState> {
      if (!(await header())) return 'uninitialized';
      return (await currentKeys()) ? 'unlocked' : 'locked';
    },

    async requireKeys(): Promise<Keys> {
      const k = await currentKeys();
      if (k) return k;
      throw (await header()) ? new AppError('locked', 'Tokenkeep is locked. Unlock it with your passphrase.') : setupRequired();
    },

    /** Keeps `rawKey`'s keys for this session, in memory and in storage.session; the caller wipes `rawKey`. */
    async start(rawKey: Uint8Array, derived?: Keys): Promise<Keys> {
      const [made] = await Promise.all([derived ?? keysFrom(rawKey), session.set(toBase64(rawKey))]);
      keys = made;
      return made;
    },

    /** The raw vault key, as storage.session holds it while unlocked. */
    rawKey: async () => fromBase64((await session.get())!),

    async forget(): Promise<void> {
      keys = undefined;
      await session.clear();
    },

    /**
     * Every check of a passphrase goes through here: unlock, passphrase change,
     * backup import. They share one count of failures and its growing wait,
     * kept with the vault, so no path guesses faster than another.
     */
    async throttled<T>(check: () => Promise<T>, { clearOnSuccess, count = THROTTLE }: { clearOnSuccess: boolean; count?: string }): Promise<T> {
      const before = await kv.get<ThrottleState>(count);
      const wait = waitMs(before, now());
      if (wait > 0) throw new AppError('rate-limited', `Too many wrong passphrases. Try again in ${Math.ceil(wait / 1000)} s.`);
      try {
        const result = await check();
        if (clearOnSuccess && before) await kv.delete(count);
        return result;
      } catch (err) {
        if ((err as AppError).code === 'wrong-passphrase') await kv.set(count, recordFailure(await kv.get<ThrottleState>(count), now()));
        throw err;
      }
    },

    /** Passphrase checks still to wait for, and how many have failed in a row. */
    async throttle(): Promise<{ failures: number; retryAfterMs: number }> {
      const t = await kv.get<ThrottleState>(THROTTLE);
      return { failures: t?.failures ?? 0, retryAfterMs: waitMs(t, now()) };
    },

    /** The vault key, with the header version its wrapping proves (a header can claim 1 and be 2: that is a downgrade). */
    async unwrap(
      passphrase: string,
      h: VaultHeader,
      whose = 'The vault on this browser (its header was changed outside Tokenkeep; restore a backup)',
    ): Promise<{ rawKey: Uint8Array; kek: CryptoKey; version: 1 | 2 }> {
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
    },
  };
}

export type Lock = ReturnType<typeof createLock>;
