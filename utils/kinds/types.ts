/**
 * What a credential kind declares. A kind is one module in this folder named
 * `<kind>.kind.ts`, whose default export is its Kind, and one test file; the
 * registry (index.ts) finds it. The rest of Tokenkeep (the add and edit form,
 * the list, the copy menu, the filler, the expiry reminders, the CLIs, backup
 * and sync) reads only these declarations: no kind name appears outside this
 * folder, and a test (tests/unit/kinds/no-kind-names.test.ts) keeps it so.
 */

/** A kind's own values, by field name; a field without a value is absent, never "". */
export type Fields = Record<string, string>;

export interface FieldSpec {
  name: string;
  label: string;
  /** Never shown in the list, never in a summary; the profile scan looks for it. */
  secret?: boolean;
  /** Kept exactly as typed, spaces at either end included (a password). */
  exact?: boolean;
  /** PEM blocks and the like: a text area, and line breaks kept. */
  multiline?: boolean;
  required?: boolean;
  /** Characters; a longer value is refused at save. */
  max: number;
  placeholder?: string;
  hint?: string;
  /** Worked out from another field at save (an SFDX URL's parts): shown, never typed. */
  derived?: boolean;
  /** A closed set of values, as [value, label]: a select. */
  choices?: ReadonlyArray<readonly [string, string]>;
  /** A clear reason this value cannot be kept, or undefined. Pure and quick: the form runs it as the user types. */
  problem?(value: string): string | undefined;
  /** Whether the form shows the field for these values (a login URL only for a custom domain); absent: always. */
  shownWhen?(fields: Fields): boolean;
  /** Rarely needed: the add form folds it away with sites, expiry and notes until it has a value or the user asks. */
  optional?: true;
  /** A corrected value the form offers in one click, where the typed one is close ("acme.lightning.force.com"). */
  suggest?(value: string): string | undefined;
}

export interface FormatContext {
  /** Milliseconds since the epoch: what a signed assertion's expiry counts from. */
  now: number;
  /** The access token minted for the account: given only to a `live` format, after it was minted. */
  live?: LiveToken;
}

/** A short-lived access token a kind's minting gave, as Tokenkeep holds it: in memory, never on disk. */
export interface LiveToken {
  accessToken: string;
  /** The org's instance (https, on Salesforce's domains): where the token is used. */
  instanceUrl: string;
}

/**
 * How a kind turns what it keeps into a short-lived access token: an OAuth 2.0
 * grant posted, form-encoded, to a token endpoint. The background makes the
 * request, so the long-lived secret never leaves the browser.
 */
export interface Minting {
  /** The fields it needs: while one is missing, nothing is minted. */
  needs: readonly string[];
  /** The grant in words: "client credentials", "JWT bearer", "refresh token". */
  grant: string;
  /** The token endpoint, https. */
  endpoint(fields: Fields): string;
  /** The POST body: secrets go here, never in the URL. */
  form(fields: Fields, context: FormatContext): Promise<Record<string, string>> | Record<string, string>;
  /** The hosts the endpoint's answer may name (its instance_url and identity URL): anything else is refused before a token goes there. */
  trusts(url: string): boolean;
  /** The origins the account's live requests reach, as far as its fields tell: the browser's host permission is asked for these. */
  origins(fields: Fields): string[];
  /** How long a token lasts, in minutes, where the answer does not say: the consent window says "about N hours". */
  lifetimeMinutes: number;
  /** The environment a program gets from a live token (tokenkeep run): each variable and the part of the token it holds. */
  env: ReadonlyArray<readonly [variable: string, part: keyof LiveToken]>;
}

export interface FormatSpec {
  name: string;
  /** What it copies, in words that follow "Copy": "password + token". */
  label: string;
  /** Why it is legacy, said wherever it is offered. */
  legacy?: string;
  /** The fields it is built from: while one is missing, it is not offered (never half a credential). */
  needs: readonly string[];
  /** Made from an access token minted first (context.live): short-lived, and its label says so. */
  live?: true;
  text(fields: Fields, context: FormatContext): string | undefined | Promise<string | undefined>;
}

