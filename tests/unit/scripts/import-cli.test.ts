/** `npm run --silent import`: the import preview from the command line, as JSON lines, never a secret. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../../scripts/lib/run';
import { bitwardenJson, makeKdbx, PASSWORD } from '../../fixtures/import/make';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'tokenkeep-import-cli-'));
const at = (name: string) => path.join(dir, name);
const importCli = (...args: string[]) => runProcess('npm', ['run', '--silent', 'import', '--', ...args], { cwd: ROOT });

beforeAll(async () => {
  writeFileSync(at('work.kdbx'), await makeKdbx());
  writeFileSync(at('password.txt'), `${PASSWORD}\n`);
  writeFileSync(at('wrong.txt'), 'not it\n');
  writeFileSync(at('bitwarden.json'), bitwardenJson());
  writeFileSync(at('notes.txt'), 'hello, this is not an export');
});

describe('import CLI', () => {
  it('prints one JSON line per entry: kind, label, field names and action, and no secret', async () => {
    const { code, stdout, stderr } = await importCli(at('work.kdbx'), '--password-file', at('password.txt'));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ kind: 'salesforce-sfdx-url', label: 'Acme CI org', fields: ['sfdxUrl'], action: 'new' });
    expect(lines.find((l) => l.label === 'Acme production')).toMatchObject({
      kind: 'salesforce',
      action: 'new',
      fields: expect.arrayContaining(['username', 'password', 'token', 'totp']),
    });
    for (const secret of ['Pa55!word', 'PVmuqFRxEP0LG40WUka5vPJjG', 'force://', 'JBSWY3DPEHPK3PXP', 'wiki-pw']) expect(stdout).not.toContain(secret);
  });

  it('reads a plain export without a password', async () => {
    const { code, stdout } = await importCli(at('bitwarden.json'));
    expect(code).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).kind),
    ).toEqual(['salesforce', 'salesforce-oauth', 'github']);
  });

  it('exits 2 with a message, and prints nothing, on bad input', async () => {
    expect(await importCli(at('notes.txt'))).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^import: Tokenkeep cannot tell what notes.txt is\. It reads a Bitwarden/),
    });
    expect(await importCli(at('work.kdbx'))).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/locked: enter its password\. Give it in a file: --password-file F\./),
    });
    expect(await importCli(at('work.kdbx'), '--password-file', at('wrong.txt'))).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/does not open this KeePass database/),
    });
    expect(await importCli(at('missing.json'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read .*missing.json: ENOENT/) });
    expect(await importCli()).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: npm run --silent import -- FILE/) });
  });
});
