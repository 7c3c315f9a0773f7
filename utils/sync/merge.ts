/**
 * What to do with the items other browsers wrote: which accounts to store or
 * delete here, which items to write back, and what to tell the user. Pure:
 * the background opens the items, runs this, and applies the plan.
 *
 * Nothing is lost and nothing is undone: two edits of one account merge part
 * by part against the last state both browsers agreed on (merge-fields.ts);
 * a delete that crosses an edit loses to the edit; a deletion needs a
 * tombstone, so an item that is merely missing deletes nothing; and an
 * older item put back in place of a newer one is refused, reported, and
 * written over again from what this browser holds.
 */
import { sameLogin, type Account } from '../vault/account';
import { isNewer, type SyncEntry } from './items';
import { largeSecrets } from './large-secrets';
import { mergeFields } from './merge-fields';

/** The last item this browser applied or wrote for an account. */
export interface Synced {
  version: number;
  writer: string;
  /** The account's last change as the item holds it; absent for a tombstone. */
  updatedAt?: string;
}

export interface MergeInput {
  local: ReadonlyMap<string, Account>;
  /** Accounts deleted here (id → when), kept until the deletion has travelled. */
  deleted: ReadonlyMap<string, string>;
  synced: ReadonlyMap<string, Synced>;
  /** The items in sync storage that opened. */
  remote: readonly SyncEntry[];
  /** For an incoming item, the state it followed that this browser had too (the last both agreed on), when this browser still has it. */
  bases: ReadonlyMap<string, Account>;
  /** The lowest version the synced header vouches for, per account: an item below it was put back. */
  vouched: ReadonlyMap<string, number>;
  /** This browser's writer id. */
  writer: string;
  now: string;
}

export interface MergePlan {
  /** Accounts to store here. */
  puts: Account[];
  /** Accounts to delete here (into the trash, where Undo can bring them back). */
  removes: string[];
  /** Items to write. */
  writes: SyncEntry[];
  /** Items from other browsers this plan takes in, whatever becomes of the writes. */
  applied: SyncEntry[];
  /** The state once the writes are in. */
  synced: Map<string, Synced>;
  /** What to tell the user, with account names only. */
  notices: string[];
}

/** "password, notes and name". */
const listed = (parts: readonly string[]) => (parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/** The last change is what tells whether an account changed since it was synced; items keep it to the millisecond. */
const sameMoment = (a: string | undefined, b: string | undefined) => !!a && !!b && Date.parse(a) === Date.parse(b);

export function planMerge({ local, deleted, synced: before, remote, bases, vouched, writer, now }: MergeInput): MergePlan {
  const plan: MergePlan = { puts: [], removes: [], writes: [], applied: [], synced: new Map(before), notices: [] };
  const accounts = new Map(local);
  const remoteById = new Map(remote.map((e) => [e.id, e]));
  const record = (entry: SyncEntry) =>
    plan.synced.set(entry.id, { version: entry.version, writer: entry.writer, ...(entry.account ? { updatedAt: entry.account.updatedAt } : {}) });
  const applied = (entry: SyncEntry) => {
    plan.applied.push(entry);
    record(entry);
  };
  const write = (id: string, account?: Account) => {
    const base = plan.synced.get(id);
    const version = Math.max(remoteById.get(id)?.version ?? 0, base?.version ?? 0) + 1;
    const entry: SyncEntry = {
      id,
      version,
      writer,
      ...(base ? { base: { version: base.version, writer: base.writer } } : {}),
      ...(account ? { account } : { deletedAt: deleted.get(id) ?? now }),
    };
    plan.writes.push(entry);
    record(entry);
  };
  const put = (account: Account) => {
    accounts.set(account.id, account);
    plan.puts.push(account);
  };

  // The same login under another id here: accounts made on two browsers before they synced. Their notice says it all.
  const twins = new Set<string>();
  for (const entry of remote) {
    if (!entry.account || accounts.has(entry.id) || !isNewer(entry, before.get(entry.id))) continue;
    const twin = sameLogin(accounts.values(), entry.account);
    if (!twin || remoteById.has(twin.id)) continue;
    accounts.delete(twin.id);
    plan.removes.push(twin.id);
    accounts.set(entry.id, { ...twin, id: entry.id });
    twins.add(entry.id);
    plan.notices.push(`${twin.label} was on this browser and another: the two are now one account.`);
  }

  const ids = new Set([...accounts.keys(), ...deleted.keys(), ...remoteById.keys()]);
  for (const id of ids) {
    const mine = accounts.get(id);
    const last = before.get(id);
    const theirs = remoteById.get(id);
    const changedHere = mine ? !sameMoment(mine.updatedAt, last?.updatedAt) : deleted.has(id) && !!last?.updatedAt;
    // An item older than one this browser applied or wrote, or than the synced header vouches for: someone put an old one back.
    const floor = Math.max(last?.version ?? 0, vouched.get(id) ?? 0);
    if (theirs && theirs.version < floor) {
      const name = mine?.label ?? theirs.account?.label ?? 'An account';
      if (mine) write(id, mine);
      else if (last && !last.updatedAt) write(id);
      plan.notices.push(
        mine || (last && !last.updatedAt)
          ? `An older copy of ${name} was put back in browser sync. It was not used, and the current one was written over it.`
          : `An older copy of ${name} was put back in browser sync. It was not used; the browser that holds the current one writes it again.`,
      );
      continue;
    }
    // Another write of the same version as the last one here: two browsers wrote at once, and each must take the other's in.
    const sibling = !!theirs && !!last && theirs.version === last.version && theirs.writer !== last.writer;
    const incoming = theirs && (isNewer(theirs, last) || sibling) ? theirs : undefined;
    // Our own last write, which the incoming one does not follow from: both wrote at once, and ours must not be lost.
    const overwritten =
      !!incoming && !!mine && (sibling || (last?.writer === writer && !(incoming.base?.version === last.version && incoming.base.writer === last.writer)));
    const ours = changedHere || overwritten;

    if (!incoming) {
      if (mine && changedHere) write(id, mine);
      else if (!mine && changedHere && theirs) write(id);
      continue;
    }
    if (incoming.account) {
      if (mine) {
        // Part by part against what both last agreed on; this browser's large secrets stay where the item could not carry them.
        const base = ours ? bases.get(id) : (bases.get(id) ?? mine);
        const { account, conflicts } = mergeFields({
          base,
          mine: { ...mine, id },
          theirs: { ...incoming.account, id },
          localOnly: largeSecrets(incoming.account),
          now,
        });
        applied(incoming);
        if (account !== mine) put(account);
        if (ours) write(id, account);
        if (conflicts.length && !twins.has(id))
          plan.notices.push(
            `${account.label}: its ${listed(conflicts)} changed on this browser and another. The newer is current${account.history.length ? '; an earlier secret is in its history' : ''}.`,
          );
      } else if (deleted.has(id)) {
        put(incoming.account);
        applied(incoming);
        plan.notices.push(`${incoming.account.label} was deleted here and changed on another browser: the changed account is kept.`);
      } else {
        put(incoming.account);
        applied(incoming);
      }
    } else if (mine && ours) {
      applied(incoming);
      write(id, mine);
      plan.notices.push(`${mine.label} was deleted on another browser and changed here: it is kept.`);
    } else {
      if (mine) plan.removes.push(id);
      applied(incoming);
    }
  }
  return plan;
}
