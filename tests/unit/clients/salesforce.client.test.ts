/**
 * Client tests for the Salesforce formats: each is handed to the program it
 * is for, which signs in against the stand-in (./salesforce-standin.ts, real
 * TLS, checking what Salesforce checks) and then uses the session.
 *
 * - jsforce 3 (the real package; 3.10.16 is its last release for Node 20):
 *   the Salesforce kind's JSON through `login()`, the OAuth kind's through
 *   `authorize({ grant_type: 'client_credentials' })`, as the README says.
 * - curl, through bash, zsh and fish: the copied token requests, run exactly
 *   as pasted.
 * - simple-salesforce and the sf CLI cannot run here (no Python packages, no
 *   sf); their rules are copied below with the file and line they come from,
 *   and the requests they would make go to the stand-in.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import jsforce, { type Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOf, kindOf, type Fields } from '../../../utils/kinds';
import { checkFields } from '../../../utils/kinds/check';
import { curlHome, routeNodeHttps, runShell, SHELLS } from './route';
import { startSalesforceStandin, type Standin } from './salesforce-standin';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/kinds', name), 'utf8');

// Secrets that break naive quoting and escaping: quotes, $, backslashes, XML's own characters.
const PASSWORD = `it's "Pa55" $HOME \\x <&>`;
const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';
const UAT_TOKEN = 'Lk4Ab7Cd0Ef3Gh6Ij9Kl2MnO';
const TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SECRET = `S3cr'et\\"$x #1`;
const REFRESH = '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrnx.ZA';

const ORGS = [
  {
    id: '00D5e000000AcmePRD',
    myDomain: 'acme.my.salesforce.com',
    sandbox: false,
    users: [
      { username: 'jane@acme.com', password: PASSWORD, token: TOKEN },
      { username: 'mfa@acme.com', password: PASSWORD, token: TOKEN, totp: TOTP_SECRET },
    ],
    apps: [{ clientId: '3MVG9Acme_Prod.Key', clientSecret: SECRET, certificate: fixture('jwt-cert.pem'), refreshTokens: { [REFRESH]: 'jane@acme.com' } }],
  },
  {
    id: '00D5e000000AcmeUAT',
    myDomain: 'acme--uat.sandbox.my.salesforce.com',
    sandbox: true,
    // The org accepts logins at its My Domain only (My Domain's "Prevent login from https://test.salesforce.com").
    blocksGenericLogin: true,
    users: [{ username: 'jane@acme.com.uat', password: PASSWORD, token: UAT_TOKEN }],
    apps: [{ clientId: '3MVG9Acme_Uat.Key', clientSecret: SECRET, certificate: fixture('jwt-cert.pem'), refreshTokens: { [REFRESH]: 'jane@acme.com.uat' } }],
  },
];

let standin: Standin;
let unroute: () => void;
let curl: ReturnType<typeof curlHome>;
beforeAll(async () => {
  standin = await startSalesforceStandin(ORGS);
  unroute = routeNodeHttps(standin);
  curl = curlHome(standin);
});
afterAll(async () => {
  unroute?.();
  curl?.remove();
  await standin?.close();
});

/** An account as the popup saves it (the kind's checks and normalising), and a format of it as the popup copies it. */
async function copied(kind: string, input: Fields, format: string): Promise<string> {
  const fields = await checkFields(kindOf(kind)!, input);
  return (await formatOf(kindOf(kind)!, format)!.text(fields, { now: Date.now() }))!;
}

const PROD = { username: 'jane@acme.com', password: PASSWORD, token: TOKEN, environment: 'production' };
const UAT = {
  username: 'jane@acme.com.uat',
  password: PASSWORD,
  token: UAT_TOKEN,
  environment: 'custom',
  loginUrl: 'https://acme--uat.sandbox.my.salesforce.com',
};
const APP = { clientId: '3MVG9Acme_Prod.Key', clientSecret: SECRET, myDomain: 'https://acme.my.salesforce.com' };
const orgIdAfter = async (conn: Connection) => (await conn.query<{ Id: string }>('SELECT Id FROM Organization')).records[0]!.Id;

