/** The `tokenkeep` command line. */
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../utils/bridge/cli-args';

const refused = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('tokenkeep command line', () => {
  it('reads each command', () => {
    expect(parseArgs([])).toEqual({ command: 'help' });
    expect(parseArgs(['list'])).toEqual({ command: 'list' });
    expect(parseArgs(['env', 'Acme prod'])).toEqual({ command: 'env', name: 'Acme prod', format: 'dotenv' });
    expect(parseArgs(['env', '--format', 'json', 'acme'])).toEqual({ command: 'env', name: 'acme', format: 'json' });
    expect(parseArgs(['env', 'acme', '--format=shell'])).toEqual({ command: 'env', name: 'acme', format: 'shell' });
    expect(parseArgs(['get', 'acme', 'token'])).toEqual({ command: 'get', name: 'acme', field: 'token' });
    expect(parseArgs(['token', 'Acme production'])).toEqual({ command: 'token', name: 'Acme production' });
    expect(parseArgs(['sf-login', 'acme jwt', '--', '--alias', 'ci'])).toEqual({ command: 'sf-login', name: 'acme jwt', extra: ['--alias', 'ci'] });
    expect(parseArgs(['install'])).toEqual({ command: 'install', browsers: ['chrome', 'chromium', 'firefox'] });
    expect(parseArgs(['install', '--browser', 'chromium', '--user-data-dir', '/p'])).toEqual({ command: 'install', browsers: ['chromium'], userDataDir: '/p' });
    expect(parseArgs(['uninstall', '--browser=firefox'])).toEqual({ command: 'uninstall', browsers: ['firefox'] });
    expect(parseArgs(['import', 'sf'])).toEqual({ command: 'import-sf', orgs: [], all: false });
    expect(parseArgs(['import', 'sf', 'dev', 'ci@acme.com'])).toEqual({ command: 'import-sf', orgs: ['dev', 'ci@acme.com'], all: false });
    expect(parseArgs(['import', 'sf', '--all'])).toEqual({ command: 'import-sf', orgs: [], all: true });
    expect(() => parseArgs(['import', 'bitwarden.json'])).toThrow(/tokenkeep import takes sf.*exports import in Tokenkeep’s options/);
    expect(() => parseArgs(['import', 'sf', 'dev', '--all'])).toThrow('tokenkeep import sf takes org names or --all, not both.');
  });

  it('gives run everything after -- as the command, its own options included', () => {
    expect(parseArgs(['run', 'acme', '--', 'node', '--format', 'x', '--', 'y'])).toEqual({
      command: 'run',
      name: 'acme',
      argv: ['node', '--format', 'x', '--', 'y'],
      mask: true,
    });
    expect(parseArgs(['run', '--no-masking', 'acme', '--', 'env'])).toMatchObject({ mask: false });
  });

  it('says what is wrong with a command line it cannot take', () => {
    expect(refused(['frobnicate'])).toContain('"frobnicate" is not a tokenkeep command');
    expect(refused(['env'])).toContain('needs the account name');
    expect(refused(['env', 'acme', 'prod'])).toContain('quote a name with spaces');
    expect(refused(['env', 'acme', '--format', 'yaml'])).toContain('dotenv, shell or json');
    expect(refused(['env', 'acme', '--format'])).toContain('--format needs a value');
    expect(refused(['env', 'acme', '--mask'])).toContain('does not take --mask');
    expect(refused(['get', 'acme'])).toContain('tokenkeep get NAME FIELD');
    expect(refused(['run', 'acme'])).toContain('needs a command after --');
    expect(refused(['run', 'acme', '--'])).toContain('needs a command after --');
    expect(refused(['list', 'acme'])).toContain('takes no name');
    expect(refused(['install', '--browser', 'safari'])).toContain('chrome, chromium, firefox or all');
    expect(refused(['install', '--browser', 'firefox', '--user-data-dir', '/p'])).toContain('Firefox reads host manifests from your home');
  });
});
