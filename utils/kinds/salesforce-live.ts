/**
 * What every Salesforce kind that mints shares: the hosts a token answer may
 * name, the environment a program gets, and the copy formats made from the
 * access token. Each kind declares its own grant (salesforce-oauth,
 * salesforce-jwt, salesforce-sfdx-url); the rest is here, once.
 */
import { shellWord } from './text';
import type { FormatSpec, Minting } from './types';

/**
 * Salesforce's own domains: the commercial cloud, its Setup and older
 * instance hosts, and the government and China clouds. An instance or
 * identity URL elsewhere is refused before a token goes there.
 */
export const SALESFORCE_DOMAINS = ['salesforce.com', 'force.com', 'salesforce-setup.com', 'cloudforce.com', 'salesforce.mil', 'sfcrmproducts.cn'] as const;

/** https, on a host under one of Salesforce's domains, with no port, user or password: the only URLs a token goes to. */
export function isSalesforceUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol !== 'https:' || url.port || url.username || url.password) return false;
  return SALESFORCE_DOMAINS.some((domain) => url.hostname.endsWith(`.${domain}`));
}

/** The REST API version the copied curl call names: the first release without SOAP login(). */
export const API_VERSION = '65.0';

/**
 * What a program gets from a live token. The sf CLI takes an access token as
 * its target org with the instance beside it, and writes no auth file
 * (sfdx-core's AuthInfo skips saving when the username is an access token);
 * jsforce scripts commonly read SF_ACCESS_TOKEN and SF_INSTANCE_URL.
 */
const LIVE_ENV = [
  ['SF_TARGET_ORG', 'accessToken'],
  ['SF_ORG_INSTANCE_URL', 'instanceUrl'],
  ['SF_ACCESS_TOKEN', 'accessToken'],
  ['SF_INSTANCE_URL', 'instanceUrl'],
] as const;

/** Salesforce's default session timeout: a token minted with no other word lasts about this long. */
export const SESSION_MINUTES = 120;

/** A Salesforce kind's minting: its grant, and what all of Salesforce's share. */
export function salesforceMinting(grant: Pick<Minting, 'needs' | 'grant' | 'endpoint' | 'form' | 'origins'>): Minting {
  return { ...grant, trusts: isSalesforceUrl, lifetimeMinutes: SESSION_MINUTES, env: LIVE_ENV };
}

const SHORT = 'short-lived';

/** The copy formats made from a minted token: it is minted (or reused) when one is copied, and offered only while the account can mint. */
export const liveFormats = ({ needs }: Pick<Minting, 'needs'>): FormatSpec[] => [
  { name: 'access-token', label: `access token (${SHORT})`, needs, live: true, text: (_f, { live }) => live?.accessToken },
  {
    name: 'bearer-header',
    label: `Authorization: Bearer header (${SHORT})`,
    needs,
    live: true,
    text: (_f, { live }) => live && `Authorization: Bearer ${live.accessToken}`,
  },
  {
    name: 'curl-api',
    label: `curl call to the REST API (${SHORT} token)`,
    needs,
    live: true,
    text: (_f, { live }) =>
      live &&
      [`curl -sS ${shellWord(`${live.instanceUrl}/services/data/v${API_VERSION}/`)}`, `  -H ${shellWord(`Authorization: Bearer ${live.accessToken}`)}`].join(
        ' \\\n',
      ),
  },
];
