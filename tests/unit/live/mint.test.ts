/**
 * Minting against the stand-in over real TLS (../clients/salesforce-standin.ts),
 * which checks what Salesforce checks: the client id and secret, the JWT's
 * signature against the app's certificate with its iss, sub, aud and exp,
 * the refresh token. The fetch is Node's https, reaching the stand-in by the
 * real host names; nothing is mocked. Then the copied curl call is run as
 * pasted, and the stand-in must take its token.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../utils/common/errors';
import { formatOf, kindOf, type Fields } from '../../../utils/kinds';
import { checkFields } from '../../../utils/kinds/check';
import { call, RESPONSE_LIMIT } from '../../../utils/live/http';
import { mintToken, readTokenReply } from '../../../utils/live/mint';
import { frontdoorUrl, identity, TokenRejected } from '../../../utils/live/org';
import jsforce from 'jsforce';
import { curlHome, routeNodeHttps, runShell, standinFetch } from '../clients/route';
import { startSalesforceStandin, type Standin } from '../clients/salesforce-standin';
import { makeTestTls } from '../clients/tls';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/kinds', name), 'utf8');
const SECRET = `S3cr'et\\"$x #1`;
const REFRESH = '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrnx.ZA';
const LIAR = 'acme.evil-instance.example';

const APP = { clientId: '3MVG9Acme_Prod.Key', clientSecret: SECRET, certificate: fixture('jwt-cert.pem'), refreshTokens: { [REFRESH]: 'jane@acme.com' } };
const ORGS = [
  {
    id: '00D5e000000AcmePRD',
    myDomain: 'acme.my.salesforce.com',
    sandbox: false,
    users: [{ username: 'jane@acme.com', password: 'x', token: 'y' }],
    apps: [APP],
  },
  {
    id: '00D5e000000LiarPRD',
    myDomain: 'liar.my.salesforce.com',
    sandbox: false,
    answersInstance: LIAR,
    users: [{ username: 'ops@liar.com', password: 'x', token: 'y' }],
    apps: [{ clientId: '3MVG9Liar.Key', clientSecret: SECRET }],
  },
];

let standin: Standin;
let fetch: ReturnType<typeof standinFetch>;
beforeAll(async () => {
  standin = await startSalesforceStandin(ORGS, { extraHosts: [LIAR] });
  fetch = standinFetch(standin);
});
afterAll(() => standin?.close());

const now = () => Date.now();
async function mint(kind: string, input: Fields) {
  const k = kindOf(kind)!;
  return mintToken(k, await checkFields(k, input), { fetch, now });
}
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).message;
    },
  );

const OAUTH = { clientId: APP.clientId, clientSecret: SECRET, myDomain: 'https://acme.my.salesforce.com' };
const JWT = { clientId: APP.clientId, username: 'jane@acme.com', privateKey: fixture('jwt-key.pem'), loginUrl: 'https://login.salesforce.com' };
const SFDX = { sfdxUrl: `force://${APP.clientId}::${REFRESH}@acme.my.salesforce.com` };

describe('minting against Salesforce’s token endpoint (the stand-in)', () => {
  it.each([
    ['client credentials', 'salesforce-oauth', OAUTH, 'client_credentials', 'acme.my.salesforce.com'],
    ['JWT bearer', 'salesforce-jwt', JWT, 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'login.salesforce.com'],
    ['refresh token', 'salesforce-sfdx-url', SFDX, 'refresh_token', 'acme.my.salesforce.com'],
  ])('mints with the %s grant, and the org takes the token', async (_grant, kind, input, grant, host) => {
    standin.seen.length = 0;
    const token = await mint(kind, input);
    expect(standin.seen).toEqual([{ host, path: '/services/oauth2/token', grant, ...(grant.includes('jwt') ? { username: 'jane@acme.com' } : {}) }]);
    expect(token.instanceUrl).toBe('https://acme.my.salesforce.com');
    expect(token.expiresAt - token.mintedAt).toBe(120 * 60_000);
    // The identity URL answers who the token is for; the frontdoor gives a single-use URL on the instance.
    expect(await identity(fetch, token)).toMatchObject({ orgId: '00D5e000000AcmePRD', username: 'jane@acme.com' });
    expect(await frontdoorUrl(fetch, token, kindOf(kind)!.mint!)).toMatch(/^https:\/\/acme\.my\.salesforce\.com\/secur\/frontdoor\.jsp\?otp=/);
  });

  it('puts the secrets in the POST body, never in the URL', async () => {
    const seen: string[] = [];
    const watching: typeof fetch = (url, init) => (seen.push(url), fetch(url, init));
    await mintToken(kindOf('salesforce-oauth')!, await checkFields(kindOf('salesforce-oauth')!, OAUTH), { fetch: watching, now });
    expect(seen).toEqual(['https://acme.my.salesforce.com/services/oauth2/token']);
  });

  it('says what a wrong secret, a revoked refresh token and a stranger’s JWT mean, in sentences', async () => {
    expect(await refusal(mint('salesforce-oauth', { ...OAUTH, clientSecret: 'wrong' }))).toBe(
      'Salesforce refused the consumer key or secret: copy them again from the app’s settings (an External Client App shows a new secret when it is rotated). (invalid_client)',
    );
    expect(await refusal(mint('salesforce-sfdx-url', { sfdxUrl: `force://${APP.clientId}::5AepRevoked@acme.my.salesforce.com` }))).toBe(
      'The refresh token was revoked or has expired: log in again (sf org login web), then save the new SFDX auth URL. (invalid_grant)',
    );
    expect(await refusal(mint('salesforce-jwt', { ...JWT, username: 'nobody@acme.com' }))).toContain('This user is not approved for the app');
    expect(await refusal(mint('salesforce-sfdx-url', { sfdxUrl: `force://3MVG9Unknown::${REFRESH}@acme.my.salesforce.com` }))).toContain(
      'Salesforce does not know this consumer key',
    );
  });

  it('refuses an answer naming a non-Salesforce instance, and the token goes nowhere', async () => {
    standin.seen.length = 0;
    const message = await refusal(mint('salesforce-oauth', { clientId: '3MVG9Liar.Key', clientSecret: SECRET, myDomain: 'https://liar.my.salesforce.com' }));
    expect(message).toBe(
      `The token answer from liar.my.salesforce.com named ${LIAR} as the org, which is not one of Salesforce’s hosts over https: Tokenkeep refused it, and sent the token nowhere.`,
    );
    expect(standin.seen.map((s) => s.host)).toEqual(['liar.my.salesforce.com']);
  });

  it('sends no secret to an endpoint outside Salesforce’s domains', async () => {
    standin.seen.length = 0;
    const k = kindOf('salesforce-sfdx-url')!;
    const fields = await checkFields(k, { sfdxUrl: `force://${APP.clientId}::${REFRESH}@${LIAR}` });
    expect(await refusal(mintToken(k, fields, { fetch, now }))).toBe(
      `Tokenkeep sends this secret only to Salesforce over https: ${LIAR} is not one of Salesforce’s hosts.`,
    );
    expect(standin.seen).toEqual([]);
  });

  it('copies a curl call that curl runs, as pasted, against the org with the minted token', async () => {
    const token = await mint('salesforce-oauth', OAUTH);
    const text = await formatOf(kindOf('salesforce-oauth')!, 'curl-api')!.text(OAUTH, { now: now(), live: token });
    const home = curlHome(standin);
    try {
      const run = await runShell('bash', text!, home.env);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ organization_id: '00D5e000000AcmePRD', username: 'jane@acme.com' });
    } finally {
      home.remove();
    }
    expect(await formatOf(kindOf('salesforce-oauth')!, 'bearer-header')!.text(OAUTH, { now: now(), live: token })).toBe(
      `Authorization: Bearer ${token.accessToken}`,
    );
  });

  it('gives a program what its readers take: jsforce queries with SF_ACCESS_TOKEN and SF_INSTANCE_URL, and sf sees SF_TARGET_ORG as an access token', async () => {
    const token = await mint('salesforce-sfdx-url', SFDX);
    const env = Object.fromEntries(kindOf('salesforce-sfdx-url')!.mint!.env.map(([name, part]) => [name, token[part]]));
    // A jsforce script, as scripts read these names: new Connection({ accessToken, instanceUrl }).
    const unroute = routeNodeHttps(standin);
    try {
      const conn = new jsforce.Connection({ accessToken: env.SF_ACCESS_TOKEN!, instanceUrl: env.SF_INSTANCE_URL! });
      expect((await conn.query<{ Id: string }>('SELECT Id FROM Organization')).records[0]!.Id).toBe('00D5e000000AcmePRD');
    } finally {
      unroute();
    }
    // sf runs with no auth file when its target org is an access token: @salesforce/core src/util/sfdc.ts, line 57
    // (accessTokenRegex, which matchesAccessToken applies), with SF_ORG_INSTANCE_URL naming the instance.
    expect(/(00D\w{12,15})![.\w]*/.test(env.SF_TARGET_ORG!)).toBe(true);
    expect(env.SF_ORG_INSTANCE_URL).toBe('https://acme.my.salesforce.com');
  });

  it('knows a token the org no longer takes, so it can mint again', async () => {
    const token = await mint('salesforce-oauth', OAUTH);
    await expect(identity(fetch, { ...token, accessToken: `${token.accessToken}x` })).rejects.toBeInstanceOf(TokenRejected);
  });
});

