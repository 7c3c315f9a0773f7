/**
 * The terminal side of the bridge, as the e2e tests, the benchmark and the
 * screenshots drive it: a home of its own for the host and the CLI (HOME,
 * XDG_RUNTIME_DIR and the XDG data and config folders, which the browser
 * started with it passes on to the host), the host manifests installed
 * there, the real `tokenkeep` CLI run as a user runs it, and the consent
 * window as Firefox opens it.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { currentPlace, socketPath } from '../../bridge/paths';
import type { AccountInput } from '../../utils/vault/account';
import { build, ROOT } from './build';
import { launchFirefox, type FirefoxSession } from './firefox';
import { E2E_PASSPHRASE, setupVaultFirefox } from './flows';
import { runProcess, type ProcessRun } from './run';

/** The `tokenkeep` bin, which runs the bundle in bridge/dist. */
export const CLI = path.join(ROOT, 'bridge', 'tokenkeep.mjs');

export interface TerminalHome {
  root: string;
  env: Record<'HOME' | 'XDG_RUNTIME_DIR' | 'XDG_DATA_HOME' | 'XDG_CONFIG_HOME', string>;
  /** Where the CLI runs, under HOME: the consent window names it as the user's prompt does. */
  cwd: string;
  /** `cwd` as the consent window shows it. */
  shownCwd: string;
  /** The host's socket, where the CLI looks for it with this environment. */
  socket: string;
  socketDir: string;
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
  const cwd = path.join(env.HOME, 'src', 'acme-etl');
  for (const dir of [...Object.values(env), cwd]) await mkdir(dir, { recursive: true, mode: 0o700 });
  const socket = socketPath({ ...currentPlace(env), home: env.HOME });
  return { root, env, cwd, shownCwd: '~/src/acme-etl', socket, socketDir: path.dirname(socket), remove: () => rm(root, { recursive: true, force: true }) };
}

/** Bundles the host and the CLI (npm run build:bridge). */
export function buildBridge(): void {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/build-bridge.ts')], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

/** `tokenkeep install` in this home, for one browser (Chromium: into its profile), from the checkout's bin or a saved tokenkeep.mjs. */
export function installHost(home: TerminalHome, browser: 'chromium' | 'firefox', userDataDir?: string, script = CLI): void {
  const args = [script, 'install', '--browser', browser, ...(userDataDir ? ['--user-data-dir', userDataDir] : [])];
  execFileSync(process.execPath, args, { env: { ...process.env, ...home.env }, stdio: 'ignore' });
}

export type CliRun = ProcessRun;

/** Runs `tokenkeep ARGS…` in the home; resolves when it exits. */
export function tokenkeep(home: TerminalHome, args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  return runProcess(process.execPath, [CLI, ...args], { cwd: home.cwd, env: { ...process.env, ...home.env, ...extraEnv } });
}

/**
 * The next consent window Firefox opens. Puppeteer over BiDi lists its page
 * as about:blank (it misses the navigation), and other targets come and go
 * meanwhile: it is the page created after the request that shows the question.
 */
export function firefoxConsentWindow(session: FirefoxSession): Promise<Page> {
  return new Promise<Page>((resolve) => {
    const onTarget = (t: Target) =>
      void t.page().then(async (p) => {
        // Deny, or Close where the window only tells what cannot be given.
        if (!p || !(await p.waitForSelector('::-p-aria(Deny), ::-p-aria(Close)').then(Boolean, () => false))) return;
        session.browser.off('targetcreated', onTarget);
        resolve(p);
      });
    session.browser.on('targetcreated', onTarget);
  });
}

/** Firefox grants an optional permission without its doorhanger (its own UI over the page), as a user answering "Allow" would. */
export const FIREFOX_GRANTS_PERMISSIONS = { 'extensions.webextOptionalPermissionPrompts': false };

/** Ticks the options page's switch in Firefox and waits until the host listens. */
export async function turnOnBridgeFirefox(options: Page): Promise<void> {
  await options.click('::-p-aria(Let the tokenkeep command ask for accounts)');
  await options.waitForFunction(() => document.querySelector('#terminal')!.textContent!.includes('On: the tokenkeep command can reach this browser.'));
}

/** Answers a consent window "Allow this account for `minutes` minutes" (the window closes with the answer). */
export async function allowForFirefox(window: Page, minutes: 5 | 15 | 60 | 'once', pick?: string): Promise<void> {
  if (pick)
    await window.$$eval(
      'label.consent-option',
      (labels, a) => (labels.find((l) => l.querySelector('strong')!.textContent === a)!.querySelector('input') as HTMLInputElement).click(),
      pick,
    );
  const button = minutes === 'once' ? 'Allow once' : 'Allow this account for';
  if (minutes !== 'once') await window.select('select', String(minutes));
  // Allow is inert for a moment after the window shows.
  await window.waitForFunction((n) => [...document.querySelectorAll('button')].some((b) => b.textContent!.trim() === n && !b.disabled), {}, button);
  await window.click(`::-p-aria(${button})`).catch(() => undefined);
}

/**
 * Headless Firefox with the bridge on, for the benchmark and the screenshots:
 * the bundles built, the host installed in `home`, a vault holding
 * `accounts`, and the options page showing the bridge on. `launch`: more
 * preferences (a proxy to a stand-in), and whether to take its certificate.
 */
export async function startFirefoxWithBridge(
  home: TerminalHome,
  accounts: AccountInput[],
  launch: { prefs?: Record<string, unknown>; acceptInsecureCerts?: boolean } = {},
): Promise<{ session: FirefoxSession; options: Page }> {
  buildBridge();
  installHost(home, 'firefox');
  const session = await launchFirefox({
    extensionDir: build('firefox'),
    env: home.env,
    prefs: { ...FIREFOX_GRANTS_PERMISSIONS, ...launch.prefs },
    acceptInsecureCerts: !!launch.acceptInsecureCerts,
  });
  try {
    await setupVaultFirefox(session, E2E_PASSPHRASE);
    const options = await session.openExtensionPage('options.html', { width: 760, height: 900 });
    for (const account of accounts) {
      const reply = (await options.evaluate(
        (a) => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: 'account.save', account: a }),
        account as never,
      )) as { ok: boolean };
      if (!reply.ok) throw new Error(`could not save ${account.label}`);
    }
    await turnOnBridgeFirefox(options);
    return { session, options };
  } catch (err) {
    await session.close();
    throw err;
  }
}
