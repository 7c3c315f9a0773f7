/**
 * Sync as the user turns it on and off: whether it is on, the rounds (one at
 * a time), joining a vault that is already in sync storage, what the options
 * page shows, and removing the synced copy. The storage area, the local
 * store, the vault and the timer are injected; the background passes the
 * browser's, the tests fakes of the same shape.
 */
import { AppError } from '../errors';
import type { Vault } from '../vault/vault';
import { DEBOUNCE_MS, usage } from './budget';
import { syncRound, type SyncArea, type SyncReport, type SyncState } from './engine';
import { HEADER_KEY } from './header';
import { isAccountKey } from './items';
import { joinSyncedVault, syncVaultOf } from './vault-adapter';

interface Saved {
  enabled: boolean;
  state?: SyncState;
  last?: LastRound;
  /** What rounds said that the popup has not shown yet (what merged, an edit that beat a deletion). */
  unseen?: string[];
}

export interface SyncStore {
  get(): Promise<Saved>;
  set(value: Saved): Promise<void>;
}

export interface LastRound {
  at: string;
  notices: string[];
  problems: string[];
  refused?: string;
}

export interface SyncStatus {
  enabled: boolean;
  /** 'needs-passphrase': sync storage holds a vault this browser has not joined. */
  state: 'off' | 'on' | 'locked' | 'needs-passphrase';
  usage: { bytes: number; items: number; fraction: number };
  accounts: number;
  last?: LastRound;
}


export function createSyncController({
  area,
  store,
  vault,
  schedule,
  onApplied,
  newWriter = () => crypto.randomUUID().slice(0, 8),
  now = Date.now,
}: {
  area: SyncArea & { remove(keys: string[]): Promise<void> };
  store: SyncStore;
  vault: Vault;
  /** Asks for a round at a later time (a timer, and an alarm should the worker sleep). */
  schedule: (at: number) => void;
  /** Accounts arrived from other browsers (expiry reminders follow them). */
  onApplied?: () => Promise<void>;
  newWriter?: () => string;
  now?: () => number;
}) {
  let running: Promise<SyncReport | undefined> = Promise.resolve(undefined);
  let otherVault = false;

  async function round(): Promise<SyncReport | undefined> {
    const saved = await store.get();
    if (!saved.enabled || (await vault.state()) !== 'unlocked') return undefined;
    const state = saved.state ?? { writer: newWriter(), synced: {}, deleted: {}, writes: [] };
    const { report, state: next } = await syncRound({ area, vault: await syncVaultOf(vault), state, now: now() });
    otherVault = !!report.otherVault;
    const last: LastRound = {
      at: new Date(now()).toISOString(),
      notices: report.notices,
      problems: report.problems.map((p) => p.message),
      ...(report.refused ? { refused: report.refused } : {}),
    };
    await store.set({ enabled: saved.enabled, state: next, last, unseen: [...(saved.unseen ?? []), ...report.notices] });
    if (report.applied) await onApplied?.();
    if (report.retryAt) schedule(report.retryAt);
    else if (report.refused) schedule(now() + 60_000);
    return report;
  }

  async function status(): Promise<SyncStatus> {
    const [saved, stored, state] = await Promise.all([store.get(), area.get(), vault.state()]);
    return {
      enabled: saved.enabled,
      state: !saved.enabled ? (otherVault ? 'needs-passphrase' : 'off') : state !== 'unlocked' ? 'locked' : otherVault ? 'needs-passphrase' : 'on',
      usage: usage(stored),
      accounts: Object.keys(stored).filter(isAccountKey).length,
      ...(saved.last ? { last: saved.last } : {}),
    };
  }

  /** One round after the ones already asked for. */
  const run = () => (running = running.then(round, round));

  return {
    run,
    status,

    /** A change here, or from another browser: one round once things are quiet. */
    soon: () => schedule(now() + DEBOUNCE_MS),

    /** What rounds said since the popup last asked; asking clears it. */
    async takeNotices(): Promise<string[]> {
      const saved = await store.get();
      if (!saved.unseen?.length) return [];
      await store.set({ ...saved, unseen: [] });
      return saved.unseen;
    },

    /** Records a deletion made here, so that it travels as a tombstone. */
    async deleted(id: string) {
      const saved = await store.get();
      if (!saved.enabled || !saved.state) return;
      await store.set({ ...saved, state: { ...saved.state, deleted: { ...saved.state.deleted, [id]: new Date(now()).toISOString() } } });
    },

    /** An account put back with Undo: its deletion no longer travels. */
    async restored(id: string) {
      const saved = await store.get();
      if (!saved.state?.deleted[id]) return;
      const { [id]: _gone, ...deleted } = saved.state.deleted;
      await store.set({ ...saved, state: { ...saved.state, deleted } });
    },

    /**
     * Turns sync on. Where sync storage already holds another vault, the
     * passphrase is that vault's: this browser joins it, and its accounts merge in.
     */
    async enable(passphrase?: string): Promise<SyncStatus> {
      if ((await vault.state()) !== 'unlocked') throw new AppError('locked', 'Unlock Tokenkeep to turn on sync.');
      const saved = await store.get();
      await store.set({ ...saved, enabled: true });
      const report = await run();
      if (report?.otherVault) {
        if (!passphrase) {
          await store.set({ ...saved, enabled: false });
          return { ...(await status()), state: 'needs-passphrase' };
        }
        const header = (await area.get())[HEADER_KEY];
        const here = (await vault.accounts()).length;
        try {
          await joinSyncedVault(vault, header, passphrase);
        } catch (err) {
          await store.set({ ...saved, enabled: false });
          throw err;
        }
        await run();
        const joined = await store.get();
        const merged = here === 0 ? 'This browser now holds the synced vault.' : `The ${here === 1 ? 'account' : `${here} accounts`} on this browser ${here === 1 ? 'was' : 'were'} merged into the synced vault.`;
        if (joined.last) await store.set({ ...joined, last: { ...joined.last, notices: [merged, ...joined.last.notices] }, unseen: [merged, ...(joined.unseen ?? [])] });
      }
      return status();
    },

    /** Stops writing; the local vault stays as it is, and so does the synced copy. */
    async disable(): Promise<SyncStatus> {
      const saved = await store.get();
      await store.set({ ...saved, enabled: false });
      return status();
    },

    /** Clears the synced copy, after the user confirmed; this browser's vault is untouched. */
    async remove(): Promise<SyncStatus> {
      const keys = Object.keys(await area.get()).filter((k) => k === HEADER_KEY || isAccountKey(k));
      if (keys.length) await area.remove(keys);
      await store.set({ enabled: false });
      return status();
    },
  };
}

export type SyncController = ReturnType<typeof createSyncController>;
