/**
 * Every credential kind Tokenkeep knows, and the few questions asked of all
 * of them. The kinds are found, not listed: each `*.kind.ts` module in this
 * folder is one, by its default export. Order: how the popup groups them
 * (each kind's `order`: Salesforce's first, Other last). Recognition tries
 * each in that order, except that a kind whose shape is loose (anything can
 * look like a Salesforce token) goes last.
 */
import { opaqueKind } from './opaque';
import { isBareTotpSecret, otpauthIssuer, recogniseOtpauth, TOTP_FIELD } from './totp-field';
import type { Fields, FieldSpec, FillSource, FormatSpec, Kind } from './types';

export type { Fact, FieldSpec, Fields, FillSource, FormatSpec, Kind } from './types';

// Vite (the extension's build, the tests, and vite-node for the scripts) turns this into one import per module.
const MODULES = import.meta.glob<Kind>('./*.kind.ts', { eager: true, import: 'default' });

export const KINDS: readonly Kind[] = Object.values(MODULES).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));

const RECOGNITION = [...KINDS.filter((k) => !k.looseRecognition), ...KINDS.filter((k) => k.looseRecognition)];

const BY_NAME = new Map(KINDS.map((k) => [k.name, k]));

export function kindOf(name: string): Kind | undefined {
  return BY_NAME.get(name);
}

/** The kind an account names, or the opaque stand-in for one this version does not know (a newer Tokenkeep's, through sync or a backup). */
export function kindFor(name: string): Kind {
  return BY_NAME.get(name) ?? opaqueKind(name);
}

/** The kind a new account starts as, and a flat account without a kind is: the first in the list. */
export const DEFAULT_KIND: Kind = KINDS[0]!;

/** The kind for what fits no other: a value saved from a page that no kind recognises. */
export const OTHER_KIND: Kind = KINDS.find((k) => k.fallback)!;

/** What a pasted value is: its kind and the fields it fills; `loose`, when it would fit any kind with those fields. */
export interface Recognised {
  kind: Kind;
  fields: Fields;
  /** Nothing in the value names a kind (a bare TOTP secret): the form keeps its kind where that one has the fields. */
  loose?: true;
}

const holdsTotp = (kind: Kind) => kind.fields.some((f) => f.name === TOTP_FIELD.name);

export function recognise(value: string): Recognised | undefined {
  if (!value.trim() || value.length > 64 * 1024) return undefined;
  // An authenticator link belongs to the kind its issuer names ("GitHub" is no Salesforce login), else to Other.
  const otp = recogniseOtpauth(value);
  if (otp) {
    const issuer = otpauthIssuer(value);
    return { kind: (issuer && KINDS.find((k) => k.issuer?.test(issuer) && holdsTotp(k))) || OTHER_KIND, fields: otp };
  }
  for (const kind of RECOGNITION) {
    const fields = kind.recognise?.(value);
    if (fields) return { kind, fields };
  }
  if (isBareTotpSecret(value)) return { kind: OTHER_KIND, fields: { [TOTP_FIELD.name]: value.trim() }, loose: true };
  return undefined;
}

/**
 * The name an account gets when the user gives none: its login (the username), else the issuer
 * its authenticator link names, else its kind ("GitHub"); never "Untitled".
 */
export function defaultLabel(kind: Kind, fields: Fields): string {
  const login = kind.subtitle && fields[kind.subtitle]?.trim();
  if (login) return login;
  const issuer = fields[TOTP_FIELD.name] && /^otpauth:/i.test(fields[TOTP_FIELD.name]!.trim()) ? otpauthIssuer(fields[TOTP_FIELD.name]!) : '';
  return issuer || kind.title;
}

export function formatOf(kind: Kind, name: string): FormatSpec | undefined {
  return kind.formats.find((f) => f.name === name);
}

export function fieldOf(kind: Kind, name: string): FieldSpec | undefined {
  return kind.fields.find((f) => f.name === name);
}

/** Fields that hold a PEM block or the like: too large for browser sync unless the user asks. */
export const largeFields = (kind: Kind) => kind.fields.filter((f) => f.multiline);

/** A field whose superseded values join the history: every secret, and the kind's rotating one. */
export const keepsHistory = (kind: Kind, field: string) => !!fieldOf(kind, field)?.secret || field === kind.rotating;

/** How a field is named in a sentence: "security token", "login URL" (an acronym keeps its capitals). */
export const fieldName = (kind: Kind, field: string) => fieldOf(kind, field)?.label.replace(/\b[A-Z][a-z]*\b/g, (word) => word.toLowerCase()) ?? field;

/** Whether a format can be made from the fields an account has (never half a credential). */
export const canMake = (format: FormatSpec, has: (field: string) => boolean) => format.needs.every(has);

/** The one-click copy: the first of the kind's preferred formats the account can make, else its first preference (shown disabled); none for an opaque kind. */
export function primaryFormat(kind: Kind, has: (field: string) => boolean): FormatSpec | undefined {
  const named = kind.primary.map((n) => formatOf(kind, n)).filter((f): f is FormatSpec => !!f);
  // Until it can make one, the button waits for the usual secrets: a current code belongs only to an account that holds a TOTP secret.
  const code = kind.fill.code;
  return named.find((f) => canMake(f, has)) ?? named.find((f) => !code || !f.needs.includes(code)) ?? named[0] ?? kind.formats[0];
}

/** Whether a field's value is kept out of plain view: a secret one, and every one of a kind this version cannot read. */
export const isSecretField = (kind: Kind, field: string) => !!kind.opaque || !!fieldOf(kind, field)?.secret;

/**
 * How a fill names what went in, in the kind's own words: its fields' names
 * ("security token", "consumer key"), and the current code. For toasts and
 * notifications, and the question of what follows the password.
 */
export function fillWords(kind: Kind): Record<string, string> {
  const named = (source: FillSource, fallback: string) => (kind.fill[source] ? fieldName(kind, kind.fill[source]!) : fallback);
  return {
    username: named('username', 'username'),
    password: named('password', 'password'),
    token: named('token', 'token'),
    code: 'current code',
    'password+token': `password + ${named('token', 'token')}`,
    'password+code': 'password + current code',
    'client-id': named('clientId', 'client id'),
    'client-secret': named('clientSecret', 'client secret'),
  };
}

/** The https origin "Log in" opens for an account, where its kind has a login page and the account names a valid one. */
export function loginOriginOf(account: { kind: string; fields: Fields }): string | undefined {
  const page = kindFor(account.kind).loginPage?.(account.fields);
  if (!page || !URL.canParse(page)) return undefined;
  const url = new URL(page);
  return url.protocol === 'https:' ? url.origin : undefined;
}
