/**
 * Two browsers changed one account: the merge goes part by part (each field,
 * the label, the sites one by one, the notes…) against the last state both
 * agreed on, the base. A part changed on one side only keeps that change,
 * and a removal is a change like any other. Only a part both changed, to
 * different values, is a conflict: the newer side's value is current, the
 * other's secret joins the history, and the user is told once.
 *
 * Without a base (accounts that met before any sync, or a base lost with a
 * worker), every part that differs is treated as such a conflict, and sites
 * are the union: nothing is lost.
 */
import { keepsHistory, kindFor } from '../kinds';
import { trustedDate, type Account, type HistoryEntry } from '../vault/account';

export interface FieldMerge {
  account: Account;
  /** The parts both sides changed to different values, named for a person ("password", "notes"). */
  conflicts: string[];
}

type Side = 'mine' | 'theirs';

/** JSON with every object's keys in order: two values are the same part whatever order their keys were written in. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * One part: the change, whichever side made it; the newer side on a conflict. `undefined` is a
 * value like any other, so a removal on one side beats no change on the other.
 */
function pick<T>(
  base: T | undefined,
  mine: T | undefined,
  theirs: T | undefined,
  hasBase: boolean,
  newer: Side,
): { value: T | undefined; from: Side; conflict: boolean } {
  if (same(mine, theirs)) return { value: mine, from: 'mine', conflict: false };
  if (hasBase && same(mine, base)) return { value: theirs, from: 'theirs', conflict: false };
  if (hasBase && same(theirs, base)) return { value: mine, from: 'mine', conflict: false };
  return { value: newer === 'mine' ? mine : theirs, from: newer, conflict: true };
}

/** Sites one by one: one added on either side is kept; one removed on either side, and not added on the other, is gone. */
function mergeSites(base: readonly string[] | undefined, mine: readonly string[], theirs: readonly string[]): string[] {
  if (!base) return [...new Set([...mine, ...theirs])];
  const was = new Set(base);
  const inMine = new Set(mine);
  const inTheirs = new Set(theirs);
  return [...new Set([...mine, ...theirs])].filter(
    (site) => (inMine.has(site) && inTheirs.has(site)) || (!was.has(site) && (inMine.has(site) || inTheirs.has(site))),
  );
}

const byIssuedDesc = (a: HistoryEntry, b: HistoryEntry) => (b.issuedAt ?? '').localeCompare(a.issuedAt ?? '');

/** The account's own parts, merged one by one beside its fields, each with the name a conflict notice gives it. */
const PARTS = {
  label: 'name',
  notes: 'notes',
  expiresAt: 'expiry date',
  savedFrom: 'page it was saved from',
  facts: 'facts',
  syncLargeSecrets: 'syncLargeSecrets',
  color: 'colour',
  submitLogin: 'submit on log in',
  future: 'future',
} as const;

export function mergeFields({
  base,
  mine,
  theirs,
  localOnly,
  now,
}: {
  base: Account | undefined;
  mine: Account;
  theirs: Account;
  /** Fields the other side's item could not carry (large secrets that stay on the browser they were added on): this side's value stands. */
  localOnly: ReadonlySet<string>;
  now: string;
}): FieldMerge {
  const hasBase = !!base;
  const newer: Side = Date.parse(mine.updatedAt) >= Date.parse(theirs.updatedAt) ? 'mine' : 'theirs';
  const conflicts: string[] = [];
  const kindPick = pick(base?.kind, mine.kind, theirs.kind, hasBase, newer);
  const kind = kindFor(kindPick.value!);
  const rotating = kind.rotating;
  const nameOf = (field: string) => kind.fields.find((f) => f.name === field)?.label.toLowerCase() ?? field;
  if (kindPick.conflict) conflicts.push('kind');

  const fields: Account['fields'] = {};
  const retired: HistoryEntry[] = [];
  let rotatingFrom: Side | undefined;
  const names = new Set([...Object.keys(base?.fields ?? {}), ...Object.keys(mine.fields), ...Object.keys(theirs.fields)]);
  for (const name of names) {
    const theirValue = localOnly.has(name) && theirs.fields[name] === undefined ? mine.fields[name] : theirs.fields[name];
    let chosen = pick(base?.fields[name], mine.fields[name], theirValue, hasBase, newer);
    if (chosen.conflict && name === rotating) {
      // Two tokens: the one issued later is current, as when a capture arrives.
      const issued = (side: Account) => Date.parse(trustedDate(side.issuedAt, now));
      const side: Side = issued(mine) >= issued(theirs) ? 'mine' : 'theirs';
      chosen = { value: side === 'mine' ? mine.fields[name] : theirValue, from: side, conflict: true };
    }
    if (chosen.value !== undefined) fields[name] = chosen.value;
    if (name === rotating) rotatingFrom = chosen.from;
    if (!chosen.conflict) continue;
    conflicts.push(nameOf(name));
    const loser = chosen.from === 'mine' ? theirValue : mine.fields[name];
    const loserSide = chosen.from === 'mine' ? theirs : mine;
    if (loser !== undefined && keepsHistory(kind, name)) {
      retired.push({ field: name, value: loser, ...(name === rotating && loserSide.issuedAt ? { issuedAt: loserSide.issuedAt } : {}), supersededAt: now });
    }
  }

  const own: Partial<Account> = {};
  for (const [part, name] of Object.entries(PARTS) as Array<[keyof typeof PARTS, string]>) {
    const chosen = pick(base?.[part], mine[part], theirs[part], hasBase, newer);
    if (chosen.value !== undefined) (own as Record<string, unknown>)[part] = chosen.value;
    if (chosen.conflict) conflicts.push(name);
  }

  // Every value either side has held stays in the history, once, unless it is current again.
  const seen = new Set<string>();
  const history = [...retired, ...mine.history, ...theirs.history.filter((h) => !(localOnly.has(h.field) && theirs.fields[h.field] === undefined))]
    .filter((h) => {
      const key = `${h.field}\n${h.value}`;
      if (seen.has(key) || fields[h.field] === h.value) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.field === rotating && b.field === rotating ? byIssuedDesc(a, b) : b.supersededAt.localeCompare(a.supersededAt)));

  // The issue date and the email go with the token they describe.
  const dated = rotatingFrom === 'theirs' ? theirs : mine;
  const account: Account = {
    schema: 3,
    id: mine.id,
    kind: kind.name,
    label: own.label ?? mine.label,
    fields,
    sites: mergeSites(base?.sites, mine.sites, theirs.sites),
    history,
    ...(dated.issuedAt ? { issuedAt: dated.issuedAt } : {}),
    ...(dated.source ? { source: dated.source } : {}),
    ...own,
    createdAt: mine.createdAt < theirs.createdAt ? mine.createdAt : theirs.createdAt,
    updatedAt: now,
  };
  // An account that ends as one side had it keeps that side's last change, so it does not travel back as a new one.
  const content = ({ updatedAt: _u, createdAt: _c, ...rest }: Account) => canonical(rest);
  if (content(account) === content(theirs)) account.updatedAt = theirs.updatedAt;
  else if (content(account) === content(mine)) account.updatedAt = mine.updatedAt;
  return { account, conflicts };
}
