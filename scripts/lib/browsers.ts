/**
 * The system programs the demo, tests and benchmark drive, where each is
 * found, and which Debian or Ubuntu package brings it. A missing program is
 * an error that names its package, never a skip; `npm start`, `npm test` and
 * `npm run bench` install what is missing first when they can
 * (scripts/lib/system-setup.ts).
 */
import { existsSync } from 'node:fs';

export class MissingBrowserError extends Error {
  override name = 'MissingBrowserError';
}

export interface SystemProgram {
  name: string;
  /** Why Tokenkeep needs it, as the installer tells the user. */
  why: string;
  /** Overrides the search when set (an unusual install, another distribution). */
  envVar: string;
  paths: string[];
  /** Packages that bring it, best first: Debian's name, then Ubuntu's. */
  packages: string[];
}

export const PROGRAMS = {
  chromium: {
    name: 'Chromium',
    why: 'the browser the demo, the benchmark and the Chromium tests run the extension in',
    envVar: 'CHROMIUM_PATH',
    paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
    packages: ['chromium', 'chromium-browser'],
  },
  firefox: {
    name: 'Firefox',
    why: 'the browser the Firefox tests run the add-on in',
    envVar: 'FIREFOX_PATH',
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    packages: ['firefox-esr', 'firefox'],
  },
  xvfb: {
    name: 'Xvfb (a virtual screen)',
    why: 'the keyboard-shortcut tests run a visible browser on a virtual screen',
    envVar: 'XVFB_PATH',
    paths: ['/usr/bin/Xvfb'],
    packages: ['xvfb'],
  },
  xdotool: {
    name: 'xdotool',
    why: 'presses real keys on that screen: browsers handle extension shortcuts before any page sees them',
    envVar: 'XDOTOOL_PATH',
    paths: ['/usr/bin/xdotool'],
    packages: ['xdotool'],
  },
  // The client tests run each copied command and env block in the programs its label names.
  curl: {
    name: 'curl',
    why: 'the client tests run the copied token requests with it, against a stand-in for Salesforce',
    envVar: 'CURL_PATH',
    paths: ['/usr/bin/curl'],
    packages: ['curl'],
  },
  zsh: {
    name: 'zsh',
    why: 'the client tests read the copied env blocks and commands back in each shell they are for',
    envVar: 'ZSH_PATH',
    paths: ['/usr/bin/zsh', '/bin/zsh'],
    packages: ['zsh'],
  },
  fish: {
    name: 'fish',
    why: 'the client tests read the copied env blocks and commands back in each shell they are for',
    envVar: 'FISH_PATH',
    paths: ['/usr/bin/fish'],
    packages: ['fish'],
  },
} satisfies Record<string, SystemProgram>;

export type ProgramId = keyof typeof PROGRAMS;

/** Where the program is, or why it is not there: `missing` means none of its usual paths exists. */
export function locate(
  id: ProgramId,
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = existsSync,
): { path: string } | { error: 'bad-env' | 'missing' } {
  const program: SystemProgram = PROGRAMS[id];
  const fromEnv = env[program.envVar];
  if (fromEnv) return exists(fromEnv) ? { path: fromEnv } : { error: 'bad-env' };
  const found = program.paths.find(exists);
  return found ? { path: found } : { error: 'missing' };
}

export function programPath(id: ProgramId): string {
  const program: SystemProgram = PROGRAMS[id];
  const found = locate(id);
  if ('path' in found) return found.path;
  if (found.error === 'bad-env') throw new MissingBrowserError(`${program.envVar}=${process.env[program.envVar]} does not exist.`);
  throw new MissingBrowserError(
    `${program.name} was not found at ${program.paths.join(' or ')}. Install it with: sudo apt-get install -y ${program.packages[0]} (or set ${program.envVar} to its path).`,
  );
}

export const chromiumPath = () => programPath('chromium');
export const firefoxPath = () => programPath('firefox');
/** The X server the keyboard tests run a visible browser on: browser shortcuts only answer real key events. */
export const xvfbPath = () => programPath('xvfb');
/** Presses keys as the X server's keyboard, so the browser's own shortcut handling sees them. */
export const xdotoolPath = () => programPath('xdotool');
