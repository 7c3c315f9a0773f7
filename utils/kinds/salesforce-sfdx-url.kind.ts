/**
 * An SFDX auth URL, `force://clientId:clientSecret:refreshToken@instance`,
 * the way CI logs in with `sf org login sfdx-url`. It is kept as sf reads
 * it; its parts are worked out at save, for display and for the terminal.
 * It is handed to sf on its input, never in a file or on a command line.
 */
import { liveFormats, salesforceMinting } from './salesforce-live';
import { json } from './text';
import type { Fields, Kind, TerminalLogin, Sample } from './types';

export interface SfdxAuthUrl {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  instanceUrl: string;
}

/**
 * How sf reads an SFDX auth URL: @salesforce/core's AuthInfo.parseSfdxAuthUrl
 * (src/org/authInfo.ts, line 390, in 9.1.1). It stops at the first character
 * outside each class and ignores whatever follows the instance, so a URL is
 * kept only when this rule reads all of it, and reads what Tokenkeep shows.
 */
export const SF_AUTH_URL_RULE = /^force:\/\/([a-zA-Z0-9._-]+={0,2}):([a-zA-Z0-9._-]*={0,2}):([a-zA-Z0-9._-]+={0,2})@([a-zA-Z0-9:._-]+)/;

const PART = /^[a-zA-Z0-9._-]*={0,2}$/;
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/i;
const FORM = 'force://clientId:clientSecret:refreshToken@instance';

/**
 * The URL as sf reads it, and its parts; an Error that names what is wrong.
 * What sf would misread in an obvious way is put right (an instance written
 * with https:// or a trailing slash, which sf would take as a host named
 * "https:"); anything else sf would read differently from how it looks is
 * refused, so the instance Tokenkeep shows is the one sf sends the refresh
 * token to.
 */
