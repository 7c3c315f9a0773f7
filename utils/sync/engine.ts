/**
 * One round of sync: read every item, open what opens, merge it into the
 * vault by the rules in merge.ts, and write back what changed here, within
 * the quota and the write rate. The storage area, the vault and the local
 * state are injected, so the background runs this on `browser.storage.sync`
 * and the tests on a fake that enforces the same limits.
 *
 * The local vault stays the source of truth: an item that does not open is
 * reported and left alone, and a write that is refused leaves everything
 * here as it was, to be written in a later round.
 */
import type { Account } from '../vault/account';
import { nextWriteAt, pruneWrites, quotaMessage, quotaProblem } from './budget';
import { isAccountKey, openItem, sealItem, SyncItemError, type SyncEntry } from './items';
import { HEADER_KEY, headerIsOurs, readLock, sameLock, writeHeader, type VaultLock } from './header';
import { planMerge, type Synced } from './merge';

export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** What the engine keeps on this browser between rounds (not secret: versions, ids and times). */
export interface SyncState {
  writer: string;
  synced: Record<string, Synced>;
  /** Accounts deleted here whose tombstone has not been written yet: id → when. */
  deleted: Record<string, string>;
  /** When this browser wrote, for the write rate. */
  writes: number[];
}

export interface SyncVault {
  key: CryptoKey;
  /** Signs and checks the synced header (header.ts). */
  headerKey: CryptoKey;
  currentLock(): Promise<VaultLock>;
  /** Takes the passphrase another browser set for this vault. */
  takeLock(lock: VaultLock): Promise<void>;
  accounts(): Promise<Map<string, Account>>;
  /**
   * Stores the accounts exactly as given (their dates included: a store that
   * stamped its own would send every applied account back as a change) and
   * deletes in the same go, into the trash, as the user's own deletions.
   */
  apply(puts: Account[], removes: string[]): Promise<void>;
  /** Fields of an account that stay on this browser (large secrets not ticked for sync). */
  leaveOut(account: Account): ReadonlySet<string>;
}

export interface SyncReport {
  /** Accounts stored or deleted here from other browsers. */
  applied: number;
  written: number;
  /** Items that were not applied, by key, and why. */
  problems: SyncItemError[];
  notices: string[];
  /** Why changes made here were not written this round; they are kept and tried again. */
  refused?: string;
  /** When a write may go again, if the write rate held this round back. */
  retryAt?: number;
  /** Sync storage holds another vault (or a header changed outside Tokenkeep): nothing was read or written. Joining asks for that vault's passphrase. */
  otherVault?: boolean;
}

const stateOf = (entry: SyncEntry): Synced => ({ version: entry.version, writer: entry.writer, ...(entry.account ? { updatedAt: entry.account.updatedAt } : {}) });

export async function syncRound({ area, vault, state, now }: { area: SyncArea; vault: SyncVault; state: SyncState; now: number }): Promise<{ report: SyncReport; state: SyncState }> {
  const stored = await area.get();
  const header = stored[HEADER_KEY];
  if (header !== undefined && !(await headerIsOurs(vault.headerKey, header))) {
    return { report: { applied: 0, written: 0, problems: [], notices: [], otherVault: true }, state };
  }
  const notices: string[] = [];
  const extra: Record<string, unknown> = {};
  const mine = await vault.currentLock();
  const theirs = header === undefined ? undefined : readLock(header);
  if (theirs && !sameLock(mine, theirs) && theirs.changedAt > mine.changedAt) {
    await vault.takeLock(theirs);
    notices.push('The passphrase was changed on another browser. Use the new one from the next unlock.');
  } else if (!theirs || !sameLock(mine, theirs)) extra[HEADER_KEY] = await writeHeader(vault.headerKey, mine);
  const problems: SyncItemError[] = [];
  const remote: SyncEntry[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (!isAccountKey(key)) continue;
    try {
      remote.push(await openItem(vault.key, key, value));
    } catch (err) {
      if (!(err instanceof SyncItemError)) throw err;
      problems.push(err);
    }
  }
  const before = new Map(Object.entries(state.synced));
  const local = await vault.accounts();
  const plan = planMerge({ local, deleted: new Map(Object.entries(state.deleted)), synced: before, remote, writer: state.writer, now: new Date(now).toISOString() });
  if (plan.puts.length || plan.removes.length) await vault.apply(plan.puts, plan.removes);

  // What this round applied from others, whatever becomes of the writes.
  const synced = new Map(before);
  for (const entry of plan.applied) synced.set(entry.id, stateOf(entry));
  const report: SyncReport = { applied: plan.puts.length + plan.removes.length, written: 0, problems, notices: [...notices, ...plan.notices] };
  const deleted = { ...state.deleted };
  let writes = pruneWrites(state.writes, now);

  if (plan.writes.length || Object.keys(extra).length) {
    const retryAt = nextWriteAt(writes, now);
    const items: Record<string, unknown> = { ...extra };
    const byKey = new Map<string, SyncEntry>();
    for (const entry of plan.writes) {
      const { key, value } = await sealItem(vault.key, entry, entry.account ? vault.leaveOut(entry.account) : undefined);
      items[key] = value;
      byKey.set(key, entry);
    }
    // An account too large for one item stays here, said by name; the others still go.
    const tooLarge: string[] = [];
    let problem = quotaProblem(stored, items);
    while (problem?.kind === 'item') {
      tooLarge.push(quotaMessage(problem, byKey.get(problem.key)?.account?.label));
      delete items[problem.key];
      byKey.delete(problem.key);
      problem = quotaProblem(stored, items);
    }
    if (tooLarge.length) report.refused = tooLarge.join(' ');
    if (retryAt > now) report.retryAt = retryAt;
    else if (problem) report.refused = quotaMessage(problem);
    else if (Object.keys(items).length) {
      try {
        await area.set(items);
        writes = [...writes, now];
        for (const entry of byKey.values()) {
          synced.set(entry.id, stateOf(entry));
          if (!entry.account) delete deleted[entry.id];
        }
        report.written = byKey.size;
      } catch (err) {
        // The browser refused what our own count allowed (another extension page wrote too): try later.
        report.refused = `Browser sync did not take the changes (${err instanceof Error ? err.message : String(err)}). They stay on this browser and are sent again later.`;
      }
    }
  }
  return { report, state: { ...state, synced: Object.fromEntries(synced), deleted, writes } };
}
