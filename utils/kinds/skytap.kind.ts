/**
 * Skytap: a user name and an API security token, sent as HTTP Basic auth
 * with `Accept: application/json` to https://cloud.skytap.com. Where the
 * admin allows it, the password works in the token's place. Admins can make
 * tokens expire (1 to 365 days after they are made), and each user may hold
 * two tokens at once so that one can replace the other: the second is kept
 * as the next one, and every format uses the current one.
 *
 * The env block carries the names the Skytap Python client reads: its
 * Config class overrides each setting from `"SKYTAP_" + key.upper()`, for
 * user, token and base_url (SKYTAP_USER, SKYTAP_TOKEN).
 */
import { dateProblem, datedToday, daysAfter, issuedOnField, redated } from './dates';
import { base64Utf8, envFormats, shellWord } from './text';
import type { Fields, Kind, Sample } from './types';

const API = 'https://cloud.skytap.com';

const ENV = [
  ['SKYTAP_USER', 'username'],
  ['SKYTAP_TOKEN', 'token'],
] as const;

/** What authenticates: the current token, else the password. */
const secretOf = (f: Fields) => f.token ?? f.password;

function lifetimeProblem(value: string): string | undefined {
  const days = Number(value.trim());
  return Number.isInteger(days) && days >= 1 && days <= 365 ? undefined : 'Skytap tokens last 1 to 365 days, as the admin sets: a whole number of days.';
}

