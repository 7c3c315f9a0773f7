/**
 * A stand-in for Salesforce's login and OAuth endpoints, over real TLS on
 * 127.0.0.1, for the client tests: the real clients (curl, jsforce) talk to
 * it as they would to Salesforce, and it checks what Salesforce checks.
 *
 * - SOAP login() at /services/Soap/u/NN.N: a text/xml envelope; the user's
 *   password with the current security token (or TOTP code) appended; and a
 *   login host that the user's org accepts: production users at
 *   login.salesforce.com, sandbox users at test.salesforce.com, either at
 *   their own My Domain, and only there where the org blocks the generic
 *   hosts (My Domain's "Prevent login from https://login.salesforce.com").
 * - /services/oauth2/token, form-encoded: client_credentials only at the
 *   app's org's My Domain (Salesforce answers "request not supported on this
 *   domain" elsewhere), with the consumer key and secret in the body or in
 *   HTTP Basic; the JWT bearer grant, its RS256 signature checked against the
 *   app's certificate, iss the consumer key, sub a user of the org, aud
 *   login.salesforce.com or test.salesforce.com by the org, and an exp ahead
 *   but within 3 minutes (and a minute's clock skew); refresh_token with the
 *   app's client id and, where given, its secret.
 * - REST: a query and the identity URL, with a Bearer token it issued, at
 *   the instance it issued it for.
 * - POST /services/oauth2/singleaccess with such a token: a single-use
 *   frontdoor_uri on the instance, whose page (/secur/frontdoor.jsp) opens
 *   once, as Salesforce's Single-Access UI Bridge documents it.
 * - An org may be made to lie: `answersInstance` puts another host in its
 *   token answers' instance_url, for the client to refuse.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { importX509, jwtVerify } from 'jose';
import { TOTP } from 'otpauth';
import { makeTestTls, type TestTls } from './tls';

export interface StandinUser {
  username: string;
  password: string;
  token: string;
  /** A base32 TOTP secret: with MFA for API logins the code takes the token's place. */
  totp?: string;
}

export interface StandinApp {
  clientId: string;
  clientSecret: string;
  /** PEM: the certificate uploaded for the JWT bearer flow. */
  certificate?: string;
  /** Refresh tokens issued to this app, and the user each stands for. */
  refreshTokens?: Record<string, string>;
}

export interface StandinOrg {
  id: string;
  /** Its My Domain host: acme.my.salesforce.com, acme--uat.sandbox.my.salesforce.com. */
  myDomain: string;
  sandbox: boolean;
  blocksGenericLogin?: boolean;
  /** A host its token answers name as the instance, in place of its own: what a client must refuse. */
  answersInstance?: string;
  users: StandinUser[];
  apps: StandinApp[];
}

/** One request as the stand-in judged it: where, what, and the error it answered, if any. */
export interface Seen {
  host: string;
  path: string;
  grant?: string;
  username?: string;
  error?: string;
  /** It came with a Bearer token (any: one this stand-in issued or not). */
  bearer?: boolean;
}

export interface Standin {
  port: number;
  tls: TestTls;
  seen: Seen[];
  close(): Promise<void>;
}

const GENERIC = { production: 'login.salesforce.com', sandbox: 'test.salesforce.com' };
export const STANDIN_HOSTS = ['login.salesforce.com', 'test.salesforce.com', '*.my.salesforce.com', '*.sandbox.my.salesforce.com'] as const;

const unxml = (s: string) =>
  s.replace(
    /&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi,
    (_, e: string) =>
      ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e.toLowerCase()] ??
      String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
const element = (xml: string, name: string) => {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return m ? unxml(m[1]!) : undefined;
};

