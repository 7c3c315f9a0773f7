/**
 * A Salesforce user: username, password and the security token that
 * Salesforce emails, with an optional TOTP secret for MFA on API logins.
 * Capture from webmail feeds the token; its history is kept.
 *
 * Everything here that signs in with SOAP login() (the token appended to
 * the password, and the client configs built on it) is legacy: Salesforce
 * removed login() from API 65.0 and retires it for 31.0–64.0 in Summer '27.
 */
import { isTokenShaped, isUsernameShaped } from '../extract/salesforce';
import { SALESFORCE_SITES } from '../common/sites';
import { envFormats, httpsOriginProblem, json, myDomainSuggestion } from './text';
import { SALESFORCE } from './salesforce-name';
import { normalizeTotp, TOTP_FIELD, totpCodes, totpFormats } from './totp-field';
import type { FieldSpec, Fields, Kind, Sample } from './types';

export const SOAP_LOGIN_LEGACY = "SOAP login() retires in Summer '27 for API 31.0–64.0, and is gone from API 65.0 and later.";

const ENV = [
  ['SF_USERNAME', 'username'],
  ['SF_PASSWORD', 'password'],
  ['SF_SECURITY_TOKEN', 'token'],
  ['SF_LOGIN_URL', 'loginUrl'],
] as const;

export type Environment = 'production' | 'sandbox' | 'custom';

const LOGIN_URL: Record<Environment, string> = { production: 'https://login.salesforce.com', sandbox: 'https://test.salesforce.com', custom: '' };

/** The default login URL for a Salesforce environment. */
export const loginUrlFor = (environment: Environment) => LOGIN_URL[environment];

// Top-level domains common enough that a username ending in one is a real
// address; a further label after one of them is a sandbox suffix (".uat").
const COMMON_TLDS = new Set(
  'com net org edu gov mil int io co ai app dev biz info me us uk de fr es it nl be ch at se no dk fi pl pt ie ca au nz jp cn kr in br mx ar cl za sg hk tw ru tr gr cz hu ro il ae sa eu'.split(
    ' ',
  ),
);

/** Sandbox usernames are the production username plus a suffix: "jane@acme.com.uat". */
export function guessEnvironment(username: string): Exclude<Environment, 'custom'> {
  const labels = username
    .slice(username.lastIndexOf('@') + 1)
    .toLowerCase()
    .split('.');
  const last = labels.at(-1) ?? '';
  const beforeLast = labels.at(-2) ?? '';
  return labels.length >= 3 && COMMON_TLDS.has(beforeLast) && !COMMON_TLDS.has(last) ? 'sandbox' : 'production';
}

const environmentOf = (f: Fields): Environment => (f.environment as Environment | undefined) ?? 'production';

/**
 * Which kind of org a Salesforce host belongs to. Sandboxes (and scratch
 * orgs) sign in at test.salesforce.com and have "sandbox" or "scratch" in
 * their My Domain ("acme--uat.sandbox.my.salesforce.com"); every other My
 * Domain, like login.salesforce.com, is production's.
 */
export function hostEnvironment(host: string): Exclude<Environment, 'custom'> | undefined {
  const h = host.toLowerCase();
  if (h === 'test.salesforce.com' || /\.(sandbox|scratch)\.(my\.salesforce\.com|lightning\.force\.com)$/.test(h)) return 'sandbox';
  if (h === 'login.salesforce.com' || /^[a-z0-9-]+(\.[a-z0-9-]+)?\.(my\.salesforce\.com|lightning\.force\.com)$/.test(h)) return 'production';
  return undefined;
}

const httpsOrigin = (url: string | undefined) => {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' ? parsed.origin : undefined;
};

/** Where the account signs in: its login URL, or its environment's login page. */
const loginOrigin = (f: Fields) => httpsOrigin(f.loginUrl || loginUrlFor(environmentOf(f)));

/**
 * simple-salesforce's `domain`: it logs in at `https://{domain}.salesforce.com`
 * (simple_salesforce/login.py, lines 220-228 and 242, in 1.12.10), so a My
 * Domain or sandbox My Domain login URL is its host less ".salesforce.com",
 * and a host outside salesforce.com cannot be named at all.
 */
export function simpleSalesforceDomain(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  if (!host.endsWith('.salesforce.com')) throw new Error(`simple-salesforce logs in only at a host under salesforce.com, and this login URL is on ${host}.`);
  return host.slice(0, -'.salesforce.com'.length);
}

