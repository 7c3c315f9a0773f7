/**
 * An account packed small for `storage.sync`, where 300 of them must fit in
 * 102,400 bytes: positional arrays instead of named fields, the kind's own
 * field order instead of field names, dates as seconds counted back from the
 * last change. Pure and lossless but for dates other than the last change,
 * which keep whole seconds; the last change is kept to the millisecond, as it
 * is what tells whether the account changed since.
 */
import * as v from 'valibot';
import { kindOrOther } from '../kinds';
import type { Fields } from '../kinds';
import type { Account, HistoryEntry, TokenSource } from '../vault/account';

/** The account's own optional parts, by name: rare enough that their names cost little. */
interface Rest {
  expiresAt?: string;
  notes?: string;
  savedFrom?: string;
  facts?: Array<{ label: string; value: string }>;
  syncLargeSecrets?: true;
}

const SECOND = 1000;
const isoOf = (ms: number) => new Date(ms).toISOString();

/** Dates are packed as whole seconds before `base`, the last change in milliseconds: small numbers, often repeated. */
const before = (base: number, iso: string | undefined) => (iso === undefined ? null : Math.round((base - Date.parse(iso)) / SECOND));
const at = (base: number, back: number | null) => (back === null ? undefined : isoOf(base - back * SECOND));

/** Fields in the kind's order (null where empty), then any the kind does not declare, by name. */
function packFields(kind: string, fields: Fields): [Array<string | null>, Fields | 0] {
  const declared = kindOrOther(kind).fields.map((f) => f.name);
  const values = declared.map((name) => fields[name] ?? null);
  while (values.length && values[values.length - 1] === null) values.pop();
  const extra = Object.fromEntries(Object.entries(fields).filter(([name]) => !declared.includes(name)));
  return [values, Object.keys(extra).length ? extra : 0];
}

function unpackFields(kind: string, values: Array<string | null>, extra: Fields | 0): Fields {
  const declared = kindOrOther(kind).fields.map((f) => f.name);
  const fields: Fields = {};
  values.forEach((value, i) => {
    if (value !== null && declared[i]) fields[declared[i]] = value;
  });
  return { ...(extra || {}), ...fields };
}

/** A history entry's field: its place among the kind's fields, or its name. */
function fieldRef(kind: string, field: string): number | string {
  const i = kindOrOther(kind).fields.findIndex((f) => f.name === field);
  return i < 0 ? field : i;
}
const fieldAt = (kind: string, ref: number | string) => (typeof ref === 'number' ? kindOrOther(kind).fields[ref]?.name : ref);

/** When history entry `i` was most likely superseded: when the next newer value of its field was issued. */
function supersededBy(history: readonly HistoryEntry[], i: number, account: Pick<Account, 'issuedAt'>): string | undefined {
  const field = history[i]!.field;
  for (let j = i - 1; j >= 0; j--) if (history[j]!.field === field) return history[j]!.issuedAt;
  return account.issuedAt;
}

const Dated = v.nullable(v.pipe(v.number(), v.integer()));
const Text = v.string();
const Packed = v.tuple([
  /* kind */ Text,
  /* label, or 0: the same as the kind's subtitle field */ v.union([Text, v.literal(0)]),
  /* fields */ v.array(v.nullable(Text)),
  /* fields the kind does not declare */ v.union([v.record(Text, Text), v.literal(0)]),
  /* sites */ v.array(Text),
  /* history, newest first: field, value, issued, superseded (left out: when the next newer was issued) */ v.array(v.union([v.tuple([v.union([v.number(), Text]), Text, Dated]), v.tuple([v.union([v.number(), Text]), Text, Dated, Dated])])),
  /* last change, milliseconds since the epoch */ v.pipe(v.number(), v.integer()),
  /* created */ Dated,
  /* issued */ Dated,
  /* source: sender, subject, message id */ v.union([v.tuple([Text, Text, v.nullable(Text)]), v.literal(0)]),
  /* the rest */ v.union([
    v.strictObject({
      expiresAt: v.optional(Text),
      notes: v.optional(Text),
      savedFrom: v.optional(Text),
      facts: v.optional(v.array(v.strictObject({ label: Text, value: Text }))),
      syncLargeSecrets: v.optional(v.literal(true)),
    }),
    v.literal(0),
  ]),
]);
export type PackedAccount = v.InferOutput<typeof Packed>;

