/**
 * The `tokenkeep` command. It asks the browser, through the host's socket,
 * for what one command needs; the user allows or denies each request there.
 * Values go to stdout (env, get), or into one child's environment (run), or
 * into a private temporary file that sf reads and that is deleted whatever
 * happens (sf-login). Nothing is logged, and nothing else is written.
 */
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE, UsageError, type CliCommand } from '../utils/bridge/cli-args';
import { envText } from '../utils/bridge/env-text';
import { createMasker } from '../utils/bridge/mask';
import { chosenOrgs, orgLabel, orgsOf, sfdxAuthUrlOf } from '../utils/bridge/sf-orgs';
import { KEY_FILE, type TerminalReply, type TerminalRequest } from '../utils/bridge/protocol';
import { ask } from './client';
import { install, uninstall } from './install';
import { commandPath, currentPlace, socketPath } from './paths';

const place = currentPlace();
const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(`${text}\n`);

class Refused extends Error {}

/** What the consent window shows of this process: its command line, and its directory as the user's prompt shows it (~/…). */
function where() {
  const cwd = process.cwd();
  const { home } = place;
  const shown = cwd === home || cwd.startsWith(`${home}${path.sep}`) ? `~${cwd.slice(home.length)}` : cwd;
  return { cwd: shown, command: ['tokenkeep', ...process.argv.slice(2)] };
}

async function request<R extends TerminalRequest>(req: R): Promise<Extract<TerminalReply<R['type']>, { ok: true }>['data']> {
  const reply = await ask(socketPath(place), req);
  if (!reply.ok) throw new Refused(reply.error.message);
  return reply.data;
}

/** Writes `text` into the named pipe once a reader opens it; if the child ends without reading, opens it itself so nothing waits. */
function feedPipe(file: string, text: string, childDone: Promise<unknown>): Promise<void> {
  const written = (async () => {
    const handle = await open(file, 'w');
    try {
      await handle.writeFile(text);
    } catch {
      // The reader went away: nothing more to give.
    } finally {
      await handle.close();
    }
  })();
  void childDone.then(async () => {
    const reader = await open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK).catch(() => undefined);
    await written.catch(() => undefined);
    await reader?.close();
  });
  return written.catch(() => undefined);
}

