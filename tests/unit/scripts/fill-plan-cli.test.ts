import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const FORMS = path.join(ROOT, 'tests/fixtures/forms');

/** Runs the CLI as users do (npm run --silent fill-plan), resolving with code, parsed stdout and stderr. */
async function fillPlan(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'fill-plan', '--', ...args], { cwd: ROOT });
    return { code: 0, plan: JSON.parse(stdout), stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, plan: null, stderr: e.stderr };
  }
}

describe('npm run fill-plan', () => {
  it('prints each field with a selector that names it, its role and the reason', async () => {
    const { code, plan } = await fillPlan(path.join(FORMS, 'jitterbit-connection.html'));
    expect(code).toBe(0);
    expect(plan.fields).toEqual([
      { selector: '#conn-user', role: 'username', reason: 'label "Username" names a username' },
      { selector: '#conn-pass', role: 'password', reason: 'type=password' },
      { selector: '#conn-token', role: 'token', reason: 'label "Security Token" names a security token' },
    ]);
  });

  it('appends the token where there is no token field, and leaves out what the account lacks, never printing a secret', async () => {
    const account = JSON.stringify({ username: 'u@acme.com', password: 'Secret-Pw-1', token: '' });
    const { plan } = await fillPlan(path.join(FORMS, 'salesforce-login.html'), '--append-token', '--account', account);
    expect(plan.fields.map((f: { role: string }) => f.role)).toEqual(['username', 'password']);
    const withToken = await fillPlan(path.join(FORMS, 'salesforce-login.html'), '--append-token');
    expect(withToken.plan.fields.map((f: { role: string }) => f.role)).toEqual(['username', 'password+token']);
    expect(JSON.stringify(plan)).not.toContain('Secret-Pw-1');
  });

  it('goes through an open shadow root written as a declarative template', async () => {
    const { plan } = await fillPlan(path.join(FORMS, 'shadow-login.html'));
    expect(plan.fields.map((f: { selector: string }) => f.selector)).toEqual(['sf-login-card >>> #u', 'sf-login-card >>> #p', 'sf-login-card >>> #t']);
  });

  it("applies the page's own stylesheet: a field a class hides is left out, and the notes say why", async () => {
    const { plan } = await fillPlan(path.join(FORMS, 'hidden-fields.html'));
    expect(plan.fields.map((f: { selector: string }) => f.selector)).toEqual(['#login', '#pw']);
    expect(plan.notes).toEqual(expect.arrayContaining(['Left out the field with name "h3": nobody can see it (display: none).']));
    const token = await fillPlan(path.join(FORMS, 'invisible-token.html'));
    expect(token.plan).toMatchObject({ hasTokenField: false, fields: [{ selector: '#sf-user' }, { selector: '#sf-pass' }] });
  });

  it('lays the page out as the browser does: a field moved off the page by a negative margin gets nothing', async () => {
    const { plan } = await fillPlan(path.join(FORMS, 'offpage-margin.html'));
    expect(plan).toMatchObject({ hasTokenField: false, fields: [{ selector: '#u' }, { selector: '#p' }] });
    expect(plan.notes).toEqual(['Left out the field with label "Security token": nobody can see it (placed off the page).']);
  });

  it('exits 2 with a message for a missing file or bad arguments', async () => {
    expect(await fillPlan('no-such-file.html')).toMatchObject({ code: 2, stderr: expect.stringContaining('no-such-file.html: no such file') });
    expect(await fillPlan(path.join(FORMS, 'french.html'), '--account', '{not json')).toMatchObject({ code: 2, stderr: expect.stringContaining('--account') });
  });
});
