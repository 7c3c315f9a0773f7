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
import { nextWriteAt, pruneWrites, quotaMessage, quotaProblem } from './budget';
import { accountIdOf, DELETIONS_KEY, isAccountKey, isNewer, itemKeyFor, openDeletions, openItem, sealItem, SyncItemError, type SyncEntry } from './items';
import { floorKeyOf, HEADER_KEY, headerIsOurs, raiseFloor, readFloor, readLock, sameFloor, sameLock, writeHeader, type Floor } from './header';
import { planMerge } from './merge';
import type { SyncArea, SyncReport, SyncState, SyncVault } from './round';
import { deletionsItem, stateOf, writeAgain } from './rewrite';

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
