/**
 * The OAuth 2.0 JWT bearer flow: a connected app's consumer key, the user
 * it signs in as, the RSA private key that signs the assertion, and the
 * certificate uploaded to the app. The certificate's notAfter is the
 * account's expiry: when it passes, CI breaks without a word, so the
 * reminders 14 days and 1 day ahead apply.
 *
 * sf CLI: `sf org login jwt --client-id … --jwt-key-file … --username … --instance-url …`.
 * The key never goes on a command line: the command names a file.
 */
import { USERNAME_FIELD } from './salesforce.kind';
import { CONSUMER_KEY_FIELD } from './salesforce-oauth.kind';
import { ENCRYPTED_KEY, isEncryptedPem } from './pem-text';
import { liveFormats, salesforceMinting } from './salesforce-live';
import { httpsOriginProblem, originOf, shellWord, terminalLoginFormat } from './text';
import type { Fields, Kind, TerminalLogin, Sample } from './types';

/** Salesforce wants the assertion soon after it is made: within 3 minutes is what it documents. */
export const ASSERTION_LIFETIME_SECONDS = 180;

const pem = () => import('./pem');

/** The audience: test.salesforce.com for sandboxes (by login URL or sandbox My Domain), else login.salesforce.com. */
export function audienceFor(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  return host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com') ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
}

const PRIVATE_KEY = { block: /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+-----END (?:RSA )?PRIVATE KEY-----/, what: 'private key', begin: 'PRIVATE KEY' };
const CERTIFICATE = { block: /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, what: 'certificate', begin: 'CERTIFICATE' };

function pemProblem(value: string, { block, what, begin }: typeof PRIVATE_KEY): string | undefined {
  if (isEncryptedPem(value)) return ENCRYPTED_KEY;
  return block.test(value) ? undefined : `This is not a PEM ${what}: it should begin with -----BEGIN ${begin}-----.`;
}

const cleanPem = (value: string) => `${value.replace(/\r\n?/g, '\n').trim()}\n`;

async function assertion(f: Fields, now: number): Promise<string> {
  return (await pem()).signAssertion({
    clientId: f.clientId!,
    username: f.username!,
    audience: audienceFor(f.loginUrl!),
    privateKey: f.privateKey!,
    now,
    lifetimeSeconds: ASSERTION_LIFETIME_SECONDS,
  });
}

const ALL = ['clientId', 'username', 'privateKey', 'loginUrl'] as const;

// The assertion is signed when the token is asked for, with jose (pem.ts), and posted to the login URL's token endpoint.
const MINT = salesforceMinting({
  grant: 'JWT bearer',
  needs: ALL,
  endpoint: (f) => `${f.loginUrl}/services/oauth2/token`,
  form: async (f, { now }) => ({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await assertion(f, now) }),
  origins: (f) => [f.loginUrl!],
});

// The sf CLI reads the key from a file it names (sfdx-core's readJwtKey: fs.promises.readFile), which a pipe can
// be; its flags are those of `sf org login jwt --help`. A copied command names a file the user saves.
const TERMINAL_LOGIN: TerminalLogin = {
  needs: ALL,
  secret: { via: 'pipe', text: (f) => f.privateKey! },
  args: (f, path) => ['org', 'login', 'jwt', '--client-id', f.clientId!, '--jwt-key-file', path, '--username', f.username!, '--instance-url', f.loginUrl!],
};

