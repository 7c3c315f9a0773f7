/**
 * The account record, schema 3: a kind (utils/kinds) and that kind's own
 * fields, plus what every account has (label, sites, history, dates). The
 * rules for folding a capture into an account, and a backup's account into
 * the local one, live here too. Pure: the background decides when to call
 * them and where the result is stored.
 */
import type { Capture } from '../extract/types';
import type { AccountColor } from '../common/account-colors';
import { isSecretField, keepsHistory, kindFor, type Fields, type Kind } from '../kinds';

/** An account as the edit form sends it: empty strings mean "not set". */
export interface AccountInput {
  id?: string;
  kind: string;
  label: string;
  fields: Fields;
  sites: string[];
  expiresAt: string;
  notes: string;
  /** The page's origin, for a value saved from a page. */
  savedFrom?: string;
  /** Sync its multi-line secrets too; absent: as it was. */
  syncLargeSecrets?: boolean;
  /** Its colour; '' for none; absent: as it was. */
  color?: AccountColor | '';
  /** "Log in" submits the form itself; absent: as it was. */
  submitLogin?: boolean;
}

export interface HistoryEntry {
  /** The field the value was in ("token", "clientSecret"). */
  field: string;
  value: string;
  issuedAt?: string;
  supersededAt: string;
}

export interface TokenSource {
  sender: string;
  subject: string;
  messageId?: string;
}

