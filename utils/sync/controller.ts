/**
 * Sync as the user turns it on and off: whether it is on, the rounds (one at
 * a time), joining a vault that is already in sync storage, what the options
 * page shows, and removing the synced copy. The storage area, the local
 * store, the vault and the timer are injected; the background passes the
 * browser's, the tests fakes of the same shape.
 */
import { AppError } from '../common/errors';
import type { SyncPort } from '../vault/sync-port';
import { DEBOUNCE_MS, usage } from './budget';
import { syncRound } from './engine';
import type { SyncArea, SyncReport, SyncState } from './round';
import { HEADER_KEY } from './header';
import { isAccountKey } from './items';
import { joinSyncedVault, startFromSyncedVault, syncVaultOf } from './vault-adapter';

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
  /** Sync storage holds a Tokenkeep vault: a browser with none yet can join it from its first screen. */
  syncedVault: boolean;
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
  vault: SyncPort;
  /** Asks for a round at a later time (a timer, and an alarm should the worker sleep). */
  schedule: (at: number) => void;
  /** Accounts arrived from other browsers (expiry reminders follow them). */
  onApplied?: () => Promise<void>;
  newWriter?: () => string;
  now?: () => number;
}) {
  // Rounds and every other change to what the store keeps run one at a time: a deletion recorded
  // while a round is running would otherwise be written over by the round's own state.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  }
  /** Changes what the store keeps, in turn with the rounds. */
  const update = (change: (saved: Saved) => Saved | undefined) =>
    exclusive(async () => {
      const next = change(await store.get());
      if (next) await store.set(next);
    });
  let otherVault = false;

  /** One round; `leading` goes before what the round itself says (what joining merged). */
  async function round(leading: string[] = []): Promise<SyncReport | undefined> {
    const saved = await store.get();
    if (!saved.enabled || (await vault.state()) !== 'unlocked') return undefined;
    const state = saved.state ?? { writer: newWriter(), synced: {}, deleted: {}, writes: [] };
    const { report, state: next } = await syncRound({ area, vault: await syncVaultOf(vault), state, now: now() });
    otherVault = !!report.otherVault;
    const notices = [...leading, ...report.notices];
    const last: LastRound = {
      at: new Date(now()).toISOString(),
      notices,
      problems: report.problems.map((p) => p.message),
      ...(report.refused ? { refused: report.refused } : {}),
    };
    await store.set({ ...saved, state: next, last, unseen: [...(saved.unseen ?? []), ...notices] });
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
      syncedVault: HEADER_KEY in stored,
      ...(saved.last ? { last: saved.last } : {}),
    };
  }

  /** One round after the ones already asked for. */
  const run = (leading?: string[]) => exclusive(() => round(leading));

  return {
    run: () => run(),
    status,

    /** A change here, or from another browser: one round once things are quiet. */
    soon: () => schedule(now() + DEBOUNCE_MS),

    /** What rounds said since the popup last asked; asking clears it. */
    async takeNotices(): Promise<string[]> {
      let taken: string[] = [];
      await update((saved) => {
        taken = saved.unseen ?? [];
        return taken.length ? { ...saved, unseen: [] } : undefined;
      });
      return taken;
    },

    /** Records a deletion made here, so that it travels as a tombstone. */
    deleted: (id: string) =>
      update((saved) =>
        saved.enabled && saved.state
          ? { ...saved, state: { ...saved.state, deleted: { ...saved.state.deleted, [id]: new Date(now()).toISOString() } } }
          : undefined,
      ),

    /** The passphrase, and with it the vault key, changed here: the next round writes the synced vault again under the new key. */
    rekeyed: async () => {
      await update((saved) => (saved.enabled && saved.state ? { ...saved, state: { ...saved.state, rekeyed: true } } : undefined));
      schedule(now());
    },

    /** An account put back with Undo: its deletion no longer travels. */
    restored: (id: string) =>
      update((saved) => {
        if (!saved.state?.deleted[id]) return undefined;
        const { [id]: _gone, ...deleted } = saved.state.deleted;
        return { ...saved, state: { ...saved.state, deleted } };
      }),

    /**
     * Turns sync on. Where sync storage already holds another vault, the
     * passphrase is that vault's: this browser joins it, and its accounts merge in.
     */
    async enable(passphrase?: string): Promise<SyncStatus> {
      if ((await vault.state()) !== 'unlocked') throw new AppError('locked', 'Unlock Tokenkeep to turn on sync.');
      const turn = (enabled: boolean) => update((saved) => ({ ...saved, enabled }));
      await turn(true);
      const report = await run();
      if (report?.otherVault) {
        if (!passphrase) {
          await turn(false);
          return { ...(await status()), state: 'needs-passphrase' };
        }
        const header = (await area.get())[HEADER_KEY];
        const here = (await vault.accounts()).length;
        try {
          await joinSyncedVault(vault, header, passphrase);
        } catch (err) {
          await turn(false);
          throw err;
        }
        await run([
          here === 0
            ? 'This browser now holds the synced vault.'
            : `The ${here === 1 ? 'account' : `${here} accounts`} on this browser ${here === 1 ? 'was' : 'were'} merged into the synced vault.`,
        ]);
      }
      return status();
    },

    /**
     * A browser with no vault yet joins the synced one from its first screen: no vault of its own
     * is made first. The passphrase is the synced vault's, checked under the join throttle.
     */
    async joinFromStart(passphrase: string): Promise<SyncStatus> {
      if ((await vault.state()) !== 'uninitialized')
        throw new AppError('bad-request', 'This browser already has a vault: join the synced one from Settings › Sync.');
      const header = (await area.get())[HEADER_KEY];
      if (!header)
        throw new AppError('not-found', 'Browser sync holds no Tokenkeep vault yet. Create a vault here, or turn sync on in the browser that has yours first.');
      await startFromSyncedVault(vault, header, passphrase);
      await update((saved) => ({ ...saved, enabled: true }));
      await run(['This browser now holds the synced vault.']);
      return status();
    },

    /** Stops writing; the local vault stays as it is, and so does the synced copy. */
    async disable(): Promise<SyncStatus> {
      await update((saved) => ({ ...saved, enabled: false }));
      return status();
    },

    /** Clears the synced copy, after the user confirmed; this browser's vault is untouched. */
    async remove(): Promise<SyncStatus> {
      const keys = Object.keys(await area.get()).filter((k) => k === HEADER_KEY || isAccountKey(k));
      if (keys.length) await area.remove(keys);
      await update(() => ({ enabled: false }));
      return status();
    },
  };
}

export type SyncController = ReturnType<typeof createSyncController>;