describe('the stand-in refuses what Salesforce refuses', () => {
  it('a SOAP login without the token, at the wrong host, or with an old token', async () => {
    const login = (loginUrl: string, username: string, password: string) => new jsforce.Connection({ loginUrl }).login(username, password);
    await expect(login('https://login.salesforce.com', PROD.username, PASSWORD)).rejects.toThrow(/INVALID_LOGIN/);
    await expect(login('https://test.salesforce.com', PROD.username, PASSWORD + TOKEN)).rejects.toThrow(/INVALID_LOGIN/);
    await expect(login('https://test.salesforce.com', UAT.username, PASSWORD + UAT_TOKEN)).rejects.toThrow(/INVALID_LOGIN/);
    await expect(login('https://login.salesforce.com', PROD.username, `${PASSWORD}${TOKEN.slice(1)}X`)).rejects.toThrow(/INVALID_LOGIN/);
  });
  it('client credentials away from the My Domain, or with a secret not quite right', async () => {
    const request = (loginUrl: string, clientSecret: string) =>
      new jsforce.OAuth2({ loginUrl, clientId: APP.clientId, clientSecret }).requestToken({ grant_type: 'client_credentials' });
    await expect(request('https://login.salesforce.com', SECRET)).rejects.toThrow(/not supported on this domain/);
    await expect(request(APP.myDomain, SECRET.trim().slice(0, -1))).rejects.toThrow(/invalid client credentials/);
  });
  it('a JWT for the wrong audience, and a refresh token with the wrong client', async () => {
    const jwt = { clientId: '3MVG9Acme_Prod.Key', username: 'jane@acme.com', loginUrl: 'https://test.salesforce.com', privateKey: fixture('jwt-key.pem') };
    const assertion = await copied('salesforce-jwt', jwt, 'jwt-assertion');
    await expect(
      new jsforce.OAuth2({ loginUrl: 'https://login.salesforce.com' }).requestToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    ).rejects.toThrow(/invalid assertion/);
    await expect(new jsforce.OAuth2({ loginUrl: APP.myDomain, clientId: 'someone-else' }).refreshToken(REFRESH)).rejects.toThrow(/client identifier invalid/);
  });
});

describe('client: jsforce 3', () => {
  it.each([
    ['production, at login.salesforce.com', PROD, '00D5e000000AcmePRD'],
    ['a sandbox that takes logins at its My Domain only', UAT, '00D5e000000AcmeUAT'],
  ])('logs in with the Salesforce kind’s JSON, %s, and queries', async (_, account, orgId) => {
    const config = JSON.parse(await copied('salesforce', account, 'jsforce'));
    const conn = new jsforce.Connection({ loginUrl: config.loginUrl });
    await conn.login(config.username, config.password);
    expect(await orgIdAfter(conn)).toBe(orgId);
  });

  it('logs in with the password and the current code where the user has MFA for API logins', async () => {
    const mfa = { username: 'mfa@acme.com', password: PASSWORD, totp: TOTP_SECRET, environment: 'production' };
    const conn = new jsforce.Connection({ loginUrl: 'https://login.salesforce.com' });
    await conn.login(mfa.username, await copied('salesforce', mfa, 'password+totp'));
    expect(await orgIdAfter(conn)).toBe('00D5e000000AcmePRD');
  });

  it('connects with the OAuth kind’s JSON as the README says, authorize() with client_credentials, and queries', async () => {
    const conn = new jsforce.Connection(JSON.parse(await copied('salesforce-oauth', APP, 'jsforce')));
    await conn.authorize({ grant_type: 'client_credentials' });
    expect(await orgIdAfter(conn)).toBe('00D5e000000AcmePRD');
  });

  it('gets a token but no session from oauth2.requestToken(), which the README no longer suggests', async () => {
    const conn = new jsforce.Connection(JSON.parse(await copied('salesforce-oauth', APP, 'jsforce')));
    expect((await conn.oauth2.requestToken({ grant_type: 'client_credentials' })).access_token).toBeTruthy();
    await expect(conn.query('SELECT Id FROM Organization')).rejects.toThrow();
  });
});

describe('client: curl, as pasted into each shell', () => {
  const tokenFrom = async (shell: (typeof SHELLS)[number], command: string) => {
    const { code, stdout, stderr } = await runShell(shell, command, curl.env);
    expect(code, stderr).toBe(0);
    return JSON.parse(stdout) as { access_token?: string; instance_url?: string; error?: string };
  };

  it.each(SHELLS)('%s: the client credentials request, a secret full of quotes and $ included, gets a token', async (shell) => {
    expect(await tokenFrom(shell, await copied('salesforce-oauth', APP, 'curl-client-credentials'))).toMatchObject({
      access_token: expect.any(String),
      instance_url: 'https://acme.my.salesforce.com',
    });
  });

  it.each([
    ['production', 'https://login.salesforce.com', 'jane@acme.com', '3MVG9Acme_Prod.Key'],
    ['a sandbox My Domain (aud test.salesforce.com)', 'https://acme--uat.sandbox.my.salesforce.com', 'jane@acme.com.uat', '3MVG9Acme_Uat.Key'],
  ])('the JWT bearer request for %s gets a token', async (_, loginUrl, username, clientId) => {
    const jwt = { clientId, username, loginUrl, privateKey: fixture('jwt-key.pem'), certificate: fixture('jwt-cert.pem') };
    expect(await tokenFrom('bash', await copied('salesforce-jwt', jwt, 'curl-jwt'))).toMatchObject({ access_token: expect.any(String) });
  });
});

