/**
 * An account packed small for `storage.sync`, where 300 of them must fit in
 * 102,400 bytes: positional arrays for what every account has, dates as
 * seconds counted back from the last change. Pure and lossless but for dates
 * other than the last change, which keep whole seconds; the last change is
 * kept to the millisecond, as it is what tells whether the account changed
 * since.
 *
 * Fields and history travel by name (layout 2), so any two versions of
 * Tokenkeep agree on what each value is: a field a later version adds, a
 * kind this one does not know, or a part of the account it has no name for
 * are kept as they came, never read by position into another field. Layout
 * 1 placed fields by their index in the kind's list; it is still read, with
 * the lists as they were when it was written.
 */
import * as v from 'valibot';
import { isAccountColor, type AccountColor } from '../common/account-colors';
import { kindOf, type Fields } from '../kinds';
import type { Account, HistoryEntry, TokenSource } from '../vault/account';

/** The account's own optional parts, by name: rare enough that their names cost little. */
interface Rest {
  expiresAt?: string;
  notes?: string;
  savedFrom?: string;
  facts?: Array<{ label: string; value: string }>;
  syncLargeSecrets?: true;
  color?: AccountColor;
  submitLogin?: true;
}
const REST_NAMES = ['expiresAt', 'notes', 'savedFrom', 'facts', 'syncLargeSecrets', 'color', 'submitLogin'] as const;

const SECOND = 1000;
const isoOf = (ms: number) => new Date(ms).toISOString();

/** Dates are packed as whole seconds before `base`, the last change in milliseconds: small numbers, often repeated. */
const before = (base: number, iso: string | undefined) => (iso === undefined ? null : Math.round((base - Date.parse(iso)) / SECOND));
const at = (base: number, back: number | null) => (back === null ? undefined : isoOf(base - back * SECOND));

/** When history entry `i` was most likely superseded: when the next newer value of its field was issued. */
function supersededBy(history: readonly HistoryEntry[], i: number, account: Pick<Account, 'issuedAt'>): string | undefined {
  const field = history[i]!.field;
  for (let j = i - 1; j >= 0; j--) if (history[j]!.field === field) return history[j]!.issuedAt;
  return account.issuedAt;
}

const Dated = v.nullable(v.pipe(v.number(), v.integer()));
const Text = v.string();
const Known = {
  expiresAt: v.optional(Text),
  notes: v.optional(Text),
  savedFrom: v.optional(Text),
  facts: v.optional(v.array(v.strictObject({ label: Text, value: Text }))),
  syncLargeSecrets: v.optional(v.literal(true)),
  // Any text: a colour a newer Tokenkeep knows is carried in `future`, not refused with the whole account.
  color: v.optional(Text),
  submitLogin: v.optional(v.literal(true)),
};
/** The rest: the parts this version knows, checked; any other a newer Tokenkeep wrote, carried as it came. */
const RestPart = v.union([v.looseObject(Known), v.literal(0)]);
// Strict: a plain tuple of three would take a row of four and drop its fourth part, the date it was replaced.
const HistoryRow = <T extends v.GenericSchema>(ref: T) => v.union([v.strictTuple([ref, Text, Dated]), v.strictTuple([ref, Text, Dated, Dated])]);
const Source = v.union([v.tuple([Text, Text, v.nullable(Text)]), v.literal(0)]);
const LastChange = v.pipe(v.number(), v.integer());

/** Layout 2: kind, label, fields by name, sites, history by field name, last change, created, issued, source, rest. */
const Packed = v.tuple([Text, Text, v.record(Text, Text), v.array(Text), v.array(HistoryRow(Text)), LastChange, Dated, Dated, Source, RestPart]);
export type PackedAccount = v.InferOutput<typeof Packed>;

/** Parts up to the last change are always there; after it, these defaults may be left off. */
const REQUIRED = 6;
const TRAILING = [null, null, 0, 0] as const;

/**
 * The account as a positional array, without its id, which the item's key
 * carries. `leaveOut` names fields that stay on this browser (large secrets
 * not ticked for sync).
 */
export function packAccount(account: Account, leaveOut: ReadonlySet<string> = new Set()): PackedAccount {
  const base = Date.parse(account.updatedAt);
  const fields = Object.fromEntries(Object.entries(account.fields).filter(([name]) => !leaveOut.has(name)));
  const rest: Rest & Record<string, unknown> = { ...account.future };
  for (const name of REST_NAMES) if (account[name] !== undefined) (rest as Record<string, unknown>)[name] = account[name];
  const source = account.source;
  const history = account.history.filter((h) => !leaveOut.has(h.field));
  const packed: PackedAccount = [
    account.kind,
    account.label,
    fields,
    account.sites,
    history.map((h, i) => {
      const entry: [string, string, number | null] = [h.field, h.value, before(base, h.issuedAt)];
      return supersededBy(history, i, account) === h.supersededAt ? entry : [...entry, before(base, h.supersededAt)];
    }),
    base,
    before(base, account.createdAt),
    before(base, account.issuedAt),
    source ? [source.sender, source.subject, source.messageId ?? null] : 0,
    Object.keys(rest).length ? (rest as PackedAccount[9]) : 0,
  ];
  // The parts at the end that hold nothing are left off; unpacking puts them back.
  let length = packed.length;
  while (length > REQUIRED && packed[length - 1] === TRAILING[length - 1 - REQUIRED]) length--;
  return packed.slice(0, length) as PackedAccount;
}

