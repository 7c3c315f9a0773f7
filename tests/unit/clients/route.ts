/**
 * How a real client reaches the stand-in: only its route changes. The
 * client still connects by the name it was given (acme.my.salesforce.com),
 * over TLS, checking the certificate chain (the test CA, and nothing else)
 * and the name, as it would for Salesforce; the connection just lands on
 * 127.0.0.1 at the stand-in's port. That is what /etc/hosts would do, with
 * the port added, and nothing about the client is replaced.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { Readable, type Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { programPath } from '../../../scripts/lib/browsers';
import { runProcess, type ProcessRun } from '../../../scripts/lib/run';
import type { Standin } from './salesforce-standin';

/**
 * Node's https (what jsforce's node-fetch uses when given no agent) goes to
 * the stand-in, trusting only its CA. Returns the function that puts the
 * default agent back.
 */
export function routeNodeHttps(standin: Standin): () => void {
  const before = https.globalAgent;
  class StandinAgent extends https.Agent {
    override createConnection(options: https.RequestOptions): Duplex {
      const name = (options as tls.ConnectionOptions).servername || options.host || undefined;
      return tls.connect({ ...(options as tls.ConnectionOptions), host: '127.0.0.1', port: standin.port, servername: name, ca: standin.tls.caPem });
    }
  }
  https.globalAgent = new StandinAgent({ keepAlive: false });
  return () => {
    https.globalAgent.destroy();
    https.globalAgent = before;
  };
}

/**
 * A home for curl's configuration (CURL_HOME/.curlrc): every host to the
 * stand-in's port (`connect-to`), and its CA as the only one trusted. A
 * copied command runs exactly as pasted, with nothing added to it.
 */
export function curlHome(standin: { port: number; tls: { caPem: string } }): { env: NodeJS.ProcessEnv; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tk-curl-'));
  writeFileSync(path.join(dir, 'ca.pem'), standin.tls.caPem);
  writeFileSync(path.join(dir, '.curlrc'), `connect-to = "::127.0.0.1:${standin.port}"\ncacert = "${path.join(dir, 'ca.pem')}"\n`);
  return { env: { CURL_HOME: dir }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

/**
 * Runs `script` in the shell, as its command string (what a paste is parsed
 * as; fish refuses a socket for its input, which is what Node gives a
 * child), with `env` added; stdout, stderr and the exit code.
 */
export function runShell(shell: Shell, script: string, env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  // --norc/-f/--no-config: the user's own start-up files play no part.
  const args = { bash: ['--norc', '--noprofile', '-c'], zsh: ['-f', '-c'], fish: ['--no-config', '-c'] }[shell];
  return runProcess(shell === 'bash' ? 'bash' : programPath(shell), [...args, script], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8', ...env },
  });
}

/** The exported variables a shell holds after reading `script`, by `env -0` (exact, line breaks and all). */
export async function exportedAfter(shell: Shell, script: string): Promise<Record<string, string>> {
  const { code, stdout, stderr } = await runShell(shell, `${script}\nenv -0`);
  if (code !== 0) throw new Error(`${shell} failed (${code}): ${stderr}`);
  return Object.fromEntries(
    stdout
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

/**
 * A WHATWG fetch over Node's https that reaches the stand-in as a browser
 * would reach Salesforce: by the URL's host name (SNI and the certificate's
 * name checked against the test CA alone), landing on 127.0.0.1. It follows
 * no redirect, as Tokenkeep's own requests ask; the body streams, so a size
 * cap is tested on what arrives.
 */
export function standinFetch(standin: Standin): (url: string, init: RequestInit) => Promise<Response> {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const req = https.request(
        {
          host: '127.0.0.1',
          port: standin.port,
          servername: target.hostname,
          ca: standin.tls.caPem,
          method: init.method ?? 'GET',
          path: `${target.pathname}${target.search}`,
          headers: { ...headers, host: target.host },
          agent: false,
        },
        (res) => {
          const body = res.statusCode === 204 || res.statusCode === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
          resolve(new Response(body, { status: res.statusCode ?? 500, headers: responseHeaders }));
        },
      );
      req.on('error', reject);
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
}