describe('client: simple-salesforce 1.12 (its rules, copied)', () => {
  /** Node's https, routed to the stand-in as jsforce is. */
  async function post(url: string, body: string, headers: Record<string, string>) {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = https.request(url, { method: 'POST', headers }, resolve);
      req.on('error', reject);
      req.end(body);
    });
    let text = '';
    for await (const chunk of res) text += chunk;
    return { status: res.statusCode, text };
  }
  // xml.sax.saxutils.escape: &, < and > (simple_salesforce/login.py, lines 93-94).
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  it.each([
    ['production', PROD],
    ['a sandbox My Domain', UAT],
  ])('logs in with the JSON’s domain, %s', async (_, account) => {
    const config = JSON.parse(await copied('salesforce', account, 'simple-salesforce'));
    // simple_salesforce/login.py, line 242: the SOAP URL is built from the domain; lines 99-117 the body; 243-247 the headers.
    const soapUrl = `https://${config.domain}.salesforce.com/services/Soap/u/59.0`;
    const body = `<?xml version="1.0" encoding="utf-8" ?><env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com"><env:Header><urn:CallOptions><urn:client>simple-salesforce</urn:client><urn:defaultNamespace>sf</urn:defaultNamespace></urn:CallOptions></env:Header><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>${escape(config.username)}</n1:username><n1:password>${escape(config.password)}${config.security_token}</n1:password></n1:login></env:Body></env:Envelope>`;
    const res = await post(soapUrl, body, { 'content-type': 'text/xml', charset: 'UTF-8', SOAPAction: 'login' });
    expect(res.text).toContain('<sessionId>');
    expect(res.status).toBe(200);
  });

  it('gets a client credentials token with the OAuth kind’s JSON', async () => {
    const config = JSON.parse(await copied('salesforce-oauth', APP, 'simple-salesforce'));
    // simple_salesforce/login.py, lines 220-230: Basic auth of key:secret, to https://{domain}.salesforce.com/services/oauth2/token.
    const res = await post(`https://${config.domain}.salesforce.com/services/oauth2/token`, 'grant_type=client_credentials', {
      'content-type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${config.consumer_key}:${config.consumer_secret}`).toString('base64')}`,
    });
    expect(JSON.parse(res.text)).toMatchObject({ access_token: expect.any(String) });
  });
});

describe('client: the sf CLI (its SFDX auth URL rule, copied)', () => {
  // @salesforce/core 9.1.1, src/org/authInfo.ts, line 390 (AuthInfo.parseSfdxAuthUrl), copied here rather than
  // imported so that the test holds Tokenkeep to sf's rule, not to its own copy of it.
  const SF_RULE = /^force:\/\/([a-zA-Z0-9._-]+={0,2}):([a-zA-Z0-9._-]*={0,2}):([a-zA-Z0-9._-]+={0,2})@([a-zA-Z0-9:._-]+)/;
  const sfReads = (url: string) => {
    const [, clientId, clientSecret, refreshToken, host] = SF_RULE.exec(url) ?? [];
    return { clientId, clientSecret, refreshToken, instanceUrl: `https://${host}` };
  };

  it.each([
    ['as sf prints it', `force://3MVG9Acme_Prod.Key:${''}:${REFRESH}@acme.my.salesforce.com`],
    ['with https:// before the instance', `force://3MVG9Acme_Prod.Key::${REFRESH}@https://acme.my.salesforce.com`],
    ['with a trailing slash', `force://3MVG9Acme_Prod.Key::${REFRESH}@acme.my.salesforce.com/`],
  ])('gives sf, %s, a URL it reads as the parts Tokenkeep shows, and sf’s refresh then works', async (_, pasted) => {
    const fields = await checkFields(kindOf('salesforce-sfdx-url')!, { sfdxUrl: pasted });
    for (const format of ['sfdx-url', 'sfdx-url-file']) {
      const text = (await formatOf(kindOf('salesforce-sfdx-url')!, format)!.text(fields, { now: 0 }))!;
      const url = format === 'sfdx-url' ? text : (JSON.parse(text) as { sfdxAuthUrl: string }).sfdxAuthUrl;
      expect(sfReads(url)).toEqual({
        clientId: fields.clientId,
        clientSecret: fields.clientSecret ?? '',
        refreshToken: fields.refreshToken,
        instanceUrl: fields.instanceUrl,
      });
    }
    // src/org/authInfo.ts, lines 1151-1165: sf refreshes through jsforce's OAuth2 at the URL's instance.
    const read = sfReads(fields.sfdxUrl!);
    const oauth2 = new jsforce.OAuth2({
      loginUrl: read.instanceUrl,
      clientId: read.clientId,
      ...(read.clientSecret ? { clientSecret: read.clientSecret } : {}),
    });
    expect(await oauth2.refreshToken(read.refreshToken!)).toMatchObject({ access_token: expect.any(String), instance_url: 'https://acme.my.salesforce.com' });
  });

  it('refuses a URL whose refresh token sf would send to another host than the one shown, naming that host', async () => {
    const crafted = `force://3MVG9Acme_Prod.Key::${REFRESH}@evil.example.com/@acme.my.salesforce.com`;
    expect(sfReads(crafted).instanceUrl).toBe('https://evil.example.com');
    await expect(checkFields(kindOf('salesforce-sfdx-url')!, { sfdxUrl: crafted })).rejects.toThrow(/sf would send its refresh token to evil\.example\.com/);
  });
});