/** Parts up to the last change are always there; after it, these defaults may be left off. */
const REQUIRED = 7;
const TRAILING = [null, null, 0, 0] as const;

/**
 * The account as a positional array, without its id, which the item's key
 * carries. `leaveOut` names fields that stay on this browser (large secrets
 * not ticked for sync).
 */
export function packAccount(account: Account, leaveOut: ReadonlySet<string> = new Set()): PackedAccount {
  const base = Date.parse(account.updatedAt);
  const kept = Object.fromEntries(Object.entries(account.fields).filter(([name]) => !leaveOut.has(name)));
  const [values, extra] = packFields(account.kind, kept);
  const subtitle = kindOrOther(account.kind).subtitle;
  const rest: Rest = {};
  if (account.expiresAt !== undefined) rest.expiresAt = account.expiresAt;
  if (account.notes !== undefined) rest.notes = account.notes;
  if (account.savedFrom !== undefined) rest.savedFrom = account.savedFrom;
  if (account.facts !== undefined) rest.facts = account.facts;
  if (account.syncLargeSecrets) rest.syncLargeSecrets = true;
  const source = account.source;
  const history = account.history.filter((h) => !leaveOut.has(h.field));
  const packed: PackedAccount = [
    account.kind,
    subtitle && account.label === account.fields[subtitle] ? 0 : account.label,
    values,
    extra,
    account.sites,
    history.map((h, i) => {
      const entry: [number | string, string, number | null] = [fieldRef(account.kind, h.field), h.value, before(base, h.issuedAt)];
      return supersededBy(history, i, account) === h.supersededAt ? entry : [...entry, before(base, h.supersededAt)];
    }),
    base,
    before(base, account.createdAt),
    before(base, account.issuedAt),
    source ? [source.sender, source.subject, source.messageId ?? null] : 0,
    Object.keys(rest).length ? rest : 0,
  ];
  // The parts at the end that hold nothing are left off; unpacking puts them back.
  let length = packed.length;
  while (length > REQUIRED && packed[length - 1] === TRAILING[length - 1 - REQUIRED]) length--;
  return packed.slice(0, length) as PackedAccount;
}

/** Throws a valibot error for anything that is not a packed account. */
export function unpackAccount(id: string, value: unknown): Account {
  const full = Array.isArray(value) && value.length >= REQUIRED ? [...value, ...TRAILING.slice(value.length - REQUIRED)] : value;
  const [kind, label, values, extra, sites, history, base, created, issued, source, rest] = v.parse(Packed, full);
  const fields = unpackFields(kind, values, extra);
  const subtitle = kindOrOther(kind).subtitle;
  const issuedAt = at(base, issued);
  const entries: HistoryEntry[] = [];
  for (const [ref, value, issuedBack, supersededBack = null] of history) {
    const field = fieldAt(kind, ref) ?? String(ref);
    const entry: HistoryEntry = { field, value, ...(issuedBack === null ? {} : { issuedAt: at(base, issuedBack) }), supersededAt: '' };
    entry.supersededAt = at(base, supersededBack) ?? supersededBy([...entries, entry], entries.length, { issuedAt }) ?? isoOf(base);
    entries.push(entry);
  }
  const from: TokenSource | undefined = source ? { sender: source[0], subject: source[1], ...(source[2] === null ? {} : { messageId: source[2] }) } : undefined;
  return {
    schema: 3,
    id,
    kind,
    label: label === 0 ? (subtitle && fields[subtitle]) || '' : label,
    fields,
    sites,
    history: entries,
    ...(issuedAt ? { issuedAt } : {}),
    ...(from ? { source: from } : {}),
    ...(rest || {}),
    createdAt: at(base, created) ?? isoOf(base),
    updatedAt: isoOf(base),
  };
}
