import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEBMAILS } from '../../../utils/webmail/hosts';
import { drift, withAccount } from '../../fixtures/drift';
import { gmailTokenPage, tokenEmailHtml, WEBMAIL_PAGES } from '../../fixtures/pages';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const EML = path.join(ROOT, 'tests/fixtures/email/token-qp.eml');
let dir: string;

/** Runs the CLI as users do (npm run --silent extract), resolving with code, stdout and stderr. */
async function extract(...files: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'extract', '--', ...files], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'extract-cli-'));
  await writeFile(
    path.join(dir, 'gmail.html'),
    gmailTokenPage({ username: 'cli@acme.com', token: 'Cl1TokenAbCdEfGhIjKlMnOp', date: 'Sat, Nov 21, 2026, 9:14 AM' }),
  );
  await writeFile(
    path.join(dir, 'spoof.html'),
    gmailTokenPage({ username: 'cli@acme.com', token: 'Cl1TokenAbCdEfGhIjKlMnOp', from: 'support@salesforce-security.com' }),
  );
});

describe('npm run extract', () => {
  it('prints one JSON line per capture with the contract fields', async () => {
    const { code, stdout, stderr } = await extract(path.join(dir, 'gmail.html'), EML);
    expect([code, stderr]).toEqual([0, '']);
    expect(lines(stdout)).toEqual([
      {
        file: path.join(dir, 'gmail.html'),
        provider: 'salesforce',
        username: 'cli@acme.com',
        token: 'Cl1TokenAbCdEfGhIjKlMnOp',
        sender: 'support@salesforce.com',
        subject: 'Your new Salesforce security token',
        date: new Date(2026, 10, 21, 9, 14).toISOString(),
        source: 'gmail',
      },
      expect.objectContaining({ file: EML, username: 'dev.user@example.org', source: 'eml' }),
    ]);
  });

  it('exits 0 with no output when nothing is found', async () => {
    expect(await extract(path.join(dir, 'spoof.html'))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reads saved pages of every webmail after a redesign: the genuine email captured, a header faked in the body refused', async () => {
    const body = tokenEmailHtml({ username: 'drift@acme.com', token: 'Dr1TokenAbCdEfGhIjKlMnOp' });
    const fake = `<p>Salesforce &lt;support@salesforce.com&gt;</p><p>Sat, Nov 21, 2026, 9:14 AM</p>${body}`;
    const files: string[] = [];
    for (const { id } of WEBMAILS) {
      for (const [name, html] of [
        ['genuine', WEBMAIL_PAGES[id]({ from: 'support@salesforce.com', bodyHtml: body })],
        ['spoof', WEBMAIL_PAGES[id]({ from: 'mallory@evil.example', fromName: 'Mallory', bodyHtml: fake })],
      ] as const) {
        const file = path.join(dir, `${id}-${name}-drifted.html`);
        await writeFile(file, drift(withAccount(html, 'jane.doe@acme.example.com'), 'all'));
        files.push(file);
      }
    }
    const { code, stdout } = await extract(...files);
    expect(code).toBe(0);
    expect(lines(stdout).map((l) => [path.basename(l.file), l.source, l.sender])).toEqual(
      WEBMAILS.map(({ id }) => [`${id}-genuine-drifted.html`, 'generic', 'support@salesforce.com']),
    );
  });

  it('reports an unreadable file on stderr, exits 2, and still processes the others', async () => {
    const { code, stdout, stderr } = await extract(path.join(dir, 'missing.html'), path.join(dir, 'gmail.html'), dir);
    expect(code).toBe(2);
    expect(stderr).toContain('missing.html: no such file');
    expect(stderr).toContain(`${dir}:`);
    expect(lines(stdout).map((l) => l.username)).toEqual(['cli@acme.com']);
  });
});