describe('what Tokenkeep reads from a server', () => {
  let server: Server;
  let tls: Awaited<ReturnType<typeof makeTestTls>>;
  let port: number;
  const routes = new Map<string, (res: import('node:http').ServerResponse) => void>();
  beforeAll(async () => {
    tls = await makeTestTls(['odd.my.salesforce.com']);
    server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      const route = routes.get(req.url ?? '');
      if (route) route(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  const odd = () => standinFetch({ port, tls } as Standin);

  it('refuses an answer over 64 KB, declared or streamed', async () => {
    routes.set('/big', (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('x'.repeat(RESPONSE_LIMIT + 1)));
    routes.set('/stream', (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 20; i++) res.write('y'.repeat(8192));
      res.end();
    });
    for (const path of ['/big', '/stream'])
      await expect(call(odd(), `https://odd.my.salesforce.com${path}`, { method: 'GET' })).rejects.toThrow(
        'odd.my.salesforce.com sent an answer larger than Tokenkeep reads (64 KB): it was refused.',
      );
  });

  it('follows no redirect', async () => {
    routes.set('/moved', (res) => res.writeHead(302, { location: 'https://elsewhere.example/services/oauth2/token' }).end());
    await expect(call(odd(), 'https://odd.my.salesforce.com/moved', { method: 'POST' })).rejects.toThrow(
      'odd.my.salesforce.com answered with a redirect, which Tokenkeep does not follow: nothing was sent on.',
    );
  });

  it('refuses a token answer it cannot read, and one whose identity URL is plain http', () => {
    const mint = kindOf('salesforce-oauth')!.mint!;
    const at = 'https://acme.my.salesforce.com/services/oauth2/token';
    expect(() => readTokenReply({ status: 200, text: '<html>' }, mint, at, 0)).toThrow(
      'acme.my.salesforce.com answered the token request in a way Tokenkeep cannot read (HTTP 200): is it a Salesforce token endpoint?',
    );
    const reply = { access_token: 'a', instance_url: 'https://acme.my.salesforce.com', id: 'http://login.salesforce.com/id/00D/005' };
    expect(() => readTokenReply({ status: 200, text: JSON.stringify(reply) }, mint, at, 0)).toThrow('as the identity URL');
  });
});
