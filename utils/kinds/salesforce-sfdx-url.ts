/**
 * An SFDX auth URL, `force://clientId:clientSecret:refreshToken@instance`,
 * the way CI logs in with `sf org login sfdx-url`. The original string is
 * kept exactly; its parts are worked out at save, for display and for the
 * terminal. It is handed to sf through a file, never on a command line.
 */
import { json, terminalLoginFormat } from './text';
import type { Fields, Kind, TerminalLogin } from './types';

export interface SfdxAuthUrl {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  instanceUrl: string;
}

const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/i;

/** The parts of an SFDX auth URL, or an Error that names the part that is missing. */
export function parseSfdxUrl(raw: string): SfdxAuthUrl {
  const url = raw.trim();
  if (!/^force:\/\//i.test(url)) throw new Error('An SFDX auth URL starts with force://.');
  const rest = url.slice('force://'.length);
  const at = rest.lastIndexOf('@');
  if (at < 0) throw new Error('This SFDX auth URL has no @instance part: it should end with @yourorg.my.salesforce.com.');
  const instance = rest.slice(at + 1).replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (!HOST.test(instance)) throw new Error('This SFDX auth URL’s instance is not a host name (it should look like acme.my.salesforce.com, without https://).');
  const parts = rest.slice(0, at).split(':');
  // The client secret may be empty (the sf CLI's own PlatformCLI app has none); the id and refresh token may not.
  if (parts.length !== 3) throw new Error('This SFDX auth URL is missing a part: it should be force://clientId:clientSecret:refreshToken@instance.');
  const [clientId, clientSecret, refreshToken] = parts as [string, string, string];
  if (!clientId) throw new Error('This SFDX auth URL has no client id before the first colon.');
  if (!refreshToken) throw new Error('This SFDX auth URL has no refresh token before the @.');
  return { clientId, clientSecret, refreshToken, instanceUrl: `https://${instance}` };
}

// sf reads a JSON file with a top-level sfdxAuthUrl property (org login sfdx-url's own help).
const TERMINAL_LOGIN: TerminalLogin = {
  needs: ['sfdxUrl'],
  file: { name: 'authFile.json', text: (f) => json({ sfdxAuthUrl: f.sfdxUrl }) },
  args: (_f, path) => ['org', 'login', 'sfdx-url', '--sfdx-url-file', path],
};

export const salesforceSfdxUrl: Kind = {
  name: 'salesforce-sfdx-url',
  title: 'Salesforce SFDX auth URL',
  short: 'SFDX auth URL',
  fields: [
    { name: 'sfdxUrl', label: 'SFDX auth URL', secret: true, required: true, max: 4096, placeholder: 'force://…', hint: 'From sf org auth show-sfdx-auth-url.', problem: (v) => { try { parseSfdxUrl(v); return undefined; } catch (err) { return (err as Error).message; } } },
    { name: 'clientId', label: 'Client id', derived: true, max: 256 },
    { name: 'instanceUrl', label: 'Instance', derived: true, max: 2048 },
    { name: 'clientSecret', label: 'Client secret', secret: true, derived: true, max: 1024 },
    { name: 'refreshToken', label: 'Refresh token', secret: true, derived: true, max: 4096 },
  ],
  recognise: (value) => (/^force:\/\//i.test(value.trim()) ? { sfdxUrl: value.trim() } : undefined),
  async normalize(fields) {
    const sfdxUrl = fields.sfdxUrl?.trim() ?? '';
    const { clientSecret, ...parts } = parseSfdxUrl(sfdxUrl);
    return { sfdxUrl, ...parts, ...(clientSecret ? { clientSecret } : {}) };
  },
  formats: [
    { name: 'sfdx-url', label: 'SFDX auth URL', needs: ['sfdxUrl'], text: (f) => f.sfdxUrl },
    { name: 'sfdx-url-file', label: 'auth file JSON (sfdxAuthUrl)', needs: ['sfdxUrl'], text: TERMINAL_LOGIN.file.text },
    terminalLoginFormat(TERMINAL_LOGIN, 'sf-login-sfdx-url', 'sf org login sfdx-url command'),
    { name: 'refresh-token', label: 'refresh token', needs: ['refreshToken'], text: (f) => f.refreshToken },
  ],
  primary: ['sfdx-url'],
  terminalLogin: TERMINAL_LOGIN,
  fill: {},
  identity: (f: Fields) => f.refreshToken,
  subtitle: 'instanceUrl',
};