/** A Salesforce username: required, in email format (the JWT kind signs in as one too). */
export const USERNAME_FIELD: FieldSpec = {
  name: 'username',
  label: 'Username',
  required: true,
  max: 320,
  problem: (v) => (isUsernameShaped(v.trim()) ? undefined : 'A Salesforce username has email format: name@example.com.'),
};

/** Salesforce's own login pages: login, test, and any org's My Domain. */
const SALESFORCE_LOGIN_HOST =
  /^(?:login|test)\.salesforce\.com$|^[a-z0-9-]+(?:--[a-z0-9]+)?(?:\.(?:sandbox|develop|scratch|demo|trailblaze))?\.my\.salesforce\.com$/;

/** Whether a page is one of Salesforce's own login pages, over https. */
export function isSalesforceLoginPage(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' && SALESFORCE_LOGIN_HOST.test(hostname);
}

export const salesforce: Kind = {
  name: SALESFORCE,
  order: 0,
  // Its 20-30 letters and digits fit an AWS key and more.
  looseRecognition: true,
  title: 'Salesforce',
  short: 'Salesforce',
  fields: [
    USERNAME_FIELD,
    { name: 'password', label: 'Password', secret: true, exact: true, max: 4096 },
    { name: 'token', label: 'Security token', secret: true, max: 4096 },
    {
      name: 'environment',
      label: 'Environment',
      max: 20,
      choices: [
        ['production', 'Production (login.salesforce.com)'],
        ['sandbox', 'Sandbox (test.salesforce.com)'],
        ['custom', 'Custom domain'],
      ],
    },
    {
      name: 'loginUrl',
      label: 'Login URL',
      max: 2048,
      placeholder: 'https://acme.my.salesforce.com',
      problem: (v) => httpsOriginProblem(v, 'The login URL'),
      suggest: myDomainSuggestion,
      // Production and sandbox have their login page; a custom domain, or a URL the user set, is shown.
      shownWhen: (f) => environmentOf(f) === 'custom' || (!!f.loginUrl && f.loginUrl !== loginUrlFor(environmentOf(f))),
    },
    TOTP_FIELD,
  ],
  recognise: (value) => (isTokenShaped(value.trim()) ? { token: value.trim() } : undefined),
  issuer: /^salesforce\b/i,
  async normalize(fields) {
    const environment = environmentOf(fields);
    return normalizeTotp({ ...fields, environment, ...(fields.loginUrl || environment === 'custom' ? {} : { loginUrl: loginUrlFor(environment) }) });
  },
  follow(before, after, changed) {
    if (changed === 'environment') {
      // The login URL follows the environment unless the user typed their own.
      const typed = after.loginUrl && after.loginUrl !== loginUrlFor(environmentOf(before));
      return typed ? after : { ...after, loginUrl: loginUrlFor(environmentOf(after)) };
    }
    if (changed === 'username' && after.username?.includes('@') && !before.username) {
      return salesforce.follow!(after, { ...after, environment: guessEnvironment(after.username.trim()) }, 'environment');
    }
    return after;
  },
  formats: [
    { name: 'password+token', label: 'password + token', legacy: SOAP_LOGIN_LEGACY, needs: ['password', 'token'], text: (f) => f.password! + f.token! },
    { name: 'username', label: 'username', needs: ['username'], text: (f) => f.username },
    { name: 'password', label: 'password', needs: ['password'], text: (f) => f.password },
    { name: 'token', label: 'token', needs: ['token'], text: (f) => f.token },
    ...envFormats(ENV),
    // jsforce's Connection.login(username, password + token) goes through SOAP login().
    {
      name: 'jsforce',
      label: 'jsforce JSON',
      legacy: SOAP_LOGIN_LEGACY,
      needs: ['username', 'password', 'token'],
      text: (f) => json({ loginUrl: f.loginUrl, username: f.username, password: f.password! + f.token! }),
    },
    {
      name: 'simple-salesforce',
      label: 'simple-salesforce JSON',
      legacy: SOAP_LOGIN_LEGACY,
      needs: ['username', 'password', 'token'],
      text: (f) => {
        const loginUrl = f.loginUrl ?? loginUrlFor(environmentOf(f));
        if (!loginUrl) throw new Error('simple-salesforce needs the login URL of a custom domain: add it to the account.');
        return json({ username: f.username, password: f.password, security_token: f.token, domain: simpleSalesforceDomain(loginUrl) });
      },
    },
    ...totpFormats(SOAP_LOGIN_LEGACY),
  ],
  // With MFA for API logins the current code takes the token's place after the password: an account holding a TOTP secret logs in so.
  // A token just captured from email has no password yet, and copying the token alone is what its user came for.
  primary: ['password+totp', 'password+token', 'token', 'password'],
  fill: { username: 'username', password: 'password', token: 'token', code: 'totp' },
  codes: totpCodes,
  // API clients take the token (or with MFA the current code) after the password; Salesforce's own login pages take the password alone.
  appends: { roles: ['token', 'code'], passwordAlone: isSalesforceLoginPage, tokenShape: isTokenShaped, tokenShapeText: '20 to 30 letters and digits' },
  start: (fields) => salesforce.follow!({}, fields, 'environment'),
  rotating: 'token',
  captures: { login: 'username', secret: 'token' },
  identity: (f) => f.username?.trim().toLowerCase(),
  subtitle: 'username',
  // A password manager's login for login.salesforce.com, test.salesforce.com or a My Domain: its environment, and the My Domain as login URL.
  fromSite(url): Fields | undefined {
    const origin = httpsOrigin(url);
    const environment = origin && hostEnvironment(new URL(origin).hostname);
    if (!origin || !environment) return undefined;
    return origin === loginUrlFor(environment) ? { environment } : { environment: 'custom', loginUrl: origin };
  },
  // Its own login page only: a sandbox account listed on login.salesforce.com is what fills production's form with a sandbox password.
  defaultSites: (f) => [loginOrigin(f)].filter((site): site is string => !!site),
  formerDefaultSites: SALESFORCE_SITES,
  grouping: {
    field: 'environment',
    // A custom domain says which it is by its host, where it can.
    of: (f) => {
      const stored = environmentOf(f);
      const origin = stored === 'custom' ? loginOrigin(f) : undefined;
      return (origin && hostEnvironment(new URL(origin).hostname)) || stored;
    },
    order: ['production', 'sandbox', 'custom'],
    ofPage: (url) => (URL.canParse(url) ? hostEnvironment(new URL(url).hostname) : undefined),
    tone: { production: 'live', sandbox: 'test' },
  },
  // Its own login page: a My Domain signs in there, production and sandbox at login. and test.salesforce.com.
  loginPage: loginOrigin,
  env: ENV,
  replacement:
    'Move this integration off login() before Summer \u201927: keep its External Client App as a Salesforce OAuth account (client credentials) or a Salesforce JWT account.',
  syncLayout1: { fields: ['username', 'password', 'token', 'environment', 'loginUrl', 'totp'], label: 'username' },
  replacedBy: {
    kind: 'salesforce-oauth',
    action: 'Add this org\u2019s OAuth app\u2026',
    // The app's token endpoint is at the org's My Domain, which a custom login URL already names.
    fields: (f): Fields => {
      const origin = httpsOrigin(f.loginUrl);
      return origin?.endsWith('.my.salesforce.com') ? { myDomain: origin } : {};
    },
  },
};