/** `extraHosts`: more names the certificate covers (a host an org lies about, to see that nothing goes there). */
export async function startSalesforceStandin(orgs: StandinOrg[], { extraHosts = [] }: { extraHosts?: string[] } = {}): Promise<Standin> {
  const tls = await makeTestTls([...STANDIN_HOSTS, ...extraHosts]);
  /** Frontdoor one-time passwords, each for one session, taken once. */
  const frontdoors = new Map<string, { host: string; user: string }>();
  const seen: Seen[] = [];
  // A session works at its instance; its identity URL also at the login host that issued it, as Salesforce's does.
  const sessions = new Map<string, { host: string; login: string; org: StandinOrg; user: string }>();
  const userId = (org: StandinOrg, username: string) =>
    `005${org.id.slice(3, 8)}${String(org.users.findIndex((u) => u.username === username)).padStart(10, '0')}`;

  const orgOfUser = (username: string) => orgs.find((o) => o.users.some((u) => u.username.toLowerCase() === username.toLowerCase()));
  const hostServes = (org: StandinOrg, host: string) =>
    host === org.myDomain || (!org.blocksGenericLogin && host === GENERIC[org.sandbox ? 'sandbox' : 'production']);

  function issue(host: string, org: StandinOrg, user: string) {
    const accessToken = `${org.id}!${randomBytes(24).toString('base64url')}`;
    sessions.set(accessToken, { host: org.myDomain, login: host, org, user });
    return {
      access_token: accessToken,
      instance_url: `https://${org.answersInstance ?? org.myDomain}`,
      id: `https://${host}/id/${org.id}/${userId(org, user)}`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      signature: randomBytes(32).toString('base64'),
    };
  }

  function soapLogin(host: string, req: IncomingMessage, body: string, send: (status: number, type: string, text: string) => void, note: Seen) {
    const fault = (code: string, text: string) => {
      note.error = code;
      send(
        500,
        'text/xml',
        `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${text}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
      );
    };
    if (!/^text\/xml\b/.test(req.headers['content-type'] ?? '')) return fault('INVALID_REQUEST', 'Content-Type must be text/xml.');
    const username = element(body, 'username') ?? '';
    const password = element(body, 'password') ?? '';
    note.username = username;
    const org = orgOfUser(username);
    const user = org?.users.find((u) => u.username.toLowerCase() === username.toLowerCase());
    const codes = user?.totp
      ? [-30_000, 0, 30_000].map((skew) => new TOTP({ secret: user.totp!, digits: 6, period: 30 }).generate({ timestamp: Date.now() + skew }))
      : [];
    const accepted = user && [user.password + user.token, ...codes.map((c) => user.password + c)].includes(password);
    // Salesforce answers a wrong host, a wrong password and a missing token with the same words.
    if (!org || !user || !accepted || !hostServes(org, host)) return fault('INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
    const { access_token: sessionId } = issue(host, org, user.username);
    const version = /\/u\/(\d+\.\d)/.exec(req.url ?? '')?.[1] ?? '59.0';
    send(
      200,
      'text/xml',
      `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com"><soapenv:Body><loginResponse><result><passwordExpired>false</passwordExpired><sandbox>${org.sandbox}</sandbox><serverUrl>https://${org.myDomain}/services/Soap/u/${version}/${org.id}</serverUrl><sessionId>${sessionId}</sessionId><userId>${userId(org, user.username)}</userId><userInfo><organizationId>${org.id}</organizationId><userId>${userId(org, user.username)}</userId><userName>${user.username}</userName></userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>`,
    );
  }

  async function token(host: string, req: IncomingMessage, body: string, reply: (status: number, value: unknown) => void, note: Seen) {
    const refuse = (status: number, error: string, description: string) => {
      note.error = `${error}: ${description}`;
      reply(status, { error, error_description: description });
    };
    if (!/^application\/x-www-form-urlencoded\b/.test(req.headers['content-type'] ?? ''))
      return refuse(400, 'invalid_request', 'must use Content-Type application/x-www-form-urlencoded');
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type') ?? '';
    note.grant = grant;
    // Client authentication: in the body, or HTTP Basic (RFC 6749, 2.3.1).
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? (([i, ...s]) => [i, s.join(':')])(Buffer.from(basic, 'base64').toString('utf8').split(':')) : [];
    const clientId = form.get('client_id') ?? basicId;
    const clientSecret = form.get('client_secret') ?? basicSecret;
    const found = orgs.flatMap((org) => org.apps.map((app) => ({ org, app }))).find(({ app }) => app.clientId === clientId);

    if (grant === 'client_credentials') {
      if (!found || found.app.clientSecret !== clientSecret) return refuse(400, 'invalid_client', 'invalid client credentials');
      if (host !== found.org.myDomain) return refuse(400, 'invalid_grant', 'request not supported on this domain');
      return reply(200, issue(host, found.org, found.org.users[0]!.username));
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const assertion = form.get('assertion') ?? '';
      const candidates = orgs.flatMap((org) => org.apps.filter((a) => a.certificate).map((app) => ({ org, app })));
      for (const { org, app } of candidates) {
        const audience = `https://${GENERIC[org.sandbox ? 'sandbox' : 'production']}`;
        try {
          const { payload } = await jwtVerify(assertion, await importX509(app.certificate!, 'RS256'), {
            issuer: app.clientId,
            audience,
            algorithms: ['RS256'],
            clockTolerance: 60,
          });
          if (!payload.exp || payload.exp > Date.now() / 1000 + 180 + 60) return refuse(400, 'invalid_grant', 'expiration time must be within 3 minutes');
          const user = org.users.find((u) => u.username.toLowerCase() === String(payload.sub).toLowerCase());
          note.username = String(payload.sub);
          if (!user) return refuse(400, 'invalid_grant', 'user hasn\u2019t approved this consumer');
          if (!hostServes(org, host)) return refuse(400, 'invalid_grant', 'audience is invalid');
          return reply(200, issue(host, org, user.username));
        } catch {
          // Not this app's assertion: try the next.
        }
      }
      return refuse(400, 'invalid_grant', 'invalid assertion');
    }
    if (grant === 'refresh_token') {
      if (!found || (clientSecret && found.app.clientSecret !== clientSecret)) return refuse(400, 'invalid_client_id', 'client identifier invalid');
      const user = found.app.refreshTokens?.[form.get('refresh_token') ?? ''];
      if (!user) return refuse(400, 'invalid_grant', 'expired access/refresh token');
      if (!hostServes(found.org, host)) return refuse(400, 'invalid_grant', 'request not supported on this domain');
      return reply(200, issue(host, found.org, user));
    }
    return refuse(400, 'unsupported_grant_type', 'grant type not supported');
  }

  function rest(host: string, req: IncomingMessage, reply: (status: number, value: unknown) => void, note: Seen) {
    const session = sessions.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const identityAtLogin = !!session && session.login === host && (req.url ?? '').startsWith('/id/');
    if (!session || (session.host !== host && !identityAtLogin)) {
      note.error = 'INVALID_SESSION_ID';
      return reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    note.username = session.user;
    if (req.method === 'POST' && (req.url ?? '').split('?')[0] === '/services/oauth2/singleaccess') {
      const otp = randomBytes(24).toString('base64url');
      frontdoors.set(otp, { host, user: session.user });
      return reply(200, { frontdoor_uri: `https://${host}/secur/frontdoor.jsp?otp=${otp}` });
    }
    if (/^\/services\/data\/v\d+\.\d\/query\b/.test(req.url ?? ''))
      return reply(200, { totalSize: 1, done: true, records: [{ attributes: { type: 'Organization' }, Id: session.org.id }] });
    return reply(200, { organization_id: session.org.id, username: session.user });
  }

  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const path = (req.url ?? '').split('?')[0]!;
      const note: Seen = { host, path, ...(/^Bearer /.test(req.headers.authorization ?? '') ? { bearer: true } : {}) };
      seen.push(note);
      const send = (status: number, type: string, text: string) => res.writeHead(status, { 'content-type': `${type}; charset=UTF-8` }).end(text);
      const reply = (status: number, value: unknown) => send(status, 'application/json', JSON.stringify(value));
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && /^\/services\/Soap\/u\/\d+\.\d$/.test(path)) return soapLogin(host, req, body, send, note);
      if (req.method === 'POST' && path === '/services/oauth2/token') return void token(host, req, body, reply, note);
      if ((req.method === 'GET' && (path.startsWith('/services/data/') || path.startsWith('/id/'))) || path === '/services/oauth2/singleaccess')
        return rest(host, req, reply, note);
      if (req.method === 'GET' && path === '/secur/frontdoor.jsp') {
        const otp = new URL(req.url ?? '/', `https://${host}`).searchParams.get('otp') ?? '';
        const door = frontdoors.get(otp);
        frontdoors.delete(otp);
        if (!door || door.host !== host) note.error = 'INVALID_OTP';
        const title = door && door.host === host ? 'Home | Salesforce' : 'Login | Salesforce';
        const body = door && door.host === host ? `<h1>Home</h1><p>Logged in as ${door.user}</p>` : '<h1>Log in</h1><p>Your session has ended.</p>';
        return send(200, 'text/html', `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main>${body}</main></body></html>`);
      }
      note.error = 'NOT_FOUND';
      return reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    tls,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
