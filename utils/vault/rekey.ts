/**
 * Putting the vault under a key: a new vault, a new passphrase (and with it
 * a new vault key), and the synced vault's key when this browser joins it.
 * Also the narrow port browser sync uses (sync-port.ts): the lock it carries
 * between browsers, and taking a change made on another.
 */
import { AppError } from '../common/errors';
import type { Account } from './account';
import { deriveKek, generateInboxKeys, open, randomBytes, seal } from './crypto';
import { plainTextAccounts } from './legacy';
import { HEADER, JOIN_THROTTLE, MANIFEST, aad, freshManifest, type VaultHeader } from './layout';
import { checkNewPassphrase, keysFrom, type Keys, type Lock, type VaultLock } from './lock';
import { sealNames } from './manifest';
import type { Records } from './records';
import type { KeyValueStore } from './store';
import type { Trash } from './trash';

interface RekeyDeps {
  kv: KeyValueStore;
  lock: Lock;
  records: Records;
  trash: Trash;
  now: () => number;
  onChange: () => void;
}

const joinRefused = () => new AppError('bad-request', 'The synced vault’s header was changed outside Tokenkeep. Nothing was joined.');
const alreadySetUp = () => new AppError('bad-request', 'Tokenkeep is already set up.');

export function createRekey({ kv, lock, records, trash, now, onChange }: RekeyDeps) {
  const stamp = () => new Date(now()).toISOString();

  /** A new vault on this browser under `rawKey`, wrapped as `wrapping` says; the session starts, and the raw key is wiped. */
  async function create(rawKey: Uint8Array, wrapping: Pick<VaultHeader, 'kdf' | 'wrappedKey'>): Promise<void> {
    const inbox = await generateInboxKeys();
    const k = await keysFrom(rawKey);
    const h: VaultHeader = {
      version: 2,
      ...wrapping,
      inbox: { publicKey: inbox.publicKey, privateKey: await seal(k.aes, inbox.privateKey, aad.inboxKey) },
      createdAt: stamp(),
      updatedAt: stamp(),
    };
    inbox.privateKey.fill(0);
    // Plain-text accounts of Tokenkeep 0.1 become records now, in the first write; the manifest then says it is done.
    const legacy = await plainTextAccounts(kv);
    records.startNames();
    const next = await records.nextManifest(k, { ...freshManifest(inbox.publicKey), names: await sealNames(k.aes, {}) }, legacy.accounts);
    await kv.transact([[HEADER, h], ...next.records, [MANIFEST, next.stored]], legacy.deletes);
    records.forget();
    await lock.start(rawKey, k);
    rawKey.fill(0);
  }

  /**
   * Moves the vault to another key (`rawKey`, which it wipes) in one
   * transaction: every account, the manifest, the inbox's private key and
   * the trash still in its undo window are sealed again under it, beside the
   * header with its new lock; the trash past its window goes. Either the old
   * state or the new one is on disk, never a mix.
   */
  async function moveToKey(
    k: Keys,
    rawKey: Uint8Array,
    h: VaultHeader,
    all: ReadonlyMap<string, Account>,
    wrapping: Pick<VaultHeader, 'kdf' | 'wrappedKey' | 'updatedAt'>,
  ): Promise<void> {
    const fresh = await keysFrom(rawKey);
    const inboxPrivate = await open(k.aes, h.inbox.privateKey, aad.inboxKey);
    const updated: VaultHeader = {
      ...h,
      version: 2,
      ...wrapping,
      inbox: { publicKey: h.inbox.publicKey, privateKey: await seal(fresh.aes, inboxPrivate, aad.inboxKey) },
    };
    inboxPrivate.fill(0);
    const resealed = await trash.resealed(k, fresh);
    const written = await records.nextManifest(fresh, { ...records.manifest(), records: {} }, [...all.values()]);
    await kv.transact([[HEADER, updated], ...written.records, [MANIFEST, written.stored], ...resealed.puts], resealed.gone);
    await lock.start(rawKey, fresh);
    rawKey.fill(0);
    records.replaced(written);
  }

  /** A new passphrase's wrapping of `rawKey`, at this Tokenkeep's key-derivation cost. */
  async function wrapUnder(passphrase: string, rawKey: Uint8Array): Promise<Pick<VaultHeader, 'kdf' | 'wrappedKey'>> {
    const kdf = lock.kdfParams();
    return { kdf, wrappedKey: await seal(await deriveKek(passphrase, kdf), rawKey, aad.vaultKey(2)) };
  }

  return {
    async setup(passphrase: string): Promise<void> {
      if (await lock.header()) throw alreadySetUp();
      checkNewPassphrase(passphrase);
      const rawKey = randomBytes(32);
      await create(rawKey, await wrapUnder(passphrase, rawKey));
    },

    /**
     * Sets this browser up with the vault another browser synced, from the first screen: its
     * passphrase opens its key (under the join throttle), `check` proves the key is the synced
     * vault's, and this browser's vault starts empty under that key and lock, for sync to fill.
     */
    async setupFrom(synced: VaultLock, passphrase: string, check: (rawKey: Uint8Array) => Promise<boolean>): Promise<void> {
      if (await lock.header()) throw alreadySetUp();
      const h = { version: 2, kdf: synced.kdf, wrappedKey: synced.wrappedKey } as VaultHeader;
      const { rawKey } = await lock.throttled(() => lock.unwrap(passphrase, h, 'The synced vault'), { clearOnSuccess: true, count: JOIN_THROTTLE });
      if (!(await check(rawKey))) throw joinRefused();
      await create(rawKey, { kdf: synced.kdf, wrappedKey: synced.wrappedKey });
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
      const k = await lock.requireKeys();
      const all = await records.accounts();
      const h = (await lock.header())!;
      checkNewPassphrase(next);
      const { rawKey: oldRaw } = await lock.throttled(() => lock.unwrap(current, h), { clearOnSuccess: true });
      oldRaw.fill(0);
      records.refuseWhileUnreadable(() => ', and would be lost with the old passphrase');
      const rawKey = randomBytes(32);
      await moveToKey(k, rawKey, h, all, { ...(await wrapUnder(next, rawKey)), updatedAt: stamp() });
    },

    /** What opens the vault key with the passphrase, for sync to carry to other browsers. */
    async currentLock(): Promise<VaultLock> {
      await lock.requireKeys();
      const h = (await lock.header())!;
      if (h.version !== 2) throw new AppError('locked', 'Unlock Tokenkeep once more before turning on sync.');
      return { kdf: h.kdf, wrappedKey: h.wrappedKey, changedAt: h.updatedAt };
    },

    /**
     * Takes a passphrase change made on another browser: the same vault key,
     * wrapped under the new passphrase. The caller has checked that a holder of
     * this vault key wrote it. The next unlock here asks for the new passphrase.
     */
    async takeLock(synced: VaultLock): Promise<void> {
      await lock.requireKeys();
      lock.checkKdf(synced.kdf, 'The passphrase change in browser sync');
      const h = (await lock.header())!;
      await kv.set(HEADER, { ...h, version: 2, kdf: synced.kdf, wrappedKey: synced.wrappedKey, updatedAt: synced.changedAt } satisfies VaultHeader);
    },

    /**
     * Joins the vault another browser synced: its passphrase opens its vault key
     * (under the throttle, like every passphrase check), every account here is
     * sealed again under that key in one write, and its lock becomes this
     * browser's. `check` proves the key is the synced vault's before anything
     * is written. Refused while an account here cannot be opened: it would be
     * left under a key this browser no longer has.
     */
    async adopt(synced: VaultLock, passphrase: string, check: (rawKey: Uint8Array) => Promise<boolean>): Promise<void> {
      const k = await lock.requireKeys();
      const all = await records.accounts();
      records.refuseWhileUnreadable((them) => `; joining the synced vault would lose ${them}`);
      const h = (await lock.header())!;
      const { rawKey } = await lock.throttled(
        () => lock.unwrap(passphrase, { ...h, version: 2, kdf: synced.kdf, wrappedKey: synced.wrappedKey }, 'The synced vault'),
        {
          clearOnSuccess: true,
          count: JOIN_THROTTLE,
        },
      );
      if (!(await check(rawKey))) throw joinRefused();
      await moveToKey(k, rawKey, h, all, { kdf: synced.kdf, wrappedKey: synced.wrappedKey, updatedAt: synced.changedAt });
      onChange();
    },
  };
}