type Parts = [
  kind: string,
  label: string,
  fields: Fields,
  sites: string[],
  history: Array<[string, string, number | null, (number | null)?]>,
  base: number,
  created: number | null,
  issued: number | null,
  source: PackedAccount[8],
  rest: PackedAccount[9],
];

/** Builds the account from its parts, whichever layout they came in. */
function accountOf(id: string, [kind, label, fields, sites, history, base, created, issued, source, rest]: Parts): Account {
  const issuedAt = at(base, issued);
  const entries: HistoryEntry[] = [];
  for (const [field, value, issuedBack, supersededBack = null] of history) {
    const entry: HistoryEntry = { field, value, ...(issuedBack === null ? {} : { issuedAt: at(base, issuedBack) }), supersededAt: '' };
    entry.supersededAt = at(base, supersededBack) ?? supersededBy([...entries, entry], entries.length, { issuedAt }) ?? isoOf(base);
    entries.push(entry);
  }
  const from: TokenSource | undefined = source ? { sender: source[0], subject: source[1], ...(source[2] === null ? {} : { messageId: source[2] }) } : undefined;
  const known: Rest = {};
  const future: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest || {})) {
    const understood = (REST_NAMES as readonly string[]).includes(name) && (name !== 'color' || isAccountColor(value));
    if (understood) (known as Record<string, unknown>)[name] = value;
    else future[name] = value;
  }
  return {
    schema: 3,
    id,
    kind,
    label,
    fields,
    sites,
    history: entries,
    ...(issuedAt ? { issuedAt } : {}),
    ...(from ? { source: from } : {}),
    ...known,
    ...(Object.keys(future).length ? { future } : {}),
    createdAt: at(base, created) ?? isoOf(base),
    updatedAt: isoOf(base),
  };
}

const withTrailing = (value: unknown, required: number) =>
  Array.isArray(value) && value.length >= required ? [...value, ...TRAILING.slice(value.length - required)] : value;

/** Throws a valibot error for anything that is not a packed account (layout 2). */
export function unpackAccount(id: string, value: unknown): Account {
  const [kind, label, fields, sites, history, base, created, issued, source, rest] = v.parse(Packed, withTrailing(value, REQUIRED));
  return accountOf(id, [kind, label, fields, sites, history, base, created, issued, source, rest]);
}

/**
 * Layout 1, as Tokenkeep 0.1 wrote it until December 2026: fields by their
 * index in the kind's list as it was then (each kind declares that list,
 * frozen, as `syncLayout1`, so a kind that gains a field later still reads
 * these right), history fields by index or name, and a label of 0 for "the
 * same as the kind's subtitle field" as it was then.
 */
const Packed1 = v.tuple([
  Text,
  v.union([Text, v.literal(0)]),
  v.array(v.nullable(Text)),
  v.union([v.record(Text, Text), v.literal(0)]),
  v.array(Text),
  v.array(HistoryRow(v.union([v.number(), Text]))),
  LastChange,
  Dated,
  Dated,
  Source,
  v.union([v.strictObject(Known), v.literal(0)]),
]);

/** Reads layout 1; a kind it does not list, or a field index past its list, is refused rather than guessed. */
export function unpackAccountV1(id: string, value: unknown): Account {
  const [kind, label, values, extra, sites, history, base, created, issued, source, rest] = v.parse(Packed1, withTrailing(value, 7));
  const layout = kindOf(kind)?.syncLayout1;
  const order = layout?.fields;
  if (!layout || !order || values.length > order.length) throw new Error('a layout-1 item of a kind it could not have held');
  const fields: Fields = { ...(extra || {}) };
  values.forEach((fieldValue, i) => {
    if (fieldValue !== null) fields[order[i]!] = fieldValue;
  });
  const rows = history.map(([ref, ...row]) => {
    const field = typeof ref === 'number' ? order[ref] : ref;
    if (field === undefined) throw new Error('a layout-1 history entry past its kind’s fields');
    return [field, ...row] as Parts[4][number];
  });
  const named = label === 0 ? (fields[layout.label] ?? '') : label;
  return accountOf(id, [kind, named, fields, sites, rows, base, created, issued, source, rest]);
}