/** What a form's field can receive from an account. */
export type FillSource = 'username' | 'password' | 'token' | 'code' | 'clientId' | 'clientSecret';

export interface Fact {
  label: string;
  value: string;
}

/** How `tokenkeep sf-login` logs the sf CLI in with an account: the secret sf reads, how it gets it, and its arguments. */
export interface TerminalLogin {
  needs: readonly string[];
  /** The secret (a private key, an auth URL), and how sf reads it: on its standard input, or from a pipe it opens as a file. Never a file on disk. */
  secret: { via: 'stdin' | 'pipe'; text(fields: Fields): string };
  /** The arguments after `sf`; `path` stands where sf names the file it reads (the pipe, or in a copied command the file the user saves). */
  args(fields: Fields, path: string): string[];
}

/** How a kind's accounts are grouped in the popup's list (Salesforce's environments). */
export interface Grouping {
  /** The field the group is chosen in: shown as a badge beside the kind, not as a row of its own. */
  field: string;
  /** The group an account is in, in words ("sandbox"): a badge, a heading, and after its name wherever Tokenkeep says which account it used. */
  of(fields: Fields): string | undefined;
  /** The groups in the order the list shows them; one not named here comes after. */
  order: readonly string[];
  /** The group a page belongs to ("sandbox" on test.salesforce.com): its accounts come first there. */
  ofPage?(url: string): string | undefined;
  /** A group whose accounts reach live data ('live') or a copy for testing ('test'): the badge's colour. */
  tone?: Readonly<Record<string, 'live' | 'test'>>;
}

/** A secret that some clients take appended to the password, in a form with no field of its own. */
export interface Appends {
  /** The fill roles that may follow the password: Salesforce's security token, and with MFA for API logins the current code. */
  roles: readonly ('token' | 'code')[];
  /** Pages that take the password alone, where nothing is asked (Salesforce's own login pages ask for the token only from API clients). */
  passwordAlone?(url: string): boolean;
  /** What an appended token looks like: with it, a token is recovered from an old password+token string (recover.ts). */
  tokenShape?(value: string): boolean;
  /** The shape in words, for a refusal: "20 to 30 letters and digits". */
  tokenShapeText?: string;
}

export interface CurrentCode {
  code: string;
  /** Seconds until it changes. */
  remaining: number;
  period: number;
}

/**
 * A sample account and what each format makes of it: each kind module exports
 * one as `sample`, beside its Kind. The tests read every kind's
 * (tests/unit/kinds/contract.test.ts checks each format against it, and the
 * backup and sync tests round-trip every sample); the extension never imports
 * it, so no sample is bundled. Formats see the clock at SAMPLE_NOW.
 */
export interface Sample {
  label: string;
  fields: Fields;
  /** Each format the sample can make, by name, and its exact text; a format left out must not be offered for the sample. */
  formats: Readonly<Record<string, string | RegExp>>;
  /** A value that, pasted into the add form, is recognised as this kind (and the fields it gives). */
  pasted?: { value: string; fields: Fields };
  /** The expiry the sample's fields give (ISO), where the kind knows one. */
  expiry?: string;
}

/** The clock a sample's formats and expiry are read at. */
export const SAMPLE_NOW = Date.parse('2026-12-02T10:00:00Z');