export function parseSfdxUrl(raw: string): SfdxAuthUrl & { sfdxUrl: string } {
  const url = raw.trim();
  if (!/^force:\/\//i.test(url)) throw new Error('An SFDX auth URL starts with force://.');
  const rest = url.slice('force://'.length);
  const at = rest.indexOf('@');
  if (at < 0) throw new Error(`This SFDX auth URL has no @instance part: it should be ${FORM}.`);
  const parts = rest.slice(0, at).split(':');
  if (parts.length !== 3) throw new Error(`This SFDX auth URL is missing a part before the @: it should be ${FORM}.`);
  const [clientId, clientSecret, refreshToken] = parts as [string, string, string];
  // The client secret may be empty (the sf CLI's own PlatformCLI app has none); the id and refresh token may not.
  if (!clientId) throw new Error('This SFDX auth URL has no client id before the first colon.');
  if (!refreshToken) throw new Error('This SFDX auth URL has no refresh token before the @.');
  for (const [what, value] of [
    ['client id', clientId],
    ['client secret', clientSecret],
    ['refresh token', refreshToken],
  ] as const) {
    if (!PART.test(value))
      throw new Error(`This SFDX auth URL’s ${what} holds a character sf does not read there (only letters, digits, . _ - and a final = or ==).`);
  }
  const instance = rest
    .slice(at + 1)
    .replace(/^https?:\/\//i, '')
    .replace(/\/$/, '');
  const host = /^[a-zA-Z0-9:._-]*/.exec(instance)![0];
  if (!host) throw new Error('This SFDX auth URL has no instance after the @: it should end with @yourorg.my.salesforce.com.');
  if (host !== instance) {
    throw new Error(
      `This SFDX auth URL has more after its instance, which sf ignores: sf would send its refresh token to ${host}. Copy the URL again from sf org auth show-sfdx-auth-url.`,
    );
  }
  if (!HOST.test(instance)) throw new Error('This SFDX auth URL’s instance is not a host name: it should look like acme.my.salesforce.com.');
  const sfdxUrl = `force://${clientId}:${clientSecret}:${refreshToken}@${instance}`;
  // The URL Tokenkeep keeps must read, by sf's own rule, as exactly the parts shown.
  const read = SF_AUTH_URL_RULE.exec(sfdxUrl);
  if (!read || read[0] !== sfdxUrl) throw new Error(`This SFDX auth URL does not read as ${FORM}.`);
  return { sfdxUrl, clientId, clientSecret, refreshToken, instanceUrl: `https://${instance}` };
}

// sf reads the URL on its standard input (--sfdx-url-stdin, plugin-auth's sfdx-url.ts since January 2024), so
// it is never a file; a user who keeps a file instead gives it a top-level sfdxAuthUrl (the sfdx-url-file format).
// The flag is given its "-": without it, oclif takes the next word as its value (@oclif/core
// src/parser/parse.ts:180), so an --alias the user adds after it would be swallowed.
const TERMINAL_LOGIN: TerminalLogin = {
  needs: ['sfdxUrl'],
  secret: { via: 'stdin', text: (f) => f.sfdxUrl! },
  args: () => ['org', 'login', 'sfdx-url', '--sfdx-url-stdin', '-'],
};
const authFile = (f: Fields) => json({ sfdxAuthUrl: f.sfdxUrl });

// As sf refreshes it: the instance is the login URL (parseSfdxAuthUrl's loginUrl), the secret sent where there is one.
const MINT = salesforceMinting({
  grant: 'refresh token',
  needs: ['clientId', 'refreshToken', 'instanceUrl'],
  endpoint: (f) => `${f.instanceUrl}/services/oauth2/token`,
  form: (f) => ({
    grant_type: 'refresh_token',
    client_id: f.clientId!,
    refresh_token: f.refreshToken!,
    ...(f.clientSecret ? { client_secret: f.clientSecret } : {}),
  }),
  origins: (f) => [f.instanceUrl!],
});
const AUTH_FILE = 'authFile.json';

export const salesforceSfdxUrl: Kind = {
  name: 'salesforce-sfdx-url',
  order: 3,
  title: 'Salesforce SFDX auth URL',
  short: 'SFDX auth URL',
  fields: [
    {
      name: 'sfdxUrl',
      label: 'SFDX auth URL',
      secret: true,
      required: true,
      max: 4096,
      placeholder: 'force://…',
      hint: 'From sf org auth show-sfdx-auth-url.',
      problem: (v) => {
        try {
          parseSfdxUrl(v);
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      },
    },
    { name: 'clientId', label: 'Client id', derived: true, max: 256 },
    { name: 'instanceUrl', label: 'Instance', derived: true, max: 2048 },
    { name: 'clientSecret', label: 'Client secret', secret: true, derived: true, max: 1024 },
    { name: 'refreshToken', label: 'Refresh token', secret: true, derived: true, max: 4096 },
  ],
  recognise: (value) => (/^force:\/\//i.test(value.trim()) ? { sfdxUrl: value.trim() } : undefined),
  async normalize(fields) {
    // The URL is kept as sf reads it (scheme and instance put right), and its parts from that.
    const { clientSecret, ...parts } = parseSfdxUrl(fields.sfdxUrl ?? '');
    return { ...parts, ...(clientSecret ? { clientSecret } : {}) };
  },
  formats: [
    { name: 'sfdx-url', label: 'SFDX auth URL', needs: ['sfdxUrl'], text: (f) => f.sfdxUrl },
    { name: 'sfdx-url-file', label: 'auth file JSON (sfdxAuthUrl)', needs: ['sfdxUrl'], text: authFile },
    // Pasted into a terminal, a command reading its input would wait on the keyboard: the copied one reads the file the sfdx-url-file format makes.
    {
      name: 'sf-login-sfdx-url',
      label: `sf org login sfdx-url command (reads ${AUTH_FILE})`,
      needs: ['sfdxUrl'],
      text: () => ['sf', 'org', 'login', 'sfdx-url', '--sfdx-url-file', AUTH_FILE].join(' '),
    },
    { name: 'refresh-token', label: 'refresh token', needs: ['refreshToken'], text: (f) => f.refreshToken },
    ...liveFormats(MINT),
  ],
  mint: MINT,
  primary: ['sfdx-url'],
  terminalLogin: TERMINAL_LOGIN,
  fill: {},
  identity: (f: Fields) => f.refreshToken,
  // `sf org login web` again gives a new refresh token for the same org and app.
  place: (f: Fields) => f.clientId && f.instanceUrl && `${f.clientId}@${f.instanceUrl.toLowerCase()}`,
  subtitle: 'instanceUrl',
  // sf's own name for it (sf org login sfdx-url reads SFDX_AUTH_URL in CI recipes), and the shorter one.
  variables: [
    ['SFDX_AUTH_URL', 'sfdxUrl'],
    ['SF_AUTH_URL', 'sfdxUrl'],
  ],
  syncLayout1: { fields: ['sfdxUrl', 'clientId', 'instanceUrl', 'clientSecret', 'refreshToken'], label: 'instanceUrl' },
};

export default salesforceSfdxUrl;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Scratch org',
  fields: {
    sfdxUrl: 'force://PlatformCLI::5AepSampleRefreshToken@acme.my.salesforce.com',
    clientId: 'PlatformCLI',
    refreshToken: '5AepSampleRefreshToken',
    instanceUrl: 'https://acme.my.salesforce.com',
  },
  pasted: {
    value: 'force://PlatformCLI::5AepSampleRefreshToken@acme.my.salesforce.com',
    fields: { sfdxUrl: 'force://PlatformCLI::5AepSampleRefreshToken@acme.my.salesforce.com' },
  },
  formats: {
    'sfdx-url': 'force://PlatformCLI::5AepSampleRefreshToken@acme.my.salesforce.com',
    'sfdx-url-file': '{\n  "sfdxAuthUrl": "force://PlatformCLI::5AepSampleRefreshToken@acme.my.salesforce.com"\n}',
    'sf-login-sfdx-url': 'sf org login sfdx-url --sfdx-url-file authFile.json',
    'refresh-token': '5AepSampleRefreshToken',
  },
};
