/**
 * The terminal side of the bridge tests (scripts/lib/terminal.ts), with what
 * the tests check: the e2e account as `tokenkeep env` prints it, a child that
 * reports what it got, and the scan for secrets in every folder the host and
 * the CLI could have written to.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TerminalHome } from '../../../scripts/lib/terminal';
import { TOKEN } from './accounts';
import { ROOT } from './paths';
import { findSecretsOnDisk } from './profile';

export {
  CLI,
  FIREFOX_GRANTS_PERMISSIONS,
  firefoxConsentWindow,
  installHost,
  terminalHome,
  tokenkeep,
  turnOnBridgeFirefox,
  type CliRun,
  type TerminalHome,
} from '../../../scripts/lib/terminal';

/** The e2e account (salesforceAccount()) as `tokenkeep env` prints it. */
export const USERNAME = 'integration@acme.com';
export const PASSWORD = 'Pa55-word!';
export const ENV_TEXT = `SF_USERNAME=${USERNAME}\nSF_PASSWORD='${PASSWORD}'\nSF_SECURITY_TOKEN=${TOKEN}\nSF_LOGIN_URL=https://login.salesforce.com\n`;

/** The secrets found in any file under the home, or under bridge/ where the CLI and host live. */
export async function secretsWritten(home: TerminalHome, secrets: string[]) {
  const found = [];
  for (const dir of [home.root, path.join(ROOT, 'bridge')]) found.push(...(await findSecretsOnDisk(dir, secrets)));
  return found;
}

/**
 * A child for `tokenkeep run`: prints a SHA-256 of the variables it got, and
 * then the password itself, which the CLI must mask. Exits 3, which the CLI
 * must pass on.
 */
export const CHECKSUM_CHILD = [
  process.execPath,
  '-e',
  "const h=require('crypto').createHash('sha256').update(['SF_USERNAME','SF_PASSWORD','SF_SECURITY_TOKEN'].map(k=>k+'='+process.env[k]).join('\\n')).digest('hex');console.log('checksum '+h);console.log('password '+process.env.SF_PASSWORD);process.exit(3)",
];

/** What CHECKSUM_CHILD prints as its checksum for these variables (the e2e account's by default). */
export const checksumOf = (variables: Record<string, string> = { SF_USERNAME: USERNAME, SF_PASSWORD: PASSWORD, SF_SECURITY_TOKEN: TOKEN }) =>
  createHash('sha256')
    .update(
      Object.entries(variables)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    )
    .digest('hex');

export const DEV_URL = 'force://PlatformCLI::5AepDev.Refresh.Token@acme--dev.sandbox.my.salesforce.com';
export const CI_URL = 'force://PlatformCLI::5AepCi.Refresh.Token@acme.my.salesforce.com';

/**
 * A stand-in for the sf CLI's org commands, answering as sf 2.x does with --json: `org list`
 * (result.nonScratchOrgs and scratchOrgs, each org with its username and alias), and an org's
 * SFDX auth URL from `org auth show-sfdx-auth-url` (result.sfdxAuthUrl) or, with `old`, only
 * from `org display --verbose`, as a CLI before 2.136 gives it. Every call is logged to a file.
 */
export async function fakeSfOrgs(root: string, old = false) {
  const sf = path.join(root, 'sf-orgs.mjs');
  const log = path.join(root, 'sf-calls.log');
  await writeFile(
    sf,
    `#!${process.execPath}
import { appendFileSync } from 'node:fs';
const args = process.argv.slice(2);
appendFileSync(${JSON.stringify(log)}, args.join(' ') + ' log-file-disabled=' + process.env.SF_DISABLE_LOG_FILE + '\\n');
const urls = { 'dev@acme.com.dev': ${JSON.stringify(DEV_URL)}, 'ci@acme.com': ${JSON.stringify(CI_URL)} };
const target = args[args.indexOf('--target-org') + 1];
const say = (result, status = 0) => { console.log(JSON.stringify({ status, result })); process.exit(status); };
if (args.join(' ') === 'org list --json')
  say({ nonScratchOrgs: [{ alias: 'dev', username: 'dev@acme.com.dev', instanceUrl: 'https://acme--dev.sandbox.my.salesforce.com' }, { username: 'ci@acme.com', instanceUrl: 'https://acme.my.salesforce.com' }], scratchOrgs: [{ alias: 'dev', username: 'dev@acme.com.dev' }] });
if (args[0] === 'org' && args[1] === 'auth' && args[2] === 'show-sfdx-auth-url' && !${old}) say({ sfdxAuthUrl: urls[target], instanceUrl: 'x' });
if (args[0] === 'org' && args[1] === 'display' && args.includes('--verbose')) say({ username: target, sfdxAuthUrl: urls[target] });
console.log(JSON.stringify({ status: 1, name: 'CommandNotFound', message: 'command not found' }));
process.exit(1);
`,
    { mode: 0o755 },
  );
  return { sf, log };
}