export const salesforceJwt: Kind = {
  name: 'salesforce-jwt',
  order: 2,
  title: 'Salesforce JWT bearer',
  short: 'Salesforce JWT',
  fields: [
    CONSUMER_KEY_FIELD,
    USERNAME_FIELD,
    {
      name: 'privateKey',
      label: 'Private key (PEM)',
      secret: true,
      multiline: true,
      required: true,
      max: 16_384,
      placeholder: '-----BEGIN PRIVATE KEY-----',
      problem: (v) => pemProblem(v, PRIVATE_KEY),
    },
    {
      name: 'certificate',
      label: 'Certificate (PEM, optional)',
      multiline: true,
      max: 16_384,
      placeholder: '-----BEGIN CERTIFICATE-----',
      hint: 'The one uploaded to the app: its expiry date becomes this account’s.',
      problem: (v) => pemProblem(v, CERTIFICATE),
    },
    {
      name: 'loginUrl',
      label: 'Login URL',
      required: true,
      max: 2048,
      placeholder: 'https://login.salesforce.com',
      problem: (v) => httpsOriginProblem(v.trim(), 'The login URL'),
    },
  ],
  recognise(value) {
    const key = /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----/.exec(value)?.[0];
    const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(value)?.[0];
    if (!key && !certificate) return undefined;
    return {
      ...(key ? { privateKey: cleanPem(key) } : {}),
      ...(certificate ? { certificate: cleanPem(certificate) } : {}),
      loginUrl: 'https://login.salesforce.com',
    };
  },
  async normalize(fields) {
    const loginUrl = fields.loginUrl?.trim() || 'https://login.salesforce.com';
    const problem = httpsOriginProblem(loginUrl, 'The login URL');
    if (problem) throw new Error(problem);
    const out: Fields = { ...fields, loginUrl: originOf(loginUrl) };
    if (fields.privateKey) out.privateKey = cleanPem(fields.privateKey);
    if (fields.certificate) out.certificate = cleanPem(fields.certificate);
    const lib = await pem();
    if (out.privateKey) await lib.checkPrivateKey(out.privateKey);
    if (out.certificate) await lib.checkCertificate(out.certificate);
    return out;
  },
  async validate(fields) {
    if (!fields.privateKey || !fields.certificate) return undefined;
    const matches = await (await pem()).keyMatchesCertificate(fields.privateKey, fields.certificate);
    return matches
      ? undefined
      : 'This private key does not belong to this certificate: the app would refuse every assertion it signs. Paste the key that was made with the certificate.';
  },
  async facts(fields) {
    if (!fields.certificate) return [];
    const cert = (await pem()).readCertificate(fields.certificate);
    return [
      { label: 'Certificate', value: cert.subject },
      { label: 'Certificate valid until', value: cert.notAfter },
    ];
  },
  terminalLogin: TERMINAL_LOGIN,
  expiry: async (fields) => (fields.certificate ? (await pem()).readCertificate(fields.certificate).notAfter : undefined),
  formats: [
    terminalLoginFormat(TERMINAL_LOGIN, 'sf-login-jwt', 'sf org login jwt command', 'server.key'),
    { name: 'private-key', label: 'private key', needs: ['privateKey'], text: (f) => f.privateKey },
    { name: 'jwt-assertion', label: 'signed JWT assertion', needs: ALL, text: (f, { now }) => assertion(f, now) },
    {
      name: 'curl-jwt',
      label: 'curl token request',
      needs: ALL,
      text: async (f, { now }) =>
        [
          `curl -sS -X POST ${shellWord(`${f.loginUrl}/services/oauth2/token`)}`,
          '  -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer',
          `  -d assertion=${await assertion(f, now)}`,
        ].join(' \\\n'),
    },
    { name: 'client-id', label: 'consumer key', needs: ['clientId'], text: (f) => f.clientId },
    { name: 'username', label: 'username', needs: ['username'], text: (f) => f.username },
    { name: 'certificate', label: 'certificate', needs: ['certificate'], text: (f) => f.certificate },
    ...liveFormats(MINT),
  ],
  mint: MINT,
  primary: ['sf-login-jwt', 'private-key'],
  fill: {},
  identity: (f) => f.clientId && f.username && `${f.clientId.trim()}:${f.username.trim().toLowerCase()}`,
  subtitle: 'username',
  syncLayout1: { fields: ['clientId', 'username', 'privateKey', 'certificate', 'loginUrl'], label: 'username' },
};

export default salesforceJwt;

/** A public certificate (tests/fixtures/kinds/jwt-cert.pem): what a user pastes to start a JWT account. The sample holds no private key. */
const SAMPLE_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDMTCCAhmgAwIBAgIUH9aDmEbzsT1hcahwh01WduaCNbEwDQYJKoZIhvcNAQEL
BQAwKDEXMBUGA1UEAwwOdG9rZW5rZWVwLXRlc3QxDTALBgNVBAoMBEFjbWUwHhcN
MjYxMjAyMDQzNDIzWhcNMzYxMTI5MDQzNDIzWjAoMRcwFQYDVQQDDA50b2tlbmtl
ZXAtdGVzdDENMAsGA1UECgwEQWNtZTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCC
AQoCggEBALhf/bK+oXrGLJZkM9RyhFq+wpkdGpuxrRt5b8YBoaG5l+oLsorOU+CX
UyGet0GYJnX/+DiNYc6aMYWFdWM9pp0f6TcP3eB6QPJwMEUbwJlYhJvu5TUoHzwH
VQHWhy0vjAs7we+M5f1riYc3yaYirFHb5FX1tTs6ePm0QraqGFEHuDEDwiovdQv7
9b96VFr5vDaGXexv4Vcsur2oV3OTy1QEbydv8IJVDVz/+uLri0UEA2DX1wZCPejv
xrusnhw3NieWmwhYXk32Hwalp0yS+aGWKI8BxGDOmDAPka6sAnOS4J6ozU4G0fzn
Y8o2DCcJRRFarJD7QoE4RypwWasKlXsCAwEAAaNTMFEwHQYDVR0OBBYEFD+icL/m
JiiGTxzPpiuFjrfWk0J7MB8GA1UdIwQYMBaAFD+icL/mJiiGTxzPpiuFjrfWk0J7
MA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAGRvooehgm2jz/06
d3/ChVvXi2kUNm5REYk9XQX6vGvteO7oHDVyLY83NxqUc9qisN0AwEzijpCX3dzT
dHelsNs5h1x/AUJ+O69UtfJJJ8uh/WFRHVtjfCOaf8z3JnHykYGvx0FIQUR83M4R
ks28h8XFGqkRph2cVl3r/uAXhxtH06zkGEzAxxlGpUGeUHWECCf134vMOTD/Vrr8
UNpsVKCrGrrMaDAJMndsUlfqSwMzYToa8wrWotek7g4o8cV1ti7jdUtvlQo18U8f
cI2s+uHg/EiqIJp+JRkqJTLKW45wFFcDYxPaT8Ve2S+imlfepUhug7fLu9Gi04r2
mXU9E00=
-----END CERTIFICATE-----
`;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'CI deploy',
  fields: {
    clientId: '3MVG9Sample_JwtKey.y',
    username: 'ci@acme.com',
    loginUrl: 'https://login.salesforce.com',
  },
  pasted: { value: SAMPLE_CERTIFICATE, fields: { certificate: SAMPLE_CERTIFICATE, loginUrl: 'https://login.salesforce.com' } },
  formats: {
    'client-id': '3MVG9Sample_JwtKey.y',
    username: 'ci@acme.com',
  },
};
