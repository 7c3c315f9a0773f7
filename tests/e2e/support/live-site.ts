/**
 * Salesforce's OAuth and org endpoints for the live-credential scenarios:
 * the stand-in of the client tests (tests/unit/clients/salesforce-standin.ts,
 * real TLS, checking the client id and secret, the refresh token, the Bearer
 * token), behind the CONNECT proxy, so the browser's own fetch reaches it by
 * Salesforce's host names. One org lies: its token answers name a host
 * outside Salesforce as the instance, which Tokenkeep must refuse.
 */
import { startSalesforceStandin, type Standin } from '../../unit/clients/salesforce-standin';
import { spkiOf, startProxy } from './proxy';

export const ACME_HOST = 'acme.my.salesforce.com';
export const LIAR_HOST = 'liar.my.salesforce.com';
/** The host the liar's token answers name as its instance. */
export const LIAR_INSTANCE = 'acme-instance.evil.example';

export const CONSUMER_KEY = '3MVG9Acme_Live.Key';
export const CONSUMER_SECRET = 'Live-Consumer-S3cret';
export const REFRESH_TOKEN = '5AepLiveRefresh.Token_42';
const ORG_ID = '00D5e000000AcmePRD';
const USER = 'integration@acme.com';

const APP = { clientId: CONSUMER_KEY, clientSecret: CONSUMER_SECRET, refreshTokens: { [REFRESH_TOKEN]: USER } as Record<string, string> };

export interface LiveSite {
  standin: Standin;
  proxy: string;
  spki: string;
  /** Every host the browser asked the proxy for. */
  asked: string[];
  /** Revokes the refresh token, as a user's "Revoke" under Connected Apps OAuth Usage does. */
  revoke(): void;
  /** The org's answer to a REST call with this token: what a program given it would get. */
  orgId: string;
  username: string;
  close(): Promise<void>;
}

export async function startLiveSite(): Promise<LiveSite> {
  const standin = await startSalesforceStandin(
    [
      { id: ORG_ID, myDomain: ACME_HOST, sandbox: false, users: [{ username: USER, password: 'x', token: 'y' }], apps: [APP] },
      {
        id: '00D5e000000LiarPRD',
        myDomain: LIAR_HOST,
        sandbox: false,
        answersInstance: LIAR_INSTANCE,
        users: [{ username: 'ops@liar.com', password: 'x', token: 'y' }],
        apps: [{ clientId: '3MVG9Liar.Key', clientSecret: CONSUMER_SECRET }],
      },
    ],
    { extraHosts: [LIAR_INSTANCE] },
  );
  const proxy = await startProxy([ACME_HOST, LIAR_HOST, LIAR_INSTANCE, 'login.salesforce.com'], standin.port);
  return {
    standin,
    proxy: proxy.address,
    spki: spkiOf(standin.tls.keyPem),
    asked: proxy.asked,
    revoke: () => void delete APP.refreshTokens[REFRESH_TOKEN],
    orgId: ORG_ID,
    username: USER,
    async close() {
      APP.refreshTokens[REFRESH_TOKEN] = USER;
      await Promise.all([proxy.close(), standin.close()]);
    },
  };
}

/** The accounts the scenarios use, as the popup saves them. */
export const liveAccounts = {
  oauth: {
    kind: 'salesforce-oauth',
    label: 'Acme production',
    fields: { clientId: CONSUMER_KEY, clientSecret: CONSUMER_SECRET, myDomain: `https://${ACME_HOST}` },
    sites: [],
    expiresAt: '',
    notes: '',
    color: 'blue' as const,
  },
  sfdx: {
    kind: 'salesforce-sfdx-url',
    label: 'Acme scratch',
    fields: { sfdxUrl: `force://${CONSUMER_KEY}:${CONSUMER_SECRET}:${REFRESH_TOKEN}@${ACME_HOST}` },
    sites: [],
    expiresAt: '',
    notes: '',
  },
  liar: {
    kind: 'salesforce-oauth',
    label: 'Liar app',
    fields: { clientId: '3MVG9Liar.Key', clientSecret: CONSUMER_SECRET, myDomain: `https://${LIAR_HOST}` },
    sites: [],
    expiresAt: '',
    notes: '',
  },
};
