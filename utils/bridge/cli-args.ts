/**
 * The `tokenkeep` command line, parsed into one command or refused with a
 * usage error that says what is wrong. Pure: tests and the CLI share it.
 */

export const BROWSERS = ['chrome', 'chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];
export const ENV_FORMATS = ['dotenv', 'shell', 'json'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

export type CliCommand =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'list' }
  | { command: 'env'; name: string; format: EnvFormat }
  | { command: 'get'; name: string; field: string }
  | { command: 'token'; name: string }
  | { command: 'run'; name: string; argv: string[]; mask: boolean }
  | { command: 'sf-login'; name: string; extra: string[] }
  /** Orgs named by alias or username; none (and not all): list them. */
  | { command: 'import-sf'; orgs: string[]; all: boolean }
  | { command: 'install' | 'uninstall'; browsers: BrowserName[]; userDataDir?: string };

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: tokenkeep COMMAND

Every request is shown in the browser, where you allow or deny it.

  tokenkeep list                          account names
  tokenkeep env NAME [--format dotenv|shell|json]
                                          the account's environment variables; for an OAuth app,
                                          JWT or SFDX-URL account, an access token
                                          (SF_TARGET_ORG, SF_ORG_INSTANCE_URL, SF_ACCESS_TOKEN,
                                          SF_INSTANCE_URL), never the secret it is made from
  tokenkeep run [--no-masking] NAME -- COMMAND [ARG...]
                                          runs COMMAND with them in its environment only;
                                          their values are masked in its output
  tokenkeep token NAME                    one access token, made in the browser, for a pipe
  tokenkeep get NAME FIELD                one value (a format or a field name), for a pipe;
                                          totp is the current code, totp-seed the secret itself
  tokenkeep sf-login NAME [-- SF_FLAG...] logs the sf CLI in with a JWT or SFDX-URL account,
                                          handing sf the secret through a pipe, never a file
  tokenkeep import sf [ORG... | --all]     adds the sf CLI's orgs (by alias or username) as SFDX auth URL
                                          accounts, asked once in the browser; with no ORG, lists them
  tokenkeep install [--browser chrome|chromium|firefox|all] [--user-data-dir DIR]
                                          lets the browser start Tokenkeep's bridge
  tokenkeep uninstall [--browser ...]     removes that again

NAME matches account labels only: one spelled out in full, or every word of it in the
label. A name that matches several accounts is settled in the browser's window.`;

function takeBrowsers(value: string | undefined): BrowserName[] {
  if (value === undefined || value === 'all') return [...BROWSERS];
  if ((BROWSERS as readonly string[]).includes(value)) return [value as BrowserName];
  throw new UsageError(`--browser takes chrome, chromium, firefox or all, not "${value}".`);
}

export function parseArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  const dash = rest.indexOf('--');
  const own = dash === -1 ? rest : rest.slice(0, dash);
  const after = dash === -1 ? [] : rest.slice(dash + 1);
  const options = new Map<string, string | true>();
  const words: string[] = [];
  for (let i = 0; i < own.length; i++) {
    const word = own[i]!;
    if (!word.startsWith('--')) {
      words.push(word);
      continue;
    }
    const [key, inline] = word.split(/=(.*)/s, 2) as [string, string | undefined];
    const takesValue = key === '--format' || key === '--browser' || key === '--user-data-dir';
    if (!takesValue) options.set(key, true);
    else if (inline !== undefined) options.set(key, inline);
    else if (i + 1 < own.length) options.set(key, own[++i]!);
    else throw new UsageError(`${key} needs a value.`);
  }
  const allow = (...names: string[]) => {
    for (const key of options.keys()) if (!names.includes(key)) throw new UsageError(`tokenkeep ${command} does not take ${key}.`);
  };
  const words1 = (what: string) => {
    if (words.length !== 1)
      throw new UsageError(words.length ? `tokenkeep ${command} takes one ${what}; quote a name with spaces.` : `tokenkeep ${command} needs the ${what}.`);
    return words[0]!;
  };
  const noAfter = () => {
    if (dash !== -1) throw new UsageError(`tokenkeep ${command} takes nothing after --.`);
  };

  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { command: 'help' };
    case 'version':
    case '--version':
      return { command: 'version' };
    case 'list':
      allow();
      noAfter();
      if (words.length) throw new UsageError('tokenkeep list takes no name.');
      return { command: 'list' };
    case 'env': {
      allow('--format');
      noAfter();
      const format = options.get('--format') ?? 'dotenv';
      if (!(ENV_FORMATS as readonly unknown[]).includes(format)) throw new UsageError(`--format takes dotenv, shell or json, not "${String(format)}".`);
      return { command: 'env', name: words1('account name'), format: format as EnvFormat };
    }
    case 'get':
      allow();
      noAfter();
      if (words.length !== 2) throw new UsageError('tokenkeep get needs an account name and a field: tokenkeep get NAME FIELD.');
      return { command: 'get', name: words[0]!, field: words[1]! };
    case 'token':
      allow();
      noAfter();
      return { command: 'token', name: words1('account name') };
    case 'run':
      allow('--no-masking');
      if (!after.length) throw new UsageError('tokenkeep run needs a command after --: tokenkeep run NAME -- COMMAND.');
      return { command: 'run', name: words1('account name'), argv: after, mask: !options.has('--no-masking') };
    case 'sf-login':
      allow();
      return { command: 'sf-login', name: words1('account name'), extra: after };
    case 'import': {
      allow('--all');
      noAfter();
      const [source, ...orgs] = words;
      if (source !== 'sf')
        throw new UsageError('tokenkeep import takes sf: tokenkeep import sf [ORG... | --all]. Other tools’ exports import in Tokenkeep’s options.');
      if (orgs.length && options.has('--all')) throw new UsageError('tokenkeep import sf takes org names or --all, not both.');
      return { command: 'import-sf', orgs, all: options.has('--all') };
    }
    case 'install':
    case 'uninstall': {
      allow('--browser', '--user-data-dir');
      noAfter();
      if (words.length) throw new UsageError(`tokenkeep ${command} takes no name.`);
      const browser = options.get('--browser');
      const dir = options.get('--user-data-dir');
      const browsers = takeBrowsers(typeof browser === 'string' ? browser : undefined);
      if (typeof dir === 'string' && browsers.includes('firefox'))
        throw new UsageError('--user-data-dir is for chrome or chromium: Firefox reads host manifests from your home directory.');
      return { command, browsers, ...(typeof dir === 'string' ? { userDataDir: dir } : {}) };
    }
    default:
      throw new UsageError(`"${command}" is not a tokenkeep command.`);
  }
}
