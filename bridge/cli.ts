/**
 * The `tokenkeep` command. It asks the browser, through the host's socket,
 * for what one command needs; the user allows or denies each request there.
 * Values go to stdout (env, get), or into one child's environment (run), or
 * into a private temporary file that sf reads and that is deleted whatever
 * happens (sf-login). Nothing is logged, and nothing else is written.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE, UsageError, type CliCommand } from '../utils/bridge/cli-args';
import { envText } from '../utils/bridge/env-text';
import { createMasker } from '../utils/bridge/mask';
import { KEY_FILE, type TerminalReply, type TerminalRequest } from '../utils/bridge/protocol';
import { ask } from './client';
import { install, uninstall } from './install';
import { currentPlace, socketPath } from './paths';

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

/** Runs a child and resolves with the exit code it should pass on (a signal's as a shell reports it). */
function runChild(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; masks?: string[] }): Promise<number> {
  return new Promise((resolve) => {
    const masking = options.masks !== undefined;
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: masking ? ['inherit', 'pipe', 'pipe'] : 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    if (masking) {
      for (const [stream, target] of [
        [child.stdout!, process.stdout],
        [child.stderr!, process.stderr],
      ] as const) {
        const masker = createMasker(options.masks!);
        const decoder = new TextDecoder();
        stream.on('data', (chunk: Buffer) => target.write(masker.push(decoder.decode(chunk, { stream: true }))));
        stream.on('end', () => target.write(masker.push(decoder.decode()) + masker.end()));
      }
    }
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

async function sfLogin(name: string, extra: string[]): Promise<number> {
  const { file, args } = await request({ type: 'terminal.login', name, ...where() });
  // Memory-backed where the system has it; a folder only this user can enter either way.
  const dir = await mkdtemp(path.join(process.env.XDG_RUNTIME_DIR || os.tmpdir(), 'tokenkeep-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const onExit = () => void cleanup();
  process.once('exit', onExit);
  try {
    const keyFile = path.join(dir, 'key');
    const handle = await open(keyFile, 'wx', 0o600);
    try {
      await handle.writeFile(file);
    } finally {
      await handle.close();
    }
    return await runChild(process.env.TOKENKEEP_SF || 'sf', [...args.map((a) => (a === KEY_FILE ? keyFile : a)), ...extra], {});
  } finally {
    await cleanup();
    process.off('exit', onExit);
  }
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
    case 'run': {
      const { variables } = await request({ type: 'terminal.env', name: command.name, run: true, ...where() });
      const env = { ...process.env, ...Object.fromEntries(variables.map((v) => [v.name, v.value])) };
      const [file, ...args] = command.argv;
      return runChild(file!, args, { env, ...(command.mask ? { masks: variables.filter((v) => v.secret).map((v) => v.value) } : {}) });
    }
    case 'sf-login':
      return sfLogin(command.name, command.extra);
    case 'install': {
      const script = fileURLToPath(new URL('./host.mjs', import.meta.url));
      const written = await install(command.browsers, place, { node: process.execPath, script }, command.userDataDir);
      out(`Wrote:\n${written.map((f) => `  ${f}\n`).join('')}Now turn on “Let the tokenkeep command ask for accounts” in Tokenkeep’s options.\n`);
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
