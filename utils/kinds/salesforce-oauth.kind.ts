/**
 * An External Client App or connected app used with the OAuth 2.0 client
 * credentials flow: consumer key, consumer secret and the org's My Domain,
 * whose /services/oauth2/token endpoint issues the access token. External
 * Client Apps show the secret once, so this is where it is kept.
 *
 * Client arguments, as each library reads them:
 * - jsforce: `new Connection({ oauth2: { clientId, clientSecret, loginUrl } })`, whose
 *   OAuth2 posts `grant_type=client_credentials` with the client id and secret to
 *   `{loginUrl}/services/oauth2/token` (jsforce src/oauth2.ts, requestToken).
 * - simple-salesforce: `Salesforce(consumer_key=…, consumer_secret=…, domain=…)` takes the
 *   client credentials flow when `domain` is a My Domain (not "login" or "test"), and posts
 *   to `https://{domain}.salesforce.com/services/oauth2/token` (simple_salesforce/login.py).
 */
import { simpleSalesforceDomain } from './salesforce.kind';
import { liveFormats, salesforceMinting } from './salesforce-live';
import { envFormats, httpsOriginProblem, json, myDomainSuggestion, originOf, shellWord } from './text';
import type { FieldSpec, Fields, Kind, Sample } from './types';

const MY_DOMAIN = /^https:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:--[a-z0-9]+)?(?:\.[a-z0-9-]+)*\.my\.salesforce\.com$/;

export function myDomainProblem(value: string): string | undefined {
  const problem = httpsOriginProblem(value.trim(), 'The My Domain URL');
  if (problem) return problem;
  return MY_DOMAIN.test(originOf(value.trim()))
    ? undefined
    : 'The My Domain URL ends in .my.salesforce.com: https://acme.my.salesforce.com (Setup › My Domain).';
}

/** The consumer key Salesforce issues: letters, digits, dots and underscores ("3MVG9…"). */
export function consumerKeyProblem(value: string): string | undefined {
  return /^[A-Za-z0-9._]{10,255}$/.test(value.trim()) ? undefined : 'A consumer key is 10 or more letters, digits, dots and underscores (it starts with 3MVG).';
}

/** The consumer key field, as the OAuth and JWT kinds both have it. */
export const CONSUMER_KEY_FIELD: FieldSpec = { name: 'clientId', label: 'Consumer key', required: true, max: 256, problem: consumerKeyProblem };

const ENV = [
  ['SF_CLIENT_ID', 'clientId'],
  ['SF_CLIENT_SECRET', 'clientSecret'],
  ['SF_MY_DOMAIN_URL', 'myDomain'],
] as const;

const tokenUrl = (f: Fields) => `${f.myDomain}/services/oauth2/token`;

// The client credentials flow runs only at the app's org's My Domain: Salesforce answers it nowhere else.
const MINT = salesforceMinting({
  grant: 'client credentials',
  needs: ['clientId', 'clientSecret', 'myDomain'],
  endpoint: tokenUrl,
  form: (f) => ({ grant_type: 'client_credentials', client_id: f.clientId!, client_secret: f.clientSecret! }),
  origins: (f) => [f.myDomain!],
});

