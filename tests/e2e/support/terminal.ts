/**
 * The terminal side of the bridge tests: a home of its own for the host and
 * the CLI (HOME, XDG_RUNTIME_DIR and the XDG data and config folders), the
 * real `tokenkeep` CLI run as a user runs it, and the scan that looks for
 * secrets in every folder those two could have written to.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths';
import { TOKEN } from './accounts';
import { findSecretsOnDisk } from './profile';

/** The e2e account (salesforceAccount()) as `tokenkeep env` prints it. */
export const USERNAME = 'integration@acme.com';
export const PASSWORD = 'Pa55-word!';
export const ENV_TEXT = `SF_USERNAME=${USERNAME}\nSF_PASSWORD='${PASSWORD}'\nSF_SECURITY_TOKEN=${TOKEN}\nSF_LOGIN_URL=https://login.salesforce.com\n`;

export const CLI = path.join(ROOT, 'bridge', 'tokenkeep.mjs');

export interface TerminalHome {
  root: string;
  /** The environment the browser (and so the host it starts) and the CLI share. */
  env: Record<'HOME' | 'XDG_RUNTIME_DIR' | 'XDG_DATA_HOME' | 'XDG_CONFIG_HOME', string>;
  /** Where the CLI runs: the directory the consent window names. */
  cwd: string;
  socketDir: string;
  /** Every folder the host or the CLI could write to, for the secret scan. */
  dirs: string[];
  remove(): Promise<void>;
}

export async function terminalHome(): Promise<TerminalHome> {
  // Short: a socket's path is limited to about a hundred bytes.
  const root = await mkdtemp(path.join(os.tmpdir(), 'tk-'));
  const env = {
    HOME: path.join(root, 'home'),
    XDG_RUNTIME_DIR: path.join(root, 'run'),
    XDG_DATA_HOME: path.join(root, 'data'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
  };
  const cwd = path.join(root, 'project');
  for (const dir of [...Object.values(env), cwd]) await mkdir(dir, { recursive: true, mode: 0o700 });
  return {
    root,
    env,
    cwd,
    socketDir: path.join(env.XDG_RUNTIME_DIR, 'tokenkeep'),
    dirs: [root, path.join(ROOT, 'bridge')],
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tokenkeep ARGS…` in the test's home; resolves when it exits. */
export function tokenkeep(home: TerminalHome, args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: home.cwd, env: { ...process.env, ...home.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The secrets found in any file under the host's and the CLI's folders. */
export async function secretsWritten(home: TerminalHome, secrets: string[]) {
  const found = [];
  for (const dir of home.dirs) found.push(...(await findSecretsOnDisk(dir, secrets)));
  return found;
}

/**
 * A child for `tokenkeep run`: prints a SHA-256 of the variables it got, and
 * then the password itself, which the CLI must mask. Exits 3, which the CLI
 * must pass on.
 */
/** What CHECKSUM_CHILD prints for the e2e account's variables. */
export const checksumOf = (variables: Record<string, string> = { SF_USERNAME: USERNAME, SF_PASSWORD: PASSWORD, SF_SECURITY_TOKEN: TOKEN }) =>
  createHash('sha256')
    .update(Object.entries(variables).map(([k, v]) => `${k}=${v}`).join('\n'))
    .digest('hex');

export const CHECKSUM_CHILD = [
  process.execPath,
  '-e',
  "const h=require('crypto').createHash('sha256').update(['SF_USERNAME','SF_PASSWORD','SF_SECURITY_TOKEN'].map(k=>k+'='+process.env[k]).join('\\n')).digest('hex');console.log('checksum '+h);console.log('password '+process.env.SF_PASSWORD);process.exit(3)",
];