export interface Kind {
  name: string;
  /** Where its group stands in the popup's list, lower first: Salesforce's kinds first, Other last. */
  order: number;
  /** Its recognition fits values of other kinds too (a Salesforce token's shape fits an AWS key): tried after all the others. */
  looseRecognition?: true;
  /** The kind for what fits no other: a value saved from a page, an account of a provider an old vault named. One kind says so. */
  fallback?: true;
  /** "Salesforce OAuth (client credentials)". */
  title: string;
  /** Shorter, for notifications ("A Salesforce JWT account expires…"); empty names nothing. */
  short: string;
  fields: readonly FieldSpec[];
  /** The fields a pasted value becomes, or undefined when it is not this kind's. Quick: the form runs it on every paste. */
  recognise?(value: string): Fields | undefined;
  /** How authenticator apps name this kind's logins: an otpauth:// link whose issuer matches is one of its accounts. */
  issuer?: RegExp;
  /**
   * Fills in derived fields and puts values in their one stored form; rejects with a clear
   * message when the values cannot make this credential. Async: the libraries it needs load
   * only when it runs, never with the popup.
   */
  normalize?(fields: Fields): Promise<Fields>;
  /** Checks that need crypto (a key against its certificate); a clear message, or undefined. */
  validate?(fields: Fields): Promise<string | undefined>;
  /** Facts worth showing that are not fields (a certificate's subject); computed at save. */
  facts?(fields: Fields): Promise<Fact[]>;
  formats: readonly FormatSpec[];
  /** The one-click copy, in order of preference: the first the account can make. */
  primary: readonly string[];
  /** Which field answers each fill role ('code': the field `codes` makes the current code from). */
  fill: Partial<Record<FillSource, string>>;
  /** How the current code is made from the `code` role's field (a TOTP secret); loaded only when a code is asked for. */
  codes?(secret: string, at: number): Promise<CurrentCode>;
  /** What may go after the password where a form has no field for it; absent: never asked, the password goes alone. */
  appends?: Appends;
  /** The fields a new account starts with, from those given (a Salesforce account: production's login URL). */
  start?(fields: Fields): Fields;
  /** When the credential stops working (ISO), from its own data. */
  expiry?(fields: Fields): Promise<string | undefined>;
  /** What a token email's capture fills (utils/extract): the field for the login it names, and the field for the secret it brings. */
  captures?: { login: string; secret: string };
  /** The field whose changes are dated and kept in the history as they arrive (Salesforce's emailed token). */
  rotating?: string;
  /** What makes two accounts of this kind the same login: one of them is refused at save. */
  identity?(fields: Fields): string | undefined;
  /**
   * For a kind whose identity is a secret issued anew at each login (an SFDX auth URL's refresh
   * token): what stays the same across them (its client id and instance). An import takes an entry
   * of the same name and place for the account it names, logged in again, and updates it.
   */
  place?(fields: Fields): string | undefined;
  /** How the form follows a change the user made (a Salesforce environment sets its login URL). */
  follow?(before: Fields, after: Fields, changed: string): Fields;
  /** The field shown under the account's name in the list. */
  subtitle?: string;
  /** Where a new account with these fields fills: its own environment's login page, never another's. */
  defaultSites?(fields: Fields): string[];
  /**
   * Sites every account of this kind listed by default in earlier versions, whatever its
   * environment: an account that still lists all of them has them replaced by `defaultSites`, once.
   */
  formerDefaultSites?: readonly string[];
  grouping?: Grouping;
  /** The page where a person signs in to this account in a browser: "Log in" opens it and fills it, step by step. */
  loginPage?(fields: Fields): string | undefined;
  /** What to move to, where the kind's formats are legacy. */
  replacement?: string;
  /** The kind to add instead, started from this account's fields (its My Domain), with the words of the button that does it. */
  replacedBy?: { kind: string; action: string; fields(fields: Fields): Fields };
  /** The environment a program gets (the env block, `tokenkeep env` and `tokenkeep run`): each variable and the field it comes from. */
  env?: ReadonlyArray<readonly [variable: string, field: string]>;
  /** Other variable names programs and .env files keep its fields under (GITHUB_TOKEN, SFDX_AUTH_URL): an import reads them, nothing writes them. */
  variables?: ReadonlyArray<readonly [variable: string, field: string]>;
  /** A login another tool saved for this page (a password manager's entry) is one of its accounts: the fields the page implies, or undefined. */
  fromSite?(url: string): Fields | undefined;
  /** How it mints an access token; with it, tokenkeep run gives a program the token, never the long-lived secret. */
  mint?: Minting;
  terminalLogin?: TerminalLogin;
  /**
   * Frozen: its fields in the order Tokenkeep 0.1 synced them by position (sync layout 1, read
   * still), and the field a label of 0 stood for. Absent for kinds added later.
   */
  syncLayout1?: { fields: readonly string[]; label: string };
  /** A kind this version does not know (opaque.ts): every value is kept as it came, and treated as secret. */
  opaque?: true;
}
