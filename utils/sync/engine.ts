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
import { FUTURE_SLACK_MS, type Account } from '../vault/account';
import { LIMITS, nextWriteAt, pruneWrites, quotaMessage, quotaProblem } from './budget';
import {
  accountIdOf,
  DELETIONS_KEY,
  isAccountKey,
  isNewer,
  itemKeyFor,
  openDeletions,
  openItem,
  quotaBytes,
  sealDeletions,
  sealItem,
  SyncItemError,
  type SyncEntry,
} from './items';
import { floorKeyOf, HEADER_KEY, headerIsOurs, raiseFloor, readFloor, readLock, sameFloor, sameLock, writeHeader, type Floor } from './header';
import type { VaultLock } from '../vault/lock';
import { planMerge, type Synced } from './merge';

export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** What the engine keeps on this browser between rounds (not secret: versions, ids and times). */
export interface SyncState {
  writer: string;
  synced: Record<string, Synced>;
  /** Accounts deleted here whose tombstone has not been written yet: id → when. */
  deleted: Record<string, string>;
  /** When this browser wrote, for the write rate. */
  writes: number[];
  /**
   * The last items of each account this browser applied or wrote, as sealed
   * (ciphertext under the vault key), with their version and writer: an
   * incoming item names the one it followed, and that one, which both
   * browsers had, is the base a merge goes part by part against.
   */
  bases?: Record<string, Array<[version: number, writer: string, sealed: string]>>;
  /** This browser changed the passphrase, and with it the vault key: its next round writes the synced vault again under the new one. */
  rekeyed?: true;
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
  /** Why a lock from another browser may not be taken (its key derivation out of bounds), or undefined. */
  lockProblem(lock: VaultLock): string | undefined;
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

const stateOf = (entry: SyncEntry): Synced => ({
  version: entry.version,
  writer: entry.writer,
  ...(entry.account ? { updatedAt: entry.account.updatedAt } : {}),
});

/**
 * How long a deletion travels: a browser that has not synced for half a
 * year keeps its own copy of an account deleted meanwhile (it never writes
 * it back unless it changes it), and the header's floor still refuses the
 * account's old item put back.
 */
export const DELETION_KEPT_MS = 180 * 24 * 3600_000;

/**
 * The one deletions item: the newest deletion of each account, none older
 * than DELETION_KEPT_MS, none of an account that lives again, and as many
 * of the newest as fit in one item.
 */
async function deletionsItem(key: CryptoKey, tombstones: Iterable<SyncEntry>, alive: ReadonlySet<string>, now: number): Promise<string> {
  const newest = new Map<string, SyncEntry>();
  for (const t of tombstones) if (!alive.has(t.id) && isNewer(t, newest.get(t.id))) newest.set(t.id, t);
  let kept = [...newest.values()]
    .filter((t) => now - Date.parse(t.deletedAt ?? '') < DELETION_KEPT_MS)
    .sort((a, b) => (b.deletedAt ?? '').localeCompare(a.deletedAt ?? ''));
  let value = await sealDeletions(key, kept);
  while (kept.length && quotaBytes(DELETIONS_KEY, value) > LIMITS.itemBytes) {
    kept = kept.slice(0, Math.floor(kept.length * 0.9));
    value = await sealDeletions(key, kept);
  }
  return value;
}

/**
 * After a passphrase change here, the synced vault is sealed under a key no
 * browser holds any more, this one included: every account this browser has
 * is written again under the new key, deletions with it, and what it cannot
 * read is removed. The other browsers then find a vault they cannot open, and
 * ask for the new passphrase before they sync again (joining merges what they
 * hold that this one did not).
 */
async function writeAgain({
  area,
  vault,
  state,
  stored,
  now,
}: {
  area: SyncArea;
  vault: SyncVault;
  state: SyncState;
  stored: Record<string, unknown>;
  now: number;
}): Promise<{ report: SyncReport; state: SyncState }> {
  const local = await vault.accounts();
  const stamp = new Date(now).toISOString();
  const entries: SyncEntry[] = [];
  const next = (id: string) => (state.synced[id]?.version ?? 0) + 1;
  for (const [id, account] of local) entries.push({ id, version: next(id), writer: state.writer, account });
  for (const [id, last] of Object.entries(state.synced))
    if (!local.has(id) && (!last.updatedAt || state.deleted[id]))
      entries.push({ id, version: next(id), writer: state.writer, deletedAt: state.deleted[id] ?? stamp });
  const items: Record<string, unknown> = {};
  const floor: Floor = new Map();
  for (const entry of entries) {
    if (entry.account) {
      const { key, value } = await sealItem(vault.key, entry, vault.leaveOut(entry.account));
      items[key] = value;
    }
    floor.set(await floorKeyOf(entry.id), entry.version);
  }
  items[DELETIONS_KEY] = await deletionsItem(
    vault.key,
    entries.filter((e) => !e.account),
    new Set(),
    now,
  );
  items[HEADER_KEY] = await writeHeader(vault.headerKey, await vault.currentLock(), floor);
  const stale = Object.keys(stored).filter((key) => (isAccountKey(key) || key === DELETIONS_KEY) && !(key in items));
  const kept = Object.fromEntries(Object.entries(stored).filter(([key]) => !stale.includes(key)));
  const problem = quotaProblem(kept, items);
  if (problem) return { report: { applied: 0, written: 0, problems: [], notices: [], refused: quotaMessage(problem) }, state };
  if (stale.length) await area.remove(stale);
  await area.set(items);
  const bases: SyncState['bases'] = {};
  for (const entry of entries) if (entry.account) bases[entry.id] = [[entry.version, entry.writer, items[itemKeyFor(entry.id)] as string]];
  const { rekeyed: _done, ...rest } = state;
  return {
    report: {
      applied: 0,
      written: entries.length,
      problems: [],
      notices: ['The synced vault is now sealed under the new passphrase. Other browsers ask for it before they sync again.'],
    },
    state: {
      ...rest,
      synced: Object.fromEntries(entries.map((e) => [e.id, stateOf(e)])),
      deleted: {},
      writes: [...pruneWrites(state.writes, now), now],
      bases,
    },
  };
}

export async function syncRound({
  area,
  vault,
  state,
  now,
}: {
  area: SyncArea;
  vault: SyncVault;
  state: SyncState;
  now: number;
}): Promise<{ report: SyncReport; state: SyncState }> {
  const stored = await area.get();
  const header = stored[HEADER_KEY];
  const ours = header === undefined || (await headerIsOurs(vault.headerKey, header));
  if (state.rekeyed && !ours) return writeAgain({ area, vault, state, stored, now });
  if (!ours) return { report: { applied: 0, written: 0, problems: [], notices: [], otherVault: true }, state };
  if (state.rekeyed) {
    const { rekeyed: _done, ...rest } = state;
    state = rest;
  }
  const notices: string[] = [];
  let lock = await vault.currentLock();
  const theirs = header === undefined ? undefined : readLock(header);
  if (theirs && !sameLock(lock, theirs) && theirs.changedAt > lock.changedAt) {
    // A change from the future would always win: dated past the clock's slack, it is not taken.
    const problem = Date.parse(theirs.changedAt) > now + FUTURE_SLACK_MS ? 'it is dated in the future.' : vault.lockProblem(theirs);
    if (problem) notices.push(`A passphrase change in browser sync was not taken: ${problem} This browser's passphrase stays as it is.`);
    else {
      await vault.takeLock(theirs);
      lock = theirs;
      notices.push('The passphrase was changed on another browser. Use the new one from the next unlock.');
    }
  }
  const problems: SyncItemError[] = [];
  const items: SyncEntry[] = [];
  const tombstones: SyncEntry[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (!isAccountKey(key) && key !== DELETIONS_KEY) continue;
    try {
      if (key === DELETIONS_KEY) tombstones.push(...(await openDeletions(vault.key, value)));
      else items.push(await openItem(vault.key, key, value));
    } catch (err) {
      if (!(err instanceof SyncItemError)) throw err;
      problems.push(err);
    }
  }
  // One entry per account: its item, or its deletion in the deletions item, whichever is newer.
  const newest = new Map<string, SyncEntry>();
  for (const entry of [...items, ...tombstones]) if (isNewer(entry, newest.get(entry.id))) newest.set(entry.id, entry);
  const remote = [...newest.values()];
  const before = new Map(Object.entries(state.synced));
  const local = await vault.accounts();
  const floor = header === undefined ? new Map() : readFloor(header);
  const floorKeys = new Map<string, string>();
  for (const id of new Set([...remote.map((e) => e.id), ...before.keys(), ...local.keys()])) floorKeys.set(id, await floorKeyOf(id));
  const vouched = new Map([...floorKeys].flatMap(([id, key]) => (floor.has(key) ? [[id, floor.get(key)!] as const] : [])));
  const bases = new Map<string, Account>();
  for (const entry of remote) {
    const sealed = entry.base && state.bases?.[entry.id]?.find(([version, writer]) => version === entry.base!.version && writer === entry.base!.writer)?.[2];
    const base = sealed ? await openItem(vault.key, itemKeyFor(entry.id), sealed).catch(() => undefined) : undefined;
    if (base?.account) bases.set(entry.id, base.account);
  }
  const plan = planMerge({
    local,
    deleted: new Map(Object.entries(state.deleted)),
    synced: before,
    remote,
    bases,
    vouched,
    writer: state.writer,
    now: new Date(now).toISOString(),
  });
  if (plan.puts.length || plan.removes.length) await vault.apply(plan.puts, plan.removes);

  // What this round applied from others, whatever becomes of the writes; the item applied is the new base.
  const synced = new Map(before);
  const nextBases = { ...state.bases };
  const agreed = (entry: SyncEntry, value: unknown) => {
    synced.set(entry.id, stateOf(entry));
    // The last three: what this browser applied, what it wrote after, and what came after that.
    if (entry.account && typeof value === 'string')
      nextBases[entry.id] = [...(nextBases[entry.id] ?? []), [entry.version, entry.writer, value] as [number, string, string]].slice(-3);
    else delete nextBases[entry.id];
  };
  for (const entry of plan.applied) agreed(entry, stored[itemKeyFor(entry.id)]);
  const report: SyncReport = { applied: plan.puts.length + plan.removes.length, written: 0, problems, notices: [...notices, ...plan.notices] };
  const deleted = { ...state.deleted };
  let writes = pruneWrites(state.writes, now);

  // The header: this browser's lock, and the floor raised to the versions of what this round agrees on (applied, and what it writes).
  for (const entry of plan.writes) if (!floorKeys.has(entry.id)) floorKeys.set(entry.id, await floorKeyOf(entry.id));
  const headerWith = async (writing: readonly SyncEntry[]): Promise<Record<string, unknown>> => {
    const versions = [...synced, ...writing.map((e) => [e.id, stateOf(e)] as const)].map(([id, s]) => [floorKeys.get(id)!, s.version] as const);
    const next: Floor = raiseFloor(floor, new Map(versions));
    return !theirs || !sameLock(lock, theirs) || !sameFloor(floor, next) ? { [HEADER_KEY]: await writeHeader(vault.headerKey, lock, next) } : {};
  };

  // Deletions go into the one deletions item; an account's own item, once it is deleted (or a tombstone of an older Tokenkeep), goes.
  const deletions = plan.writes.filter((e) => !e.account);
  const gone = new Set([...deletions.map((e) => e.id), ...remote.filter((e) => !e.account).map((e) => e.id)]);
  const leftOver = Object.keys(stored).filter((key) => isAccountKey(key) && gone.has(accountIdOf(key) ?? ''));
  if (plan.writes.length || leftOver.length || Object.keys(await headerWith([])).length) {
    const retryAt = nextWriteAt(writes, now);
    const items: Record<string, unknown> = {};
    const byKey = new Map<string, SyncEntry>();
    for (const entry of plan.writes.filter((e) => e.account)) {
      const { key, value } = await sealItem(vault.key, entry, vault.leaveOut(entry.account!));
      items[key] = value;
      byKey.set(key, entry);
    }
    if (deletions.length || leftOver.length) {
      const deleting = new Set(deletions.map((e) => e.id));
      const alive = new Set([...remote.filter((e) => e.account && !deleting.has(e.id)), ...plan.writes.filter((e) => e.account)].map((e) => e.id));
      items[DELETIONS_KEY] = await deletionsItem(vault.key, [...tombstones, ...remote.filter((e) => !e.account), ...deletions], alive, now);
      for (const entry of deletions) byKey.set(itemKeyFor(entry.id), entry);
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
    // The floor vouches only for what goes in this very write.
    Object.assign(items, await headerWith([...byKey.values()]));
    problem ??= quotaProblem(Object.fromEntries(Object.entries(stored).filter(([key]) => !leftOver.includes(key))), items);
    if (tooLarge.length) report.refused = tooLarge.join(' ');
    if (retryAt > now) report.retryAt = retryAt;
    else if (problem) report.refused = quotaMessage(problem);
    else if (Object.keys(items).length) {
      try {
        await area.set(items);
        if (leftOver.length) await area.remove(leftOver);
        writes = [...writes, now];
        for (const [key, entry] of byKey) {
          agreed(entry, items[key]);
          if (!entry.account) delete deleted[entry.id];
        }
        report.written = byKey.size;
      } catch (err) {
        // The browser refused what our own count allowed (another extension page wrote too): try later.
        report.refused = `Browser sync did not take the changes (${err instanceof Error ? err.message : String(err)}). They stay on this browser and are sent again later.`;
      }
    }
  }
  return { report, state: { ...state, synced: Object.fromEntries(synced), deleted, writes, bases: nextBases } };
}