export default salesforce;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Acme UAT',
  fields: {
    username: 'jane@acme.com.uat',
    password: 'Pa55!word',
    token: 'PVmuqFRxEP0LG40WUka5vPJjG',
    environment: 'sandbox',
    loginUrl: 'https://test.salesforce.com',
    totp: 'JBSWY3DPEHPK3PXP',
  },
  pasted: { value: 'PVmuqFRxEP0LG40WUka5vPJjG', fields: { token: 'PVmuqFRxEP0LG40WUka5vPJjG' } },
  formats: {
    'password+token': 'Pa55!wordPVmuqFRxEP0LG40WUka5vPJjG',
    username: 'jane@acme.com.uat',
    password: 'Pa55!word',
    token: 'PVmuqFRxEP0LG40WUka5vPJjG',
    env: "export SF_USERNAME=jane@acme.com.uat\nexport SF_PASSWORD='Pa55!word'\nexport SF_SECURITY_TOKEN=PVmuqFRxEP0LG40WUka5vPJjG\nexport SF_LOGIN_URL=https://test.salesforce.com",
    dotenv: "SF_USERNAME=jane@acme.com.uat\nSF_PASSWORD='Pa55!word'\nSF_SECURITY_TOKEN=PVmuqFRxEP0LG40WUka5vPJjG\nSF_LOGIN_URL=https://test.salesforce.com",
    jsforce: '{\n  "loginUrl": "https://test.salesforce.com",\n  "username": "jane@acme.com.uat",\n  "password": "Pa55!wordPVmuqFRxEP0LG40WUka5vPJjG"\n}',
    'simple-salesforce':
      '{\n  "username": "jane@acme.com.uat",\n  "password": "Pa55!word",\n  "security_token": "PVmuqFRxEP0LG40WUka5vPJjG",\n  "domain": "test"\n}',
    totp: '388211',
    'password+totp': 'Pa55!word388211',
  },
};
