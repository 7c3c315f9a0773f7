/**
 * Own from Salesforce (formerly OwnBackup): a personal API token, made in
 * Own's Edit Profile › API Token, shown once. It expires 180 days after it
 * is made, used or not, and a user holds one at a time (Salesforce Help,
 * "Manage API Tokens"). It is a refresh token (Own's knowledge base,
 * "Guidelines for Securing Your API Token"): Own's API exchanges it for a
 * Bearer token on the account's regional host (app1, emea1, au1, … under
 * owndata.com).
 *
 * The exchange request itself (its path and parameters) is in Own's API
 * guide, which is not public, and no public client shows it: Tokenkeep ships
 * no exchange format until it can be confirmed. Formats: the token, and an
 * env block with the region's API host (names of Tokenkeep's own: Own
 * publishes no client that reads any).
 */
import { datedToday, dateProblem, daysAfter, issuedOnField, redated } from './dates';
import { envFormats } from './text';
import type { Fields, Kind, Sample } from './types';

export const OWN_TOKEN_DAYS = 180;

const REGION = /^[a-z]{2,10}[0-9]{1,3}$/;

/** Own's regional host for a region ("emea1" → https://emea1.owndata.com). */
const hostOf = (region: string) => `https://${region}.owndata.com`;

function regionProblem(value: string): string | undefined {
  return REGION.test(value.trim()) || regionFromUrl(value) ? undefined : 'The region is the first part of your Own address: app1 (US), emea1 (Europe), au1 (Australia)…, as in emea1.owndata.com.';
}

/** A pasted Own address ("https://emea1.owndata.com/…") gives the region. */
function regionFromUrl(value: string): string | undefined {
  if (!URL.canParse(value.trim())) return undefined;
  const m = /^([a-z]{2,10}[0-9]{1,3})\.owndata\.com$/.exec(new URL(value.trim()).hostname);
  return m?.[1];
}

const ENV = [
  ['OWN_API_TOKEN', 'token'],
  ['OWN_API_URL', 'apiUrl'],
] as const;

export const own: Kind = {
  name: 'own',
  order: 21,
  title: 'Own from Salesforce',
  short: 'Own',
  fields: [
    { name: 'token', label: 'API token', secret: true, required: true, max: 4096, hint: 'Own › Edit Profile › API Token › Generate: it is shown once.' },
    { name: 'username', label: 'User', max: 320, optional: true, placeholder: 'you@acme.com' },
    {
      name: 'region',
      label: 'Region',
      required: true,
      max: 2048,
      placeholder: 'app1',
      hint: 'The first part of your Own address: app1 (US), emea1 (Europe), au1 (Australia)…',
      problem: regionProblem,
      suggest: (value) => ((region) => (region && region !== value ? region : undefined))(regionFromUrl(value)),
    },
    { name: 'apiUrl', label: 'API host', max: 64, derived: true },
    issuedOnField('tokenCreated', 'Token made on', 'Own deletes the token 180 days after this day, used or not. Empty: the day you save it.'),
  ],
  async normalize(fields) {
    const region = regionFromUrl(fields.region ?? '') ?? fields.region?.trim().toLowerCase();
    if (!region || regionProblem(region)) throw new Error(regionProblem(region ?? '')!);
    return datedToday({ ...fields, region, apiUrl: hostOf(region) }, 'token', 'tokenCreated');
  },
  follow: (before, after, changed) => redated(before, after, changed, 'token', 'tokenCreated'),
  formats: [
    { name: 'token', label: 'API token', needs: ['token'], text: (f) => f.token },
    ...envFormats(ENV, ['token', 'apiUrl']),
  ],
  primary: ['token'],
  fill: { username: 'username' },
  rotating: 'token',
  identity: (f) => (f.username ? `${f.username.trim().toLowerCase()}@${f.region}` : undefined),
  subtitle: 'username',
  async expiry(f) {
    return f.tokenCreated && !dateProblem(f.tokenCreated) ? daysAfter(f.tokenCreated, OWN_TOKEN_DAYS) : undefined;
  },
  env: ENV,
};

export default own;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Own EMEA',
  fields: { token: 'own-sample-api-token-0123456789abcdef', username: 'jane@acme.com', region: 'emea1', apiUrl: 'https://emea1.owndata.com', tokenCreated: '2026-06-19' },
  formats: {
    token: 'own-sample-api-token-0123456789abcdef',
    env: 'export OWN_API_TOKEN=own-sample-api-token-0123456789abcdef\nexport OWN_API_URL=https://emea1.owndata.com',
    dotenv: 'OWN_API_TOKEN=own-sample-api-token-0123456789abcdef\nOWN_API_URL=https://emea1.owndata.com',
  },
  expiry: '2026-12-16',
};