// `SKYTAP_USER=…` and `SKYTAP_TOKEN=…` lines (an env block or a .env file), bare or in quotes without escapes.
const ENV_LINE = /^\s*(?:export\s+)?(SKYTAP_USER|SKYTAP_TOKEN)\s*=\s*(?:'([^'\n]*)'|"([^"\\\n]*)"|([^\s'"#]+))\s*$/gm;
// A copied curl call: `-u user:token` (or --user) against cloud.skytap.com.
const CURL = /\bcurl\b[^\n]*?(?:-u|--user)\s+(?:'([^':\n]+):([^'\n]+)'|"([^":\n]+):([^"\n]+)"|([^\s'":]+):([^\s'"]+))[\s\S]*cloud\.skytap\.com/;

function recognise(value: string): Fields | undefined {
  const text = value.trim();
  const curl = CURL.exec(text);
  if (curl) {
    const username = curl[1] ?? curl[3] ?? curl[5];
    const token = curl[2] ?? curl[4] ?? curl[6];
    return username && token ? { username, token } : undefined;
  }
  const found: Fields = {};
  for (const m of text.matchAll(ENV_LINE)) found[m[1] === 'SKYTAP_USER' ? 'username' : 'token'] = m[2] ?? m[3] ?? m[4] ?? '';
  return found.username && found.token ? found : undefined;
}

export const skytap: Kind = {
  name: 'skytap',
  order: 20,
  title: 'Skytap',
  short: 'Skytap',
  fields: [
    { name: 'username', label: 'User name', required: true, max: 320, hint: 'Skytap › My Account: the login name, often an email address.' },
    { name: 'token', label: 'API token (current)', secret: true, max: 256, hint: 'Skytap › My Account › API Security Tokens.' },
    {
      name: 'nextToken',
      label: 'Second API token (next)',
      secret: true,
      max: 256,
      optional: true,
      hint: 'Skytap allows two tokens per user: keep the one that will replace the current one here.',
    },
    {
      name: 'password',
      label: 'Password',
      secret: true,
      exact: true,
      max: 4096,
      optional: true,
      hint: 'Works in the token’s place only where the admin allows it.',
    },
    issuedOnField('tokenCreated', 'Token made on', 'The day the current token was made: empty, the day you save it.'),
    {
      name: 'tokenDays',
      label: 'Tokens last (days)',
      max: 3,
      placeholder: '90',
      optional: true,
      hint: 'Your Skytap admin’s setting, 1 to 365 days; empty if tokens do not expire.',
      problem: lifetimeProblem,
    },
  ],
  recognise,
  async normalize(fields) {
    if (!secretOf(fields)) throw new Error('A Skytap account needs its API token (or, where the admin allows it, the password).');
    // A second token that became the current one is no longer the next.
    const rolled = fields.nextToken && fields.nextToken === fields.token ? (({ nextToken: _, ...rest }) => rest)(fields) : fields;
    return datedToday(rolled, 'token', 'tokenCreated');
  },
  follow(before, after, changed) {
    // Moving the second token into the current one makes it current: it is no longer the next.
    const next = changed === 'token' && after.token && after.token === before.nextToken ? (({ nextToken: _, ...rest }) => rest)(after) : after;
    return redated(before, next, changed, 'token', 'tokenCreated');
  },
  formats: [
    {
      name: 'auth-header',
      label: 'Authorization header',
      needs: ['username'],
      text: (f) => ((secret) => secret && `Authorization: Basic ${base64Utf8(`${f.username}:${secret}`)}`)(secretOf(f)),
    },
    {
      name: 'curl',
      label: 'curl call',
      needs: ['username'],
      text: (f) =>
        ((secret) =>
          secret && [`curl -sS -u ${shellWord(`${f.username}:${secret}`)}`, "  -H 'Accept: application/json'", `  ${API}/v2/configurations`].join(' \\\n'))(
          secretOf(f),
        ),
    },
    ...envFormats(ENV, ['username', 'token']),
    { name: 'token', label: 'API token (current)', needs: ['token'], text: (f) => f.token },
    { name: 'next-token', label: 'second API token (next)', needs: ['nextToken'], text: (f) => f.nextToken },
    { name: 'username', label: 'user name', needs: ['username'], text: (f) => f.username },
    { name: 'password', label: 'password', needs: ['password'], text: (f) => f.password },
  ],
  primary: ['auth-header'],
  fill: { username: 'username', password: 'password' },
  rotating: 'token',
  identity: (f) => f.username?.trim().toLowerCase(),
  subtitle: 'username',
  async expiry(f) {
    if (!f.tokenCreated || !f.tokenDays || dateProblem(f.tokenCreated) || lifetimeProblem(f.tokenDays)) return undefined;
    return daysAfter(f.tokenCreated, Number(f.tokenDays));
  },
  env: ENV,
  variables: [
    ['SKYTAP_USERNAME', 'username'],
    ['SKYTAP_API_TOKEN', 'token'],
    ['SKYTAP_PASSWORD', 'password'],
  ],
  fromSite: (url) => (/^https:\/\/cloud\.skytap\.com(?:[/:?#]|$)/i.test(url.trim()) ? {} : undefined),
};

export default skytap;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Skytap training',
  fields: {
    username: 'jane@acme.com',
    token: '2b7e151628aed2a6abf7158809cf4f3c762e7160',
    nextToken: 'f1d2d2f924e986ac86fdf7b36c94bcdf32beec15',
    tokenCreated: '2026-11-01',
    tokenDays: '90',
  },
  formats: {
    'auth-header': 'Authorization: Basic amFuZUBhY21lLmNvbToyYjdlMTUxNjI4YWVkMmE2YWJmNzE1ODgwOWNmNGYzYzc2MmU3MTYw',
    curl: "curl -sS -u jane@acme.com:2b7e151628aed2a6abf7158809cf4f3c762e7160 \\\n  -H 'Accept: application/json' \\\n  https://cloud.skytap.com/v2/configurations",
    env: 'export SKYTAP_USER=jane@acme.com\nexport SKYTAP_TOKEN=2b7e151628aed2a6abf7158809cf4f3c762e7160',
    dotenv: 'SKYTAP_USER=jane@acme.com\nSKYTAP_TOKEN=2b7e151628aed2a6abf7158809cf4f3c762e7160',
    token: '2b7e151628aed2a6abf7158809cf4f3c762e7160',
    'next-token': 'f1d2d2f924e986ac86fdf7b36c94bcdf32beec15',
    username: 'jane@acme.com',
  },
  pasted: {
    value: 'export SKYTAP_USER=jane@acme.com\nexport SKYTAP_TOKEN=2b7e151628aed2a6abf7158809cf4f3c762e7160',
    fields: { username: 'jane@acme.com', token: '2b7e151628aed2a6abf7158809cf4f3c762e7160' },
  },
  expiry: '2027-01-30',
};
