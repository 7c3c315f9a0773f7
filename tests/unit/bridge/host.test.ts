/**
 * The native-messaging host and the `tokenkeep` CLI as the user runs them:
 * the bundled host started as a browser starts it, with the test playing the
 * browser on its stdin and stdout, and the bundled CLI talking to its socket.
 * What the browser answers is the background's business (answer.test.ts and
 * the e2e tests); here it is scripted.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOT_RUNNING } from '../../../bridge/client';
import { buildBridge } from '../../../scripts/lib/terminal';
import { createFrameReader, encodeFrame } from '../../../utils/bridge/framing';
import { MASK } from '../../../utils/bridge/mask';
import { KEY_FILE, REQUEST_LIMIT } from '../../../utils/bridge/protocol';
import { salesforceSfdxUrl as sfdxUrlKind } from '../../../utils/kinds/salesforce-sfdx-url.kind';
import { ROOT } from '../../e2e/support/paths';
import { CHECKSUM_CHILD, CI_URL, CLI, DEV_URL, fakeSfOrgs, secretsWritten, terminalHome, tokenkeep, type TerminalHome } from '../../e2e/support/terminal';

const PASSWORD = 'Pa55-word!';
const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';
const VARIABLES = [
  { name: 'SF_USERNAME', value: 'integration@acme.com', secret: false },
  { name: 'SF_PASSWORD', value: PASSWORD, secret: true },
  { name: 'SF_SECURITY_TOKEN', value: TOKEN, secret: true },
];

interface Browser {
  /** The next message the host sends that is not its status. */
  request(): Promise<{ id: number; request: Record<string, unknown> }>;
  /** Resolves once the host has reported this status (again, after `since` reports). */
  reported(status: string, since?: number): Promise<void>;
  statuses: string[];
  reply(id: number, reply: unknown): void;
  /** The browser letting go of the port: stdin closes. */
  close(): Promise<void>;
  process: ChildProcessWithoutNullStreams;
}

/** Starts the host as a browser does, and resolves once it reports `until`. */
async function startHost(home: TerminalHome, until = 'listening'): Promise<Browser> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bridge/dist/tokenkeep.mjs'), 'host', 'chrome-extension://test/'], {
    env: { ...process.env, ...home.env },
    stdio: 'pipe',
  });
  const reader = createFrameReader(1 << 20);
  const statuses: string[] = [];
  const requests: Array<{ id: number; request: Record<string, unknown> }> = [];
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.stdout.on('data', (chunk: Buffer) => {
    for (const m of reader.push(chunk) as Array<Record<string, unknown>>) {
      if ('status' in m) statuses.push(String(m.status));
      else requests.push(m as never);
    }
    wake();
  });
  const until_ = (test: () => boolean) => new Promise<void>((resolve) => (test() ? resolve() : waiters.push(() => until_(test).then(resolve))));
  await until_(() => statuses.includes(until));
  return {
    statuses,
    process: child,
    reported: (status, since = 0) => until_(() => statuses.slice(since).includes(status)),
    async request() {
      await until_(() => requests.length > 0);
      return requests.shift()!;
    },
    reply: (id, reply) => child.stdin.write(encodeFrame({ id, reply })),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** Sends raw bytes to the host's socket and returns what it answers before closing. */
function rawExchange(socket: string, bytes: Uint8Array): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const reader = createFrameReader(1 << 20);
    const conn = net.connect(socket, () => conn.write(bytes));
    conn.on('data', (chunk) => {
      const [m] = reader.push(chunk);
      if (m !== undefined) resolve(m);
    });
    conn.on('error', reject);
  });
}

let home: TerminalHome;
let browser: Browser | undefined;

// The bundles the browser and the user run.
beforeAll(buildBridge);

beforeEach(async () => {
  home = await terminalHome();
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await home.remove();
});

const socket = () => home.socket;

