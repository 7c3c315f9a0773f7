/**
 * Writing the whole synced vault again: after a passphrase change here, and
 * the deletions item every round writes.
 */
import { LIMITS, pruneWrites, quotaMessage, quotaProblem } from './budget';
import { floorKeyOf, HEADER_KEY, writeHeader, type Floor } from './header';
import { DELETIONS_KEY, isAccountKey, isNewer, itemKeyFor, quotaBytes, sealDeletions, sealItem, type SyncEntry } from './items';
import type { Synced } from './merge';
import type { SyncArea, SyncReport, SyncState, SyncVault } from './round';

export const stateOf = (entry: SyncEntry): Synced => ({
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
export async function deletionsItem(key: CryptoKey, tombstones: Iterable<SyncEntry>, alive: ReadonlySet<string>, now: number): Promise<string> {
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
export async function writeAgain({
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