/** Runs a child and resolves with the exit code it should pass on (a signal's as a shell reports it). */
function runChild(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; masks?: string[]; input?: string; pipe?: { path: string; text: string } },
): Promise<number> {
  return new Promise((resolve) => {
    const masking = options.masks !== undefined;
    const stdin = options.input !== undefined ? 'pipe' : 'inherit';
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: masking ? [stdin, 'pipe', 'pipe'] : [stdin, 'inherit', 'inherit'] });
    if (options.input !== undefined) {
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.input);
    }
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    if (masking) {
      // One masker for both streams: a secret printed half to stdout and half to stderr is still found.
      const masker = createMasker(options.masks!);
      const targets = { out: process.stdout, err: process.stderr } as const;
      const write = (parts: ReturnType<typeof masker.push>) => parts.forEach(({ stream, text }) => text && targets[stream].write(text));
      let open = 2;
      for (const [stream, source] of [
        ['out', child.stdout!],
        ['err', child.stderr!],
      ] as const) {
        const decoder = new TextDecoder();
        source.on('data', (chunk: Buffer) => write(masker.push(stream, decoder.decode(chunk, { stream: true }))));
        source.on('end', () => {
          write(masker.push(stream, decoder.decode()));
          if (--open === 0) write(masker.end());
        });
      }
    }
    const done = new Promise<void>((ended) => child.on('close', () => ended()));
    if (options.pipe) void feedPipe(options.pipe.path, options.pipe.text, done);
    child.on('error', (e: NodeJS.ErrnoException) => {
      err(e.code === 'ENOENT' ? `tokenkeep: ${file}: command not found` : `tokenkeep: cannot run ${file}: ${e.code ?? e.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0));
    });
  });
}

/** The sf this command runs: TOKENKEEP_SF, or the first `sf` on the PATH that can be run; the consent window names it. */
/** The sf to run, found before anything is asked of the browser: a missing sf never costs a consent or a secret. */
function findSf(): string {
  const runnable = (file: string) => {
    try {
      accessSync(file, fsConstants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const named = process.env.TOKENKEEP_SF;
  if (named) {
    if (runnable(path.resolve(named))) return path.resolve(named);
    throw new Refused(`TOKENKEEP_SF names ${named}, which is not a program this user can run.`);
  }
  const found = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'sf'))
    .find(runnable);
  if (found) return found;
  throw new Refused('sf was not found on your PATH: install the Salesforce CLI, or set TOKENKEEP_SF to the sf to run.');
}

/**
 * Logs sf in without the secret ever being a file. An SFDX auth URL goes on
 * sf's standard input (--sfdx-url-stdin). A JWT key goes through a named
 * pipe that sf opens as its key file: the pipe holds nothing on disk, sits in
 * a folder only this user can enter, and the folder goes as soon as sf is
 * done, synchronously, on an interrupt too. A crash or kill -9 can leave only
 * the empty pipe.
 */
async function sfLogin(name: string, extra: string[]): Promise<number> {
  const program = findSf();
  const { secret, via, args } = await request({ type: 'terminal.login', name, program, ...where() });
  if (via === 'stdin') return runChild(program, [...args, ...extra], { input: secret });
  const dir = mkdtempSync(path.join(process.env.XDG_RUNTIME_DIR || os.tmpdir(), 'tokenkeep-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', cleanup);
  try {
    const pipe = path.join(dir, 'key');
    execFileSync('mkfifo', ['-m', '600', pipe]);
    return await runChild(program, [...args.map((a) => (a === KEY_FILE ? pipe : a)), ...extra], { pipe: { path: pipe, text: secret } });
  } finally {
    cleanup();
    process.off('exit', cleanup);
  }
}

/** Runs sf and returns what it printed; its JSON goes nowhere else (an auth URL is a secret). */
function sfJson(program: string, args: string[]): string {
  try {
    // SF_DISABLE_LOG_FILE: sf would otherwise log the command, and with it what it showed, to ~/.sf.
    const stdout = execFileSync(program, [...args, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, SF_DISABLE_LOG_FILE: 'true', SF_AUTOUPDATE_DISABLE: 'true' },
    });
    return stdout;
  } catch (e) {
    // sf exits non-zero with its error as JSON on stdout.
    return String((e as { stdout?: unknown }).stdout ?? '');
  }
}

/** An org's SFDX auth URL: `sf org auth show-sfdx-auth-url` (CLI 2.136+), else an older CLI's `sf org display --verbose`. */
function sfdxAuthUrl(program: string, username: string): string | undefined {
  const shown = sfJson(program, ['org', 'auth', 'show-sfdx-auth-url', '--target-org', username]);
  return sfdxAuthUrlOf(shown) ?? sfdxAuthUrlOf(sfJson(program, ['org', 'display', '--verbose', '--target-org', username]));
}

/** tokenkeep import sf: the orgs named (or all) go to the browser with their auth URLs, in one request and one consent window. */
async function importSf(names: string[], all: boolean): Promise<number> {
  const program = findSf();
  const orgs = orgsOf(sfJson(program, ['org', 'list']));
  if (!names.length && !all) {
    out(orgs.map((o) => `${orgLabel(o)}\t${o.username}\t${o.instanceUrl ?? ''}\n`).join(''));
    err(
      orgs.length
        ? 'Name the orgs to import (tokenkeep import sf ALIAS...), or import them all with --all.'
        : 'sf knows no orgs: log one in with sf org login first.',
    );
    return orgs.length ? 0 : 1;
  }
  let chosen;
  try {
    chosen = chosenOrgs(orgs, names, all);
  } catch (e) {
    throw new Refused((e as Error).message);
  }
  if (!chosen.length) throw new Refused('sf knows no orgs: log one in with sf org login first.');
  const withUrl: Array<{ label: string; sfdxUrl: string }> = [];
  const missing: string[] = [];
  for (const org of chosen) {
    const sfdxUrl = sfdxAuthUrl(program, org.username);
    if (sfdxUrl) withUrl.push({ label: orgLabel(org), sfdxUrl });
    else missing.push(orgLabel(org));
  }
  if (missing.length) err(`sf showed no SFDX auth URL for ${missing.join(', ')} (an org logged in with a JWT or an access token has none): left out.`);
  if (!withUrl.length) throw new Refused('Nothing to import.');
  // One request, one window: its list stays readable, and the request within the socket's 64 KB.
  if (withUrl.length > 100) throw new Refused(`sf lists ${withUrl.length} orgs: name up to 100 at a time.`);
  const result = await request({ type: 'terminal.import', orgs: withUrl, ...where() });
  out(`Added ${result.added}, updated ${result.updated}, ${result.unchanged} already in Tokenkeep.\n`);
  for (const skipped of result.skipped) err(`Skipped ${skipped}`);
  return 0;
}

async function run(command: CliCommand): Promise<number> {
  switch (command.command) {
    case 'help':
      out(`${USAGE}\n`);
      return 0;
    case 'version':
      out('tokenkeep 0.1.0\n');
      return 0;
    case 'list': {
      const { accounts } = await request({ type: 'terminal.list', ...where() });
      out(accounts.map((a) => `${a.label}\t${a.kind}\n`).join(''));
      return 0;
    }
    case 'env': {
      const { variables } = await request({ type: 'terminal.env', name: command.name, ...where() });
      out(`${envText(variables, command.format)}\n`);
      return 0;
    }
    case 'get': {
      const { value } = await request({ type: 'terminal.get', name: command.name, field: command.field, ...where() });
      // A pipe gets the value exactly; a terminal gets a line.
      out(process.stdout.isTTY ? `${value}\n` : value);
      return 0;
    }
    case 'token': {
      const { value } = await request({ type: 'terminal.token', name: command.name, ...where() });
      out(process.stdout.isTTY ? `${value}\n` : value);
      return 0;
    }
    case 'run': {
      const { variables } = await request({ type: 'terminal.env', name: command.name, run: true, ...where() });
      const env = { ...process.env, ...Object.fromEntries(variables.map((v) => [v.name, v.value])) };
      const [file, ...args] = command.argv;
      return runChild(file!, args, { env, ...(command.mask ? { masks: variables.filter((v) => v.secret).map((v) => v.value) } : {}) });
    }
    case 'sf-login':
      return sfLogin(command.name, command.extra);
    case 'import-sf':
      return importSf(command.orgs, command.all);
    case 'install': {
      // This very file (tokenkeep.mjs, bundled), copied to a place of its own.
      const source = fileURLToPath(import.meta.url);
      const written = await install(command.browsers, place, { node: process.execPath, source }, command.userDataDir);
      const onPath = (process.env.PATH ?? '').split(path.delimiter).includes(path.dirname(commandPath(place)));
      out(
        `Wrote:\n${written.map((f) => `  ${f}\n`).join('')}` +
          (written.includes(commandPath(place)) && !onPath
            ? `${path.dirname(commandPath(place))} is not on your PATH yet: add it in your shell's profile, or run ${commandPath(place)}.\n`
            : '') +
          'Now turn on “Let the tokenkeep command ask for accounts” in Tokenkeep’s options.\n',
      );
      return 0;
    }
    case 'uninstall': {
      const removed = await uninstall(command.browsers, place, command.userDataDir);
      out(`Removed:\n${removed.map((f) => `  ${f}\n`).join('')}`);
      return 0;
    }
  }
}

async function main(argv: string[]): Promise<number> {
  let command: CliCommand;
  try {
    command = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`tokenkeep: ${e.message}\nRun tokenkeep help for the commands.`);
    return 2;
  }
  try {
    return await run(command);
  } catch (e) {
    if (e instanceof Refused) {
      err(`tokenkeep: ${e.message}`);
      return 1;
    }
    err(`tokenkeep: ${e instanceof Error ? e.message : 'failed'}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