describe('terminal host and CLI', () => {
  it('listens on a socket only its user can reach', async () => {
    browser = await startHost(home);
    expect((await stat(socket())).mode & 0o777).toBe(0o600);
    expect((await stat(home.socketDir)).mode & 0o777).toBe(0o700);
  });

  it('relays tokenkeep env to the browser, with the command and folder, and prints the answer', async () => {
    browser = await startHost(home);
    const run = tokenkeep(home, ['env', 'acme prod']);
    const { id, request } = await browser.request();
    expect(request).toEqual({ type: 'terminal.env', name: 'acme prod', command: ['tokenkeep', 'env', 'acme prod'], cwd: home.shownCwd });
    browser.reply(id, { ok: true, data: { account: 'Acme prod', variables: VARIABLES } });
    expect(await run).toEqual({ code: 0, stdout: `SF_USERNAME=integration@acme.com\nSF_PASSWORD='${PASSWORD}'\nSF_SECURITY_TOKEN=${TOKEN}\n`, stderr: '' });
  });

  it('prints the environment for a shell or as JSON', async () => {
    browser = await startHost(home);
    for (const [format, expected] of [
      ['shell', `export SF_USERNAME=integration@acme.com\nexport SF_PASSWORD='Pa55-word!'\nexport SF_SECURITY_TOKEN=${TOKEN}\n`],
      ['json', `${JSON.stringify({ SF_USERNAME: 'integration@acme.com', SF_PASSWORD: PASSWORD, SF_SECURITY_TOKEN: TOKEN }, null, 2)}\n`],
    ] as const) {
      const run = tokenkeep(home, ['env', 'acme', '--format', format]);
      const { id } = await browser.request();
      browser.reply(id, { ok: true, data: { account: 'Acme prod', variables: VARIABLES } });
      expect((await run).stdout).toBe(expected);
    }
  });

  it('gives tokenkeep run’s child the variables, masks what it prints of them, and passes its exit code on', async () => {
    browser = await startHost(home);
    const run = tokenkeep(home, ['run', 'acme', '--', ...CHECKSUM_CHILD]);
    const { id, request } = await browser.request();
    expect(request).toMatchObject({ type: 'terminal.env', run: true });
    browser.reply(id, { ok: true, data: { account: 'Acme prod', variables: VARIABLES } });
    const { code, stdout } = await run;
    expect(code).toBe(3);
    expect(stdout).toBe(
      `checksum ${createHash('sha256')
        .update(VARIABLES.map((v) => `${v.name}=${v.value}`).join('\n'))
        .digest('hex')}\npassword ${MASK}\n`,
    );
  });

  it('masks a secret the child prints half on stdout and half on stderr, and in a Basic auth header', async () => {
    browser = await startHost(home);
    const script = `process.stdout.write('pw: ' + process.env.SF_PASSWORD.slice(0, 4)); setTimeout(() => { process.stderr.write(process.env.SF_PASSWORD.slice(4) + '\\n'); console.log('> Authorization: Basic ' + Buffer.from(process.env.SF_USERNAME + ':' + process.env.SF_SECURITY_TOKEN).toString('base64')); }, 50);`;
    const run = tokenkeep(home, ['run', 'acme', '--', process.execPath, '-e', script]);
    const { id } = await browser.request();
    browser.reply(id, { ok: true, data: { account: 'Acme prod', variables: VARIABLES } });
    const { code, stdout, stderr } = await run;
    expect(code).toBe(0);
    const both = stdout + stderr;
    for (const leak of [PASSWORD, PASSWORD.slice(4), Buffer.from(TOKEN).toString('base64').slice(4, 16)]) expect(both).not.toContain(leak);
    expect(stdout).toContain(`pw: ${MASK}`);
    expect(stdout).toContain(`Authorization: Basic `);
  });

  it('says why when the browser refuses, with a non-zero exit and nothing on stdout', async () => {
    browser = await startHost(home);
    const run = tokenkeep(home, ['get', 'acme', 'password']);
    const { id } = await browser.request();
    browser.reply(id, { ok: false, error: { code: 'denied', message: 'Denied in the browser.' } });
    expect(await run).toEqual({ code: 1, stdout: '', stderr: 'tokenkeep: Denied in the browser.\n' });
  });

  it('treats an answer it cannot read as an error, never as half an environment', async () => {
    browser = await startHost(home);
    const run = tokenkeep(home, ['env', 'acme']);
    const { id } = await browser.request();
    browser.reply(id, { ok: true, data: { account: 'Acme prod', variables: [{ name: 'SF_PASSWORD', value: 42 }] } });
    expect(await run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('cannot read: update one of them') });
  });

  it('says plainly when no host is running', async () => {
    expect(await tokenkeep(home, ['list'])).toEqual({ code: 1, stdout: '', stderr: `tokenkeep: ${NOT_RUNNING}\n` });
  });

  it('refuses an oversized or malformed frame, or a request of the wrong shape, without troubling the browser, and goes on serving', async () => {
    browser = await startHost(home);
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, REQUEST_LIMIT + 1, true);
    expect(await rawExchange(socket(), header)).toEqual({
      ok: false,
      error: { code: 'bad-request', message: `The request is over the ${REQUEST_LIMIT}-byte limit.` },
    });
    const junk = new TextEncoder().encode('not json');
    expect(await rawExchange(socket(), new Uint8Array([junk.length, 0, 0, 0, ...junk]))).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'The request is not a framed JSON message.' },
    });
    expect(await rawExchange(socket(), encodeFrame({ type: 'vault.export', command: [], cwd: '/' }))).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('malformed request') },
    });
    expect(await rawExchange(socket(), encodeFrame({ type: 'terminal.env', name: '', command: [], cwd: '/' }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('the account name is empty') },
    });

    const run = tokenkeep(home, ['list']);
    const { id, request } = await browser.request();
    expect(request.type).toBe('terminal.list');
    browser.reply(id, { ok: true, data: { accounts: [{ label: 'Acme prod', kind: 'Salesforce' }] } });
    expect(await run).toMatchObject({ code: 0, stdout: 'Acme prod\tSalesforce\n' });
  });

  it('tells a waiting CLI when the browser lets go, and removes its socket', async () => {
    browser = await startHost(home);
    const run = tokenkeep(home, ['env', 'acme']);
    await browser.request();
    await browser.close();
    browser = undefined;
    expect(await run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('The browser closed Tokenkeep before it answered') });
    await expect(stat(socket())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('lets a second browser’s host wait while the first answers, and take over when it goes', async () => {
    const first = await startHost(home);
    browser = await startHost(home, 'waiting');
    const since = browser.statuses.length;
    await first.close();
    await browser.reported('listening', since);
    const run = tokenkeep(home, ['list']);
    const { id } = await browser.request();
    browser.reply(id, { ok: true, data: { accounts: [] } });
    expect((await run).code).toBe(0);
  });

  /**
   * A stand-in for sf: reports its arguments and how it got the secret (its
   * key file's kind, or its input) with a checksum of it, then exits with
   * `code`, or waits for a signal. --sfdx-url-stdin is read as oclif reads an
   * `allowStdin: 'only'` flag (@oclif/core 4.13 src/parser/parse.ts:180-193):
   * the next word is taken as the flag's value, anything but "-" or another
   * flag is refused, and standard input is read with readline until it
   * closes, given up after 10 ms (readStdin, lines 56-95): of input still
   * open by then, only whole lines count, and a URL sent without a newline
   * is none. The stand-in waits a second
   * rather than 10 ms, so a busy machine does not fail the test, which still
   * fails if the input is left open.
   */
  async function fakeSf(code: number | 'wait') {
    const sf = path.join(home.root, 'sf.mjs');
    await writeFile(
      sf,
      `#!${process.execPath}
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
const args = process.argv.slice(2);
const at = args.indexOf('--jwt-key-file');
const file = at >= 0 ? args[at + 1] : undefined;
const readStdin = () => new Promise((resolve) => {
  let result = '';
  const rl = createInterface({ input: process.stdin, terminal: false });
  const timeout = setTimeout(() => { rl.close(); resolve(null); }, 1000);
  rl.on('line', (line) => (result += line));
  rl.once('close', () => { clearTimeout(timeout); resolve(result); });
});
let how, body;
const stdinFlag = args.indexOf('--sfdx-url-stdin');
if (stdinFlag >= 0) {
  const [input] = args.splice(stdinFlag + 1, 1);
  if (input !== '-' && input !== undefined && !input.startsWith('-')) { console.error('Flag --sfdx-url-stdin can only be read from stdin.'); process.exit(2); }
  const stdin = await readStdin();
  if (!stdin) { console.error('Flag --sfdx-url-stdin expects a value'); process.exit(2); }
  [how, body] = ['stdin', stdin.trim()];
} else {
  [how, body] = [statSync(file).isFIFO() ? 'fifo' : 'file', readFileSync(file, 'utf8')];
}
console.log(args.map((a) => (a === file ? 'FILE' : a)).join(' '));
console.log(how, createHash('sha256').update(body).digest('hex'));
${code === 'wait' ? "setInterval(() => undefined, 1000); process.on('SIGTERM', () => process.exit(143));" : `process.exit(${code});`}
`,
      { mode: 0o755 },
    );
    return sf;
  }
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
  const JWT_ARGS = [
    'org',
    'login',
    'jwt',
    '--client-id',
    '3MVG9ci_deploy',
    '--jwt-key-file',
    '{file}',
    '--username',
    'ci@acme.com',
    '--instance-url',
    'https://login.salesforce.com',
  ];

  it('hands sf a JWT key through a named pipe, never a file, names the sf it runs, passes sf’s exit code on, and leaves nothing behind', async () => {
    browser = await startHost(home);
    const sf = await fakeSf(4);
    const run = tokenkeep(home, ['sf-login', 'ci', '--', '--alias', 'ci'], { TOKENKEEP_SF: sf });
    const { id, request } = await browser.request();
    expect(request).toMatchObject({ type: 'terminal.login', program: sf });
    browser.reply(id, { ok: true, data: { account: 'CI', secret: KEY, via: 'pipe', args: JWT_ARGS } });
    const { code, stdout } = await run;
    expect(code).toBe(4);
    expect(stdout).toBe(
      `org login jwt --client-id 3MVG9ci_deploy --jwt-key-file FILE --username ci@acme.com --instance-url https://login.salesforce.com --alias ci\nfifo ${sha(KEY)}\n`,
    );
    expect(await readdir(home.env.XDG_RUNTIME_DIR)).toEqual(['tokenkeep']);
    expect(await secretsWritten(home, ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'])).toEqual([]);
  });

  it('hands sf an SFDX auth URL on its standard input, whole and closed before sf reads it, with the user’s own flags kept', async () => {
    browser = await startHost(home);
    const sf = await fakeSf(0);
    const url = 'force://PlatformCLI::5AepScratch.Token@acme--dev.sandbox.my.salesforce.com';
    const run = tokenkeep(home, ['sf-login', 'scratch', '--', '--alias', 'scratch'], { TOKENKEEP_SF: sf });
    const { id } = await browser.request();
    const args = sfdxUrlKind.terminalLogin!.args({ sfdxUrl: url }, KEY_FILE);
    browser.reply(id, { ok: true, data: { account: 'Scratch', secret: url, via: 'stdin', args } });
    expect(await run).toMatchObject({ code: 0, stdout: `org login sfdx-url --sfdx-url-stdin --alias scratch\nstdin ${sha(url)}\n` });
    expect(await readdir(home.env.XDG_RUNTIME_DIR)).toEqual(['tokenkeep']);
  });

  it('imports the sf CLI’s orgs named by alias or username in one request, never printing an auth URL, and lists them when none is named', async () => {
    browser = await startHost(home);
    const { sf, log } = await fakeSfOrgs(home.root);
    expect(await tokenkeep(home, ['import', 'sf'], { TOKENKEEP_SF: sf })).toEqual({
      code: 0,
      stdout: 'dev\tdev@acme.com.dev\thttps://acme--dev.sandbox.my.salesforce.com\nci@acme.com\tci@acme.com\thttps://acme.my.salesforce.com\n',
      stderr: 'Name the orgs to import (tokenkeep import sf ALIAS...), or import them all with --all.\n',
    });
    const run = tokenkeep(home, ['import', 'sf', 'dev', 'ci@acme.com'], { TOKENKEEP_SF: sf });
    const { id, request } = await browser.request();
    expect(request).toMatchObject({
      type: 'terminal.import',
      orgs: [
        { label: 'dev', sfdxUrl: DEV_URL },
        { label: 'ci@acme.com', sfdxUrl: CI_URL },
      ],
    });
    browser.reply(id, { ok: true, data: { added: 1, updated: 0, unchanged: 1, skipped: [] } });
    const { code, stdout, stderr } = await run;
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'Added 1, updated 0, 1 already in Tokenkeep.\n', stderr: '' });
    const calls = await readFile(log, 'utf8');
    expect(calls).toContain('org auth show-sfdx-auth-url --target-org dev@acme.com.dev --json log-file-disabled=true');
    expect(await tokenkeep(home, ['import', 'sf', 'prod'], { TOKENKEEP_SF: sf })).toMatchObject({
      code: 1,
      stderr: 'tokenkeep: sf knows no org named prod: sf org list shows the aliases and usernames.\n',
    });
  });

  it('reads the auth URL from sf org display --verbose where the CLI is older than 2.136', async () => {
    browser = await startHost(home);
    const { sf } = await fakeSfOrgs(home.root, true);
    const run = tokenkeep(home, ['import', 'sf', '--all'], { TOKENKEEP_SF: sf });
    const { id, request } = await browser.request();
    expect(request).toMatchObject({
      orgs: [
        { label: 'dev', sfdxUrl: DEV_URL },
        { label: 'ci@acme.com', sfdxUrl: CI_URL },
      ],
    });
    browser.reply(id, { ok: false, error: { code: 'denied', message: 'Denied in the browser.' } });
    expect(await run).toMatchObject({ code: 1, stdout: '', stderr: 'tokenkeep: Denied in the browser.\n' });
  });

  it('removes the pipe’s folder when interrupted while sf runs, and says so before asking when there is no sf', async () => {
    browser = await startHost(home);
    const sf = await fakeSf('wait');
    const child = spawn(process.execPath, [CLI, 'sf-login', 'ci'], {
      env: { ...process.env, ...home.env, TOKENKEEP_SF: sf },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    const { id } = await browser.request();
    browser.reply(id, { ok: true, data: { account: 'CI', secret: KEY, via: 'pipe', args: JWT_ARGS } });
    await expect.poll(() => stdout).toContain('fifo');
    expect((await readdir(home.env.XDG_RUNTIME_DIR)).length).toBe(2);
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('close', r))).toBe(143);
    expect(await readdir(home.env.XDG_RUNTIME_DIR)).toEqual(['tokenkeep']);

    const missing = await tokenkeep(home, ['sf-login', 'ci'], { PATH: '/nonexistent' });
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('sf was not found on your PATH') });
    // Named, but not there: refused before the browser is asked, as a missing sf on the PATH is.
    const misnamed = await tokenkeep(home, ['sf-login', 'ci'], { TOKENKEEP_SF: '/nonexistent/sf' });
    expect(misnamed).toMatchObject({ code: 1, stderr: 'tokenkeep: TOKENKEEP_SF names /nonexistent/sf, which is not a program this user can run.\n' });
  });
});
