/**
 * From another tool's entry to a Tokenkeep account, through the kinds' own
 * declarations only: every value goes through their recognition (a
 * `force://` URL is an SFDX URL account, `3MVG…` with a secret an OAuth app,
 * an otpauth:// link a TOTP secret on the login), a saved page through their
 * `fromSite`, a custom field's name through their fields' names and labels
 * and the variables they are read from. What no field takes is named, never
 * silently kept or dropped. No kind is named here.
 */
import { normalizeSite } from '../common/sites';
import { defaultLabel, KINDS, kindOf, OTHER_KIND, recognise, type Fields, type Kind } from '../kinds';
import { TOTP_FIELD } from '../kinds/totp-field';
import type { Candidate, Entry } from './types';

/** A custom field named for a one-time password: a bare base32 value in it is a TOTP secret. */
const OTP_NAME = /otp|2fa|mfa|authenticator|one.?time/i;

const squash = (text: string) =>
  text
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[^a-z0-9]/g, '');

const has = (kind: Kind, name: string | undefined): name is string => !!name && kind.fields.some((f) => f.name === name && !f.derived);

/** The field of the kind a custom field's name means: a field's name or label, or a variable the kind is read from. */
function fieldNamed(kind: Kind, name: string): string | undefined {
  const key = squash(name);
  if (!key) return undefined;
  const field = kind.fields.find((f) => !f.derived && (squash(f.name) === key || squash(f.label) === key));
  if (field) return field.name;
  return [...(kind.env ?? []), ...(kind.variables ?? [])].find(([variable, f]) => squash(variable) === key && has(kind, f))?.[1];
}

/** A recognition that names a kind by the value's own shape (not a loose fit, not the fallback). */
function strongly(value: string) {
  const found = recognise(value);
  return found && !found.loose && !found.kind.fallback && !found.kind.looseRecognition ? found : undefined;
}

const secretsIn = (kind: Kind, fields: Fields) => kind.fields.some((f) => f.secret && fields[f.name]);

/** The kind an entry is, when the user has not chosen: its reader's, a value's shape, its page, its title, else Other. */
export function kindForEntry(entry: Entry): Kind {
  const preset = entry.kind && kindOf(entry.kind);
  if (preset) return preset;
  const values = [entry.password, entry.username, ...entry.extra.map((e) => e.value), entry.notes].filter((x): x is string => !!x);
  for (const value of values) {
    const found = strongly(value);
    if (found) return found.kind;
  }
  return KINDS.find((k) => entry.urls.some((url) => k.fromSite?.(url))) ?? KINDS.find((k) => k.issuer?.test(entry.title.trim()) && !k.fallback) ?? OTHER_KIND;
}

/** The account an entry becomes as this kind (the one recognised, or the one the user picked in the preview). */
export function candidateFor(entry: Entry, kind: Kind = kindForEntry(entry)): Candidate {
  const fields: Fields = { ...(entry.kind === kind.name ? entry.fields : {}) };
  const put = (field: string | undefined, value: string | undefined) => {
    if (!value || !has(kind, field) || fields[field]) return false;
    fields[field] = value;
    return true;
  };
  const fromSite = entry.urls.map((url) => kind.fromSite?.(url)).find((f) => f);
  for (const [name, value] of Object.entries(fromSite ?? {})) put(name, value);
  // A page's URL is the account's own where the kind keeps one and has no rule of its own for pages.
  if (!kind.fromSite) put('loginUrl', entry.urls[0]);

  /** Values that went into a field: not named as left behind, nor kept again as notes. */
  const placed = new Set<string>();
  /** Places a value by its shape: this kind's recognition, or a TOTP secret (a bare base32 one only where its name says so). */
  const placeByShape = (value: string, name = '', found = recognise(value)) => {
    if (!found || !(found.kind === kind || (found.loose && found.fields[TOTP_FIELD.name] && OTP_NAME.test(name)))) return false;
    const into = Object.entries(found.fields).filter(([field, v]) => put(field, v));
    if (into.length) placed.add(value);
    return into.length > 0;
  };

  const left: string[] = [];
  const { username, password, notes } = entry;
  if (entry.totp && !put(TOTP_FIELD.name, entry.totp.trim())) left.push('one-time password');
  // First what names this kind by its own shape, wherever the tool kept it (a force:// URL in a custom field or a note).
  for (const value of [username, password, ...entry.extra.map((e) => e.value), notes]) {
    const found = value ? strongly(value) : undefined;
    if (found) placeByShape(value!, '', found);
  }
  // Then custom fields named like one of the kind's fields ("Security token", client_secret, SF_CLIENT_SECRET).
  for (const { name, value } of entry.extra) if (!placed.has(value) && put(fieldNamed(kind, name), value)) placed.add(value);
  if (username && !placed.has(username) && !put(kind.fill.username ?? 'username', username)) left.push('username');
  if (password && !placed.has(password)) {
    // A password goes where the kind keeps one, else into its first empty secret (an OAuth app's consumer secret).
    const target = has(kind, kind.fill.password) ? kind.fill.password : kind.fields.find((f) => f.secret && !f.derived && !fields[f.name])?.name;
    if (!put(target, password)) left.push('password');
  }
  for (const { name, value } of entry.extra) {
    if (placed.has(value) || placeByShape(value, name)) continue;
    // A custom field no name matches fills the kind's token where it is still empty (Other's "API key").
    if (!put(kind.fill.token, value)) left.push(name || 'unnamed field');
  }

  const offered = [...new Set(entry.urls.map((url) => (/^https:\/\//i.test(url.trim()) ? normalizeSite(url) : undefined)))].filter(
    (site): site is string => !!site,
  );
  const own = new Set(kind.defaultSites?.(fields) ?? []);
  return {
    kind: kind.name,
    label: (entry.title.trim() || defaultLabel(kind, fields)).slice(0, 200),
    fields,
    offeredSites: offered.filter((site) => !own.has(site)),
    sites: [],
    notes: notes && !placed.has(notes) ? notes.slice(0, 10_000) : '',
    left,
    ...(secretsIn(kind, fields) ? {} : { problem: 'It holds no password, token or key.' }),
    ...(entry.doubtful ? { doubtful: true as const } : {}),
    ...(entry.changedAt ? { changedAt: entry.changedAt } : {}),
  };
}
