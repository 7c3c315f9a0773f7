/**
 * The application: what the background does with captures and accounts,
 * independent of how messages arrive (`handlers.ts` maps each request to a
 * method here). Its parts are rooms of their own: captures, accounts, use
 * (copy, fill, codes), backups and the PIN; this module joins them with the
 * vault's lifecycle. Every write goes through one serial queue, so two tabs
 * saving at once (or a save during an unlock) cannot lose an update.
 */
import type { Unlocked, VaultStatus } from '../protocol/replies';
import { serialQueue } from '../vault/serial';
import type { KeyValueStore } from '../vault/store';
import type { RecordProblem, Vault } from '../vault/vault';
import { createAccounts } from './accounts';
import { createBackups } from './backup-merge';
import { createCaptures } from './captures';
import { createImports } from './imports';
import type { AppContext } from './context';
import { createPinUnlock, memoryPinStore, type PinStore } from './pin-unlock';
import { createLive, type LivePorts } from './live';
import { createUse } from './use';

export interface VaultServiceDeps {
  kv: KeyValueStore;
  vault: Vault;
  pins?: PinStore;
  now?: () => string;
  newId?: () => string;
  /** Minting access tokens: the network and memory-only storage; absent, no live credential is used. */
  live?: LivePorts;
}

export function createVaultService({
  kv,
  vault,
  pins = memoryPinStore(),
  now = () => new Date().toISOString(),
  newId = () => crypto.randomUUID(),
  live: livePorts,
}: VaultServiceDeps) {
  const ctx: AppContext = { kv, vault, serial: serialQueue(), now, newId };
  const { serial } = ctx;
  // The inbox and the sites correction run inside an unlock's turn in the queue, never on their own.
  const { drainInbox, ...captures } = createCaptures(ctx);
  const { markSitesCorrected, correctSitesOnce, ...accounts } = createAccounts(ctx);
  const pin = createPinUnlock(ctx, pins);
  const live = livePorts ? createLive(ctx, livePorts) : undefined;

  /** After any unlock: the captures sealed while locked merge, and Tokenkeep's one-time corrections run. */
  const opened = async (problems: RecordProblem[]): Promise<Unlocked> => ({
    merged: await drainInbox(),
    problems,
    notices: await correctSitesOnce(),
  });

  return {
    async status(): Promise<VaultStatus> {
      const [state, throttle, pending, pinStatus] = await Promise.all([vault.state(), vault.throttle(), vault.inboxSize(), pin.status()]);
      return { state, ...throttle, pending, ...pinStatus };
    },

    setup: (passphrase: string) =>
      serial(async () => {
        await vault.setup(passphrase);
        await markSitesCorrected();
      }),

    /** Unlocks, then merges the captures sealed while locked; says what merged, what could not be read, and what Tokenkeep corrected. */
    unlock: (passphrase: string) =>
      serial(async (): Promise<Unlocked> => {
        const problems = await vault.unlock(passphrase);
        await pin.rearm();
        return opened(problems);
      }),

    /** Unlocks with the PIN, while a passphrase unlock in this browser session armed it; five wrong PINs disarm it. */
    unlockWithPin: (code: string) => serial(async (): Promise<Unlocked> => opened(await pin.unlock(code))),

    setPin: (code: string) => serial(() => pin.set(code)),
    clearPin: () => serial(() => pin.clear()),

    lock: () => serial(() => vault.lock()),

    changePassphrase: (current: string, next: string) => serial(() => pin.keepAcross(() => vault.changePassphrase(current, next))),

    reset: () =>
      serial(async () => {
        await vault.reset();
        await pin.forget();
      }),

    ...captures,
    ...accounts,
    ...createUse(ctx, live?.tokenFor),
    /** Live credentials (utils/app/live.ts), where the service can mint. */
    live,
    ...createBackups(ctx),
    ...createImports(ctx),
  };
}

export type VaultService = ReturnType<typeof createVaultService>;