export interface Account {
  /** Record schema version (see migrate.ts). */
  schema: 3;
  id: string;
  kind: string;
  label: string;
  fields: Fields;
  /** Origins allowed for autofill. */
  sites: string[];
  /** Superseded secrets, newest first. */
  history: HistoryEntry[];
  /** When the kind's rotating secret (a Salesforce token) was issued, and the email it came in. */
  issuedAt?: string;
  source?: TokenSource;
  expiresAt?: string;
  /** What the kind worked out at save (a certificate's subject): shown in the details. */
  facts?: Array<{ label: string; value: string }>;
  notes?: string;
  /** The page a secret was saved from ("Save to Tokenkeep…"). */
  savedFrom?: string;
  /** Its multi-line secrets (private keys, certificates) travel with browser sync too; otherwise they stay on the browser they were added on. */
  syncLargeSecrets?: true;
  /** The colour the user gave it: a stripe in the list, and the tab group its "Log in" tab opens in. */
  color?: AccountColor;
  /** "Log in" submits the login form itself, step by step, where the user turned that on. */
  submitLogin?: true;
  /** Parts a newer Tokenkeep wrote that this version has no name for: kept, and synced back, as they came. */
  future?: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** An account without its secrets: what the popup lists. Secret fields are named in `has`, their values left out. */
export type AccountSummary = Omit<Account, 'fields' | 'history'> & {
  fields: Fields;
  /** Every field with a value, secret or not. */
  has: string[];
  history: Array<Omit<HistoryEntry, 'value'>>;
};

export function summarize({ fields, history, ...rest }: Account): AccountSummary {
  const kind = kindFor(rest.kind);
  const open: Fields = {};
  for (const [name, value] of Object.entries(fields)) if (!isSecretField(kind, name)) open[name] = value;
  return { ...rest, fields: open, has: Object.keys(fields), history: history.map(({ value: _v, ...entry }) => entry) };
}

/** What saving a capture did; 'queued' means sealed into the inbox while the vault was locked. */
export type CaptureOutcome = 'created' | 'updated' | 'history' | 'duplicate' | 'queued';

/** Which login an account is, for its kind: two accounts with the same key are one too many. */
export function accountKey(account: Pick<Account, 'kind' | 'fields'>): string | undefined {
  const identity = kindFor(account.kind).identity?.(account.fields);
  return identity ? `${account.kind}:${identity}` : undefined;
}

/** Another account for the same login, which would make two accounts answer for it. */
export function sameLogin<A extends Pick<Account, 'id' | 'kind' | 'fields'>>(
  accounts: Iterable<A>,
  account: Pick<Account, 'kind' | 'fields'> & { id?: string },
): A | undefined {
  const key = accountKey(account);
  if (!key) return undefined;
  for (const other of accounts) if (other.id !== account.id && accountKey(other) === key) return other;
  return undefined;
}

/** The kind a capture belongs to (its provider names one), and the fields it fills there. */
function captureKind(capture: Capture): { kind: Kind; login: string; secret: string } {
  const kind = kindFor(capture.provider);
  if (!kind.captures) throw new Error(`A captured token names ${capture.provider}, which keeps no captures.`);
  return { kind, ...kind.captures };
}

/** The key of the account a capture goes to. */
export function captureKey(capture: Capture) {
  const { kind, login } = captureKind(capture);
  return accountKey({ kind: kind.name, fields: { [login]: capture.username } });
}

export function newAccountFromCapture(capture: Capture, id: string, now: string): Account {
  const { kind, login, secret } = captureKind(capture);
  // The kind fills in what follows from the login (a Salesforce sandbox and its login URL).
  const follow = kind.follow?.({}, { [login]: capture.username }, login) ?? { [login]: capture.username };
  const fields = { ...follow, [secret]: capture.token };
  return {
    schema: 3,
    id,
    kind: kind.name,
    label: capture.username,
    fields,
    issuedAt: trustedDate(capture.date, now),
    source: sourceOf(capture),
    sites: kind.defaultSites?.(fields) ?? [],
    history: [],
    createdAt: now,
    updatedAt: now,
  };
}

function sourceOf(capture: Capture): TokenSource {
  return {
    sender: capture.sender.address,
    subject: capture.subject,
    ...(capture.messageId ? { messageId: capture.messageId } : {}),
  };
}

/** How far ahead of the time it was seen a date may be: clocks differ by a little, never by days. */
export const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * A token's issue date as far as it can be trusted: one more than a few
 * minutes after the time it was seen (a wrong clock, or an email claiming
 * 2099 to stay current forever) is replaced by that time.
 */
export function trustedDate(date: string | undefined, seenAt: string): string {
  if (!date) return seenAt;
  const time = Date.parse(date);
  return Number.isNaN(time) || time > Date.parse(seenAt) + FUTURE_SLACK_MS ? seenAt : date;
}

function byIssuedDesc(a: HistoryEntry, b: HistoryEntry): number {
  return (b.issuedAt ?? '').localeCompare(a.issuedAt ?? '');
}

/**
 * Folds a capture into an existing account. A newer token becomes current and
 * the old one moves to the history; an older one only joins the history. A
 * capture without a date counts as issued now: users open the email right
 * after resetting, and the replaced token stays in the history either way.
 */
export function applyCapture(account: Account, capture: Capture, now: string): { account: Account; outcome: CaptureOutcome } {
  const field = captureKind(capture).secret;
  const value = capture.token;
  if (account.fields[field] === value || account.history.some((h) => h.field === field && h.value === value)) {
    return { account, outcome: 'duplicate' };
  }
  const issuedAt = trustedDate(capture.date, now);
  // A date already stored ahead of now (by an older Tokenkeep) must not pin its token either.
  const current = account.issuedAt && trustedDate(account.issuedAt, now);
  if (account.fields[field] && current && issuedAt < current) {
    // An older email opened later: it was superseded by the next newer token we know of.
    const newer = [...account.history.filter((h) => h.field === field).map((h) => h.issuedAt), current]
      .filter((d): d is string => !!d && d > issuedAt)
      .sort()[0]!;
    const history = [...account.history, { field, value, issuedAt, supersededAt: newer }].sort(byIssuedDesc);
    return { account: { ...account, history, updatedAt: now }, outcome: 'history' };
  }
  const history = [...retired(account, field, issuedAt), ...account.history].sort(byIssuedDesc);
  return {
    account: { ...account, fields: { ...account.fields, [field]: value }, issuedAt, source: sourceOf(capture), history, updatedAt: now },
    outcome: 'updated',
  };
}

/** A field's current value as a history entry, superseded at `supersededAt`; none when the field is empty. */
export function retired(account: Pick<Account, 'kind' | 'fields' | 'issuedAt'>, field: string, supersededAt: string): HistoryEntry[] {
  const value = account.fields[field];
  if (!value) return [];
  const dated = field === kindFor(account.kind).rotating && account.issuedAt;
  return [{ field, value, ...(dated ? { issuedAt: account.issuedAt } : {}), supersededAt }];
}

/** Every secret value an account has held, current ones first, each once. */
function secretsOf(account: Account, field: string): HistoryEntry[] {
  return [...retired(account, field, ''), ...account.history.filter((h) => h.field === field)];
}

/**
 * Merges an account from a backup (or another browser) into the local one
 * for the same login. Nothing is lost: for the rotating secret (the token)
 * the newest of either side becomes current; for every other secret the
 * local value stays and a different incoming one joins the history, unless
 * the caller knows the incoming account changed after the local one did
 * (`incomingNewer`: an import dated after the local account's last change),
 * when the incoming value becomes current and the local one joins the
 * history. Fields the local account lacks are filled from the incoming one.
 */
export function mergeAccount(local: Account, incoming: Account, now: string, { incomingNewer = false } = {}): { account: Account; changed: boolean } {
  const kind = kindFor(local.kind);
  const rotating = kind.rotating;
  const trusted = (entry: HistoryEntry) => (entry.issuedAt ? { ...entry, issuedAt: trustedDate(entry.issuedAt, now) } : entry);
  const fields: Fields = { ...incoming.fields, ...local.fields };
  const history: HistoryEntry[] = [];
  let issuedAt = local.issuedAt;
  let source = local.source;
  const secretNames = new Set(
    [...Object.keys(fields), ...local.history.map((h) => h.field), ...incoming.history.map((h) => h.field)].filter((n) => keepsHistory(kind, n)),
  );
  for (const name of secretNames) {
    const seen = new Map<string, HistoryEntry>();
    const incomingAsIs = name === rotating ? incoming : { ...incoming, issuedAt: undefined };
    const sides = [secretsOf(local, name), secretsOf(incomingAsIs, name)];
    // The first side's current value stays current (an undated secret has no other order).
    if (incomingNewer && name !== rotating) sides.reverse();
    for (const entry of sides.flat().map(trusted)) if (!seen.has(entry.value)) seen.set(entry.value, entry);
    const all = [...seen.values()];
    if (name === rotating) all.sort(byIssuedDesc);
    const [current, ...older] = all;
    if (current) fields[name] = current.value;
    if (name === rotating && current) {
      issuedAt = current.issuedAt;
      source = current.value === local.fields[name] ? local.source : (incoming.source ?? local.source);
    }
    const retiredNow = older.map((entry, i) => ({ ...entry, supersededAt: entry.supersededAt || all[i]!.issuedAt || now }));
    // An undated secret (a password) is placed by when it was replaced: the one replaced last comes first.
    if (name !== rotating) retiredNow.sort((a, b) => b.supersededAt.localeCompare(a.supersededAt));
    history.push(...retiredNow);
  }
  const merged: Account = {
    ...incoming,
    ...local,
    fields,
    notes: local.notes ?? incoming.notes,
    sites: [...new Set([...local.sites, ...incoming.sites])],
    history: history.sort(byIssuedDesc),
    ...(issuedAt ? { issuedAt } : {}),
    ...(source ? { source } : {}),
  };
  if (!issuedAt) delete merged.issuedAt;
  const signature = (a: Account) =>
    JSON.stringify([Object.entries(a.fields).sort(), a.history.map((h) => `${h.field}:${h.value}`).sort(), a.notes, [...a.sites].sort()]);
  const changed = signature(merged) !== signature(local);
  return { account: changed ? { ...merged, updatedAt: now } : local, changed };
}
