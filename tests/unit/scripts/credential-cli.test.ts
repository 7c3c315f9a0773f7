/** `npm run --silent credential`: the kind modules from the command line, as scripts and tests use them. */
import { runProcess } from '../../../scripts/lib/run';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const fixture = (name: string) => readFileSync(path.join(ROOT, 'tests/fixtures/kinds', name), 'utf8');

/** Runs the CLI as users do, with `input` on stdin. */
const credential = (input: string, ...args: string[]) => runProcess('npm', ['run', '--silent', 'credential', '--', ...args], { cwd: ROOT, input });

const SF = JSON.stringify({
  kind: 'salesforce',
  username: 'jane@acme.com',
  password: 'pw',
  token: 'PVmuqFRxEP0LG40WUka5vPJjG',
  totp: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
});

describe('credential CLI', () => {
  it('prints a format, at the time given', async () => {
    expect(await credential(SF, 'password+token')).toEqual({ code: 0, stdout: 'pwPVmuqFRxEP0LG40WUka5vPJjG\n', stderr: '' });
    expect((await credential(SF, 'password+totp', '--at', '59')).stdout).toBe('pw287082\n');
  });
  it('lists the formats with their labels, and says which are legacy until Summer \u201927', async () => {
    const lines = (await credential(SF, '--formats')).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^password\+token\tPassword \+ token \(legacy: .*Summer '27/);
    expect(lines.map((l) => l.split('\t')[0])).toEqual([
      'password+token',
      'username',
      'password',
      'token',
      'env',
      'dotenv',
      'jsforce',
      'simple-salesforce',
      'totp',
      'password+totp',
    ]);
    const oauth = (await credential('{"kind":"salesforce-oauth"}', '--formats')).stdout;
    expect(oauth).toContain('curl-client-credentials\t');
    expect(oauth).not.toContain('legacy');
  });
  it('turns a pasted value into the account it becomes', async () => {
    const detect = async (value: string) => JSON.parse((await credential(value, '--detect')).stdout);
    expect(await detect('force://PlatformCLI::5AepX@acme.my.salesforce.com')).toEqual({
      kind: 'salesforce-sfdx-url',
      sfdxUrl: 'force://PlatformCLI::5AepX@acme.my.salesforce.com',
      clientId: 'PlatformCLI',
      refreshToken: '5AepX',
      instanceUrl: 'https://acme.my.salesforce.com',
    });
    expect(await detect('otpauth://totp/Salesforce:jane%40acme.com?secret=JBSWY3DPEHPK3PXP&issuer=Salesforce&digits=6')).toMatchObject({
      kind: 'salesforce',
      username: 'jane@acme.com',
      totp: 'JBSWY3DPEHPK3PXP',
    });
    expect(await detect(fixture('jwt-key.pem'))).toMatchObject({ kind: 'salesforce-jwt', loginUrl: 'https://login.salesforce.com' });
  });
  it('prints the expiry a certificate sets, and nothing for a kind without one', async () => {
    const jwt = JSON.stringify({
      kind: 'salesforce-jwt',
      clientId: '3MVG9abcDEF',
      username: 'ci@acme.com',
      loginUrl: 'https://login.salesforce.com',
      privateKey: fixture('jwt-key.pem'),
      certificate: fixture('jwt-cert.pem'),
    });
    expect((await credential(jwt, '--expiry')).stdout).toMatch(/^2036-\d\d-\d\dT[\d:.]+Z\n$/);
    expect(await credential(SF, '--expiry')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
  it.each([
    ['input that is not JSON', 'not json', ['token'], /not JSON/],
    ['an unknown kind', '{"kind":"nope"}', ['token'], /unknown kind/],
    ['a format the account lacks parts for', '{"kind":"salesforce","username":"jane@acme.com"}', ['password+token'], /needs password, token/],
    ['an unknown field', '{"kind":"salesforce","username":"jane@acme.com","colour":"red"}', ['username'], /no field "colour"/],
    ['a force:// URL missing a part', '{"kind":"salesforce-sfdx-url","sfdxUrl":"force://abc@acme.my.salesforce.com"}', ['sfdx-url'], /missing a part/],
    [
      'a key that does not match its certificate',
      JSON.stringify({
        kind: 'salesforce-jwt',
        clientId: '3MVG9abcDEF',
        username: 'ci@acme.com',
        loginUrl: 'https://login.salesforce.com',
        privateKey: fixture('other-key.pem'),
        certificate: fixture('jwt-cert.pem'),
      }),
      ['sf-login-jwt'],
      /does not belong/,
    ],
    ['an unknown format', SF, ['no-such-format'], /no format "no-such-format"/],
    ['a paste that is no credential', 'hello', ['--detect'], /recognises/],
  ])('refuses %s with exit 2, a message, and nothing on stdout', async (_what, input, args, message) => {
    const out = await credential(input, ...args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
  });
});
