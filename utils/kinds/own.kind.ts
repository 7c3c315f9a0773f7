/**
 * Own from Salesforce (formerly OwnBackup): a personal API token, made in
 * Own's Edit Profile › API Token, shown once. It expires 180 days after it
 * is made, used or not, and a user holds one at a time (Salesforce Help,
 * "Manage API Tokens"). It is a refresh token (Own's knowledge base,
 * "Guidelines for Securing Your API Token"): Own's API exchanges it for a
 * Bearer token, which the account's regional host takes (app1, useast2,
 * emea1, uk1, au1, … under owndata.com, at /api/v1/).
 *
 * The exchange, as two public clients make it (a Python wrapper reading
 * OWN_ACCESS_TOKEN from .env, and a TypeScript OwnDataClient): a form POST to
 * Own's authorization server, https://auth.owndata.com/oauth2/
 * aus4c3z3l8FqrbqDU4h7/v1/token, with grant_type=refresh_token,
 * scope=api:access, the API token as refresh_token and Own's public client
 * id 0oa4c413eq8wwcEzP4h7, and `Accept: application/json`; the answer's
 * access_token goes out as `Authorization: Bearer`. Own's own API guide is
 * not public.
 */
import { datedToday, dateProblem, daysAfter, issuedOnField, redated } from './dates';
import { envFormats, shellWord } from './text';
import type { Kind, Sample } from './types';

export const OWN_TOKEN_DAYS = 180;

const REGION = /^[a-z]{2,10}[0-9]{1,3}$/;

/** Own's regional host for a region ("emea1" → https://emea1.owndata.com). */
const hostOf = (region: string) => `https://${region}.owndata.com/api/v1`;

function regionProblem(value: string): string | undefined {
  return REGION.test(value.trim()) || regionFromUrl(value)
    ? undefined
    : 'The region is the first part of your Own address: app1 or useast2 (US), ca1 (Canada), emea1 (Europe), uk1, au1…, as in emea1.owndata.com.';
}

/** A pasted Own address ("https://emea1.owndata.com/…") gives the region. */
function regionFromUrl(value: string): string | undefined {
  if (!URL.canParse(value.trim())) return undefined;
  const m = /^([a-z]{2,10}[0-9]{1,3})\.owndata\.com$/.exec(new URL(value.trim()).hostname);
  return m?.[1];
}

/** Own's authorization server and the client id its API tokens are issued to (the public clients above). */
export const OWN_TOKEN_URL = 'https://auth.owndata.com/oauth2/aus4c3z3l8FqrbqDU4h7/v1/token';
export const OWN_CLIENT_ID = '0oa4c413eq8wwcEzP4h7';

// OWN_ACCESS_TOKEN is the name the public Python client reads the API token from; OWN_API_URL, the regional API, is Tokenkeep's.
const ENV = [
  ['OWN_ACCESS_TOKEN', 'token'],
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
      hint: 'The first part of your Own address: app1 or useast2 (US), ca1 (Canada), emea1 (Europe), uk1, au1…',
      problem: regionProblem,
      suggest: (value) => ((region) => (region && region !== value ? region : undefined))(regionFromUrl(value)),
    },
    { name: 'apiUrl', label: 'API URL', max: 64, derived: true },
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
    {
      name: 'curl-exchange',
      label: 'curl Bearer token request',
      needs: ['token'],
      text: (f) =>
        [
          `curl -sS -X POST ${OWN_TOKEN_URL}`,
          "  -H 'Accept: application/json'",
          '  -d grant_type=refresh_token',
          '  -d scope=api:access',
          `  --data-urlencode refresh_token=${shellWord(f.token!)}`,
          `  -d client_id=${OWN_CLIENT_ID}`,
        ].join(' \\\n'),
    },
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
  fields: {
    token: 'own-sample-api-token-0123456789abcdef',
    username: 'jane@acme.com',
    region: 'emea1',
    apiUrl: 'https://emea1.owndata.com/api/v1',
    tokenCreated: '2026-06-19',
  },
  formats: {
    token: 'own-sample-api-token-0123456789abcdef',
    env: 'export OWN_ACCESS_TOKEN=own-sample-api-token-0123456789abcdef\nexport OWN_API_URL=https://emea1.owndata.com/api/v1',
    dotenv: 'OWN_ACCESS_TOKEN=own-sample-api-token-0123456789abcdef\nOWN_API_URL=https://emea1.owndata.com/api/v1',
    'curl-exchange': [
      'curl -sS -X POST https://auth.owndata.com/oauth2/aus4c3z3l8FqrbqDU4h7/v1/token',
      "  -H 'Accept: application/json'",
      '  -d grant_type=refresh_token',
      '  -d scope=api:access',
      '  --data-urlencode refresh_token=own-sample-api-token-0123456789abcdef',
      '  -d client_id=0oa4c413eq8wwcEzP4h7',
    ].join(' \\\n'),
  },
  expiry: '2026-12-16',
};