export const salesforceOauth: Kind = {
  name: 'salesforce-oauth',
  order: 1,
  title: 'Salesforce OAuth (client credentials)',
  short: 'Salesforce OAuth',
  fields: [
    CONSUMER_KEY_FIELD,
    { name: 'clientSecret', label: 'Consumer secret', secret: true, required: true, max: 1024, hint: 'An External Client App shows it once: keep it here.' },
    {
      name: 'myDomain',
      label: 'My Domain URL',
      required: true,
      max: 2048,
      placeholder: 'https://acme.my.salesforce.com',
      problem: myDomainProblem,
      suggest: myDomainSuggestion,
    },
  ],
  // A consumer key alone (3MVG…, about 85 characters) starts an OAuth app; the form then asks for its secret.
  recognise: (value) => (/^3MVG[A-Za-z0-9._]{30,250}$/.test(value.trim()) ? { clientId: value.trim() } : undefined),
  async normalize(fields) {
    const problem = myDomainProblem(fields.myDomain ?? '') ?? consumerKeyProblem(fields.clientId ?? '');
    if (problem) throw new Error(problem);
    return { ...fields, clientId: fields.clientId!.trim(), myDomain: originOf(fields.myDomain!.trim()) };
  },
  formats: [
    ...envFormats(ENV, ['clientId', 'clientSecret', 'myDomain']),
    {
      name: 'curl-client-credentials',
      label: 'curl token request',
      needs: ['clientId', 'clientSecret', 'myDomain'],
      text: (f) =>
        [
          `curl -sS -X POST ${shellWord(tokenUrl(f))}`,
          '  -d grant_type=client_credentials',
          `  --data-urlencode client_id=${shellWord(f.clientId!)}`,
          `  --data-urlencode client_secret=${shellWord(f.clientSecret!)}`,
        ].join(' \\\n'),
    },
    {
      name: 'jsforce',
      label: 'jsforce JSON',
      needs: ['clientId', 'clientSecret', 'myDomain'],
      text: (f) => json({ oauth2: { clientId: f.clientId, clientSecret: f.clientSecret, loginUrl: f.myDomain } }),
    },
    {
      name: 'simple-salesforce',
      label: 'simple-salesforce JSON',
      needs: ['clientId', 'clientSecret', 'myDomain'],
      text: (f) => json({ consumer_key: f.clientId, consumer_secret: f.clientSecret, domain: simpleSalesforceDomain(f.myDomain!) }),
    },
    { name: 'client-id', label: 'consumer key', needs: ['clientId'], text: (f) => f.clientId },
    { name: 'client-secret', label: 'consumer secret', needs: ['clientSecret'], text: (f) => f.clientSecret },
    ...liveFormats(MINT),
  ],
  mint: MINT,
  primary: ['env', 'client-secret'],
  fill: { clientId: 'clientId', clientSecret: 'clientSecret' },
  identity: (f) => f.clientId?.trim(),
  subtitle: 'myDomain',
  syncLayout1: { fields: ['clientId', 'clientSecret', 'myDomain'], label: 'myDomain' },
  env: ENV,
};

export default salesforceOauth;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Data sync app',
  fields: {
    clientId: '3MVG9Sample_ConsumerKey.x',
    clientSecret: 'Sample-consumer-secret',
    myDomain: 'https://acme.my.salesforce.com',
  },
  pasted: { value: '3MVG9Sample_ConsumerKey.x.0123456789abcdefghij', fields: { clientId: '3MVG9Sample_ConsumerKey.x.0123456789abcdefghij' } },
  formats: {
    env: 'export SF_CLIENT_ID=3MVG9Sample_ConsumerKey.x\nexport SF_CLIENT_SECRET=Sample-consumer-secret\nexport SF_MY_DOMAIN_URL=https://acme.my.salesforce.com',
    dotenv: 'SF_CLIENT_ID=3MVG9Sample_ConsumerKey.x\nSF_CLIENT_SECRET=Sample-consumer-secret\nSF_MY_DOMAIN_URL=https://acme.my.salesforce.com',
    'curl-client-credentials':
      'curl -sS -X POST https://acme.my.salesforce.com/services/oauth2/token \\\n  -d grant_type=client_credentials \\\n  --data-urlencode client_id=3MVG9Sample_ConsumerKey.x \\\n  --data-urlencode client_secret=Sample-consumer-secret',
    jsforce:
      '{\n  "oauth2": {\n    "clientId": "3MVG9Sample_ConsumerKey.x",\n    "clientSecret": "Sample-consumer-secret",\n    "loginUrl": "https://acme.my.salesforce.com"\n  }\n}',
    'simple-salesforce': '{\n  "consumer_key": "3MVG9Sample_ConsumerKey.x",\n  "consumer_secret": "Sample-consumer-secret",\n  "domain": "acme.my"\n}',
    'client-id': '3MVG9Sample_ConsumerKey.x',
    'client-secret': 'Sample-consumer-secret',
  },
};
