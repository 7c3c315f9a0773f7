/**
 * Installs the system programs a command needs, the way Playwright's
 * `install --with-deps` does: on Debian or Ubuntu, as root or with
 * passwordless sudo, it says what it installs and why, then runs apt-get.
 * Anywhere else it stops with the one command that would install them.
 * Everything it prints goes to stderr, so `npm run bench -- --json` keeps a
 * clean stdout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { locate, PROGRAMS, type ProgramId, type SystemProgram } from './browsers';

export type Privilege = 'root' | 'sudo' | 'none';

export interface SetupFacts {
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
  /** Whether apt-get is there at all (Debian, Ubuntu and their kin). */
  hasApt: boolean;
  privilege: Privilege;
  /** Whether apt offers a package for installation; undefined when its lists are not known. */
  aptOffers: (pkg: string) => boolean | undefined;
}

export type SetupPlan =
  { action: 'none' } | { action: 'refuse'; message: string } | { action: 'install'; missing: ProgramId[]; packages: string[]; sudo: boolean };

const describe = (ids: ProgramId[]) => ids.map((id) => `  ${PROGRAMS[id].name}: ${PROGRAMS[id].why}`).join('\n');

/** The package that brings a program: the first of its names apt offers, else the first (apt then says what is wrong). */
export function packageFor(program: SystemProgram, aptOffers: SetupFacts['aptOffers']): string {
  return program.packages.find((p) => aptOffers(p) === true) ?? program.packages[0]!;
}

/** Decides, from facts alone, what to do about the programs `ids` that are not there. */
export function planSetup(ids: ProgramId[], facts: SetupFacts): SetupPlan {
  const located = ids.map((id) => ({ id, found: locate(id, facts.env, facts.exists) }));
  const badEnv = located.filter(({ found }) => 'error' in found && found.error === 'bad-env');
  if (badEnv.length) {
    // The user pointed us somewhere on purpose: installing a package would not change that path.
    return { action: 'refuse', message: badEnv.map(({ id }) => `${PROGRAMS[id].envVar}=${facts.env[PROGRAMS[id].envVar]} does not exist.`).join('\n') };
  }
  const missing = located.filter(({ found }) => 'error' in found).map(({ id }) => id);
  if (!missing.length) return { action: 'none' };
  const packages = missing.map((id) => packageFor(PROGRAMS[id], facts.aptOffers));
  if (!facts.hasApt) {
    const vars = missing.map((id) => PROGRAMS[id].envVar).join(', ');
    return {
      action: 'refuse',
      message: `Tokenkeep needs these programs, which are missing:\n${describe(missing)}\nInstall them with your system's package manager, or set ${vars} to where they are.`,
    };
  }
  if (facts.privilege === 'none') {
    return {
      action: 'refuse',
      message: `Tokenkeep needs these programs, which are missing:\n${describe(missing)}\nInstall them with:\n  sudo apt-get install -y ${packages.join(' ')}\n(or set ${missing.map((id) => PROGRAMS[id].envVar).join(', ')} to where they are).`,
    };
  }
  return { action: 'install', missing, packages, sudo: facts.privilege === 'sudo' };
}

function aptOffersFromPolicy(pkg: string): boolean | undefined {
  try {
    const out = execFileSync('apt-cache', ['policy', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const candidate = /Candidate:\s*(\S+)/.exec(out)?.[1];
    return candidate === undefined ? undefined : candidate !== '(none)';
  } catch {
    return undefined;
  }
}

function privilege(): Privilege {
  if (process.getuid?.() === 0) return 'root';
  // -n: never ask for a password; a sudo that would ask counts as none.
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? 'sudo' : 'none';
}

function facts(): SetupFacts {
  return { env: process.env, exists: existsSync, hasApt: existsSync('/usr/bin/apt-get'), privilege: privilege(), aptOffers: aptOffersFromPolicy };
}

export class SetupError extends Error {
  override name = 'SetupError';
}

function apt(sudo: boolean, args: string[]): void {
  const [cmd, ...rest] = sudo ? ['sudo', '-n', 'apt-get', ...args] : ['apt-get', ...args];
  const result = spawnSync(cmd!, rest, { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new SetupError(`"${[cmd, ...rest].join(' ')}" failed (exit ${result.status ?? result.signal}).`);
}

/**
 * Makes sure the programs `ids` are there, installing them when it may.
 * `purpose` names the command, for the message ("the tests").
 */
export function ensurePrograms(ids: ProgramId[], purpose: string): void {
  let plan = planSetup(ids, facts());
  if (plan.action === 'none') return;
  if (plan.action === 'refuse') throw new SetupError(plan.message);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`Tokenkeep: ${purpose} need${purpose.endsWith('s') ? '' : 's'} these programs, which are missing:\n${describe(plan.missing)}`);
  // Fresh machines have no package lists, and old lists may name versions the mirror dropped.
  log(`Updating the package lists: ${plan.sudo ? 'sudo -n ' : ''}apt-get update`);
  apt(plan.sudo, ['update', '-q']);
  // The lists now say which names this distribution uses (Debian's chromium, Ubuntu's chromium-browser).
  plan = planSetup(ids, facts());
  if (plan.action !== 'install') return;
  log(`Installing: ${plan.sudo ? 'sudo -n ' : ''}apt-get install -y ${plan.packages.join(' ')}`);
  apt(plan.sudo, ['install', '-y', '-q', ...plan.packages]);
  const still = plan.missing.filter((id) => 'error' in locate(id));
  if (still.length) throw new SetupError(`apt-get installed ${plan.packages.join(' ')}, but these are still missing:\n${describe(still)}`);
  log(`Installed ${plan.packages.join(', ')}.`);
}
