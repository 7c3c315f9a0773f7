/**
 * A stand-in for Salesforce's browser login, over real TLS on 127.0.0.1,
 * reached through a local proxy so the browser asks for the real host names
 * (test.salesforce.com) and "Log in" runs as it would there:
 *
 * - GET / is the username-first page Salesforce shows since June 2026: one
 *   username field and Next, posted to /identify;
 * - /identify answers with the password page for that user (the username
 *   kept in a hidden field), posted to /login;
 * - /login refuses a wrong password on the same page, with Salesforce's
 *   words, and answers a right one with "Verify Your Identity" and a code
 *   field, as it does for a user with MFA on UI logins.
 *
 * It records every form it is sent, for the test to compare with what a
 * person would have typed.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeTestTls } from '../../unit/clients/tls';
import { spkiOf, startProxy } from './proxy';

export { firefoxProxyPrefs } from './proxy';

export interface LoginSite {
  /** The proxy every https request goes through: `host:port`. */
  proxy: string;
  /** The base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
  /** Each form posted, in order: its path and fields. */
  posts: Array<{ host: string; path: string; fields: Record<string, string> }>;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Salesforce</title></head><body><main>${body}</main></body></html>`;
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const USERNAME_PAGE = page(
  'Login',
  `<h1>Log in</h1><form name="login" method="post" action="/identify">
  <label for="username">Username</label><input type="email" id="username" name="username" autocomplete="username">
  <input type="submit" id="Next" value="Next"></form>`,
);
const passwordPage = (username: string, error = false) =>
  page(
    'Login',
    `<h1>Log in</h1><form name="login" method="post" action="/login">
  <p>${escape(username)}</p><input type="hidden" name="username" value="${escape(username)}">
  <label for="password">Password</label><input type="password" id="password" name="pw" autocomplete="current-password">
  <input type="submit" id="Login" value="Log In">
  ${error ? `<div id="error" role="alert">Please check your username and password. If you still can't log in, contact your Salesforce administrator.</div>` : ''}
  </form>`,
  );
const VERIFY_PAGE = page(
  'Verify Your Identity',
  `<h1>Verify Your Identity</h1><p>Enter the verification code from your authenticator app.</p>
  <form method="post" action="/verify"><label for="emc">Verification Code</label><input id="emc" name="emc" inputmode="numeric" autocomplete="one-time-code">
  <input type="submit" value="Verify"></form>`,
);

export async function startLoginSite({ hosts, users }: { hosts: string[]; users: Record<string, string> }): Promise<LoginSite> {
  const tls = await makeTestTls(hosts);
  const posts: LoginSite['posts'] = [];
  const site: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', `https://${host}`).pathname;
    const send = (html: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    if (req.method !== 'POST') return void send(USERNAME_PAGE);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(body));
      posts.push({ host, path, fields });
      const username = fields.username ?? '';
      if (path === '/identify') return void send(username in users ? passwordPage(username) : USERNAME_PAGE);
      if (path === '/login') return void send(users[username] === fields.pw ? VERIFY_PAGE : passwordPage(username, true));
      send(VERIFY_PAGE);
    });
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const sitePort = (site.address() as AddressInfo).port;

  const proxy = await startProxy(hosts, sitePort);
  return {
    proxy: proxy.address,
    spki: spkiOf(tls.keyPem),
    posts,
    async close() {
      site.closeAllConnections();
      await Promise.all([proxy.close(), new Promise((r) => site.close(r))]);
    },
  };
}
