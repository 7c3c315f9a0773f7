/**
 * How the background answers the terminal, on a real vault (fake-indexeddb,
 * WebCrypto) with a scripted user at the consent window and a clock of the
 * test's own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTerminalAnswerer, LOCKED_MESSAGE } from '../../../utils/bridge/answer';
import type { ConsentAnswer, ConsentQuestion } from '../../../utils/bridge/consent';
import { KEY_FILE, type TerminalRequest } from '../../../utils/bridge/protocol';
import { inputFromFlat } from '../../../utils/kinds/flat';
import { PASS, testVault } from '../vault/helpers';

const where = { command: ['tokenkeep', 'env', 'acme'], cwd: '/home/dev/project' };
const pem = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/kinds', name), 'utf8');

let t: ReturnType<typeof testVault>;
let asked: ConsentQuestion[];
let answers: Array<ConsentAnswer | Promise<ConsentAnswer>>;
const clock = { now: Date.parse('2026-12-04T12:00:00Z') };

function answerer() {
  return createTerminalAnswerer({
    accounts: async () => ((await t.vault.state()) === 'unlocked' ? t.service.allAccounts() : undefined),
    ask: async (question) => {
      asked.push(question);
      const next = answers.shift();
      if (next === undefined) throw new Error('the test gave no answer');
      return next;
    },
    now: () => clock.now,
  });
}

beforeEach(async () => {
  t = testVault();
  asked = [];
  answers = [];
  await t.service.setup(PASS);
  await t.service.saveAccount(inputFromFlat({ kind: 'salesforce', label: 'Acme prod', username: 'integration@acme.com', password: 'Pa55-word!', token: 'PVmuqFRxEP0LG40WUka5vPJjG', environment: 'production', sites: [] }));
  await t.service.saveAccount(inputFromFlat({ kind: 'salesforce', label: 'Acme sandbox', username: 'integration@acme.com.uat', password: 'Sandbox-pw', environment: 'sandbox', sites: [] }));
  await t.service.saveAccount(inputFromFlat({ kind: 'salesforce-jwt', label: 'CI deploy', clientId: '3MVG9ci_deploy', username: 'ci@acme.com', loginUrl: 'https://login.salesforce.com', privateKey: pem('jwt-key.pem'), certificate: pem('jwt-cert.pem'), sites: [] }));
  await t.service.saveAccount(inputFromFlat({ kind: 'github', label: 'GitHub bot', token: 'ghp_botToken123', sites: [] }));
});

const env = (name: string, run = false): TerminalRequest => ({ type: 'terminal.env', name, ...(run ? { run } : {}), ...where });

describe('terminal answers', () => {
  it('asks first, naming the account, what would leave and who asks; gives the values only on Allow', async () => {
    answers.push('once');
    const reply = await answerer().answer(env('Acme prod'));
    expect(asked).toEqual([
      {
        account: 'Acme prod',
        kind: 'Salesforce',
        items: ['username (SF_USERNAME)', 'password (SF_PASSWORD)', 'security token (SF_SECURITY_TOKEN)', 'login URL (SF_LOGIN_URL)'],
        purpose: 'print the environment variables',
        ...where,
      },
    ]);
    expect(reply).toEqual({
      ok: true,
      data: {
        account: 'Acme prod',
        variables: [
          { name: 'SF_USERNAME', value: 'integration@acme.com', secret: false },
          { name: 'SF_PASSWORD', value: 'Pa55-word!', secret: true },
          { name: 'SF_SECURITY_TOKEN', value: 'PVmuqFRxEP0LG40WUka5vPJjG', secret: true },
          { name: 'SF_LOGIN_URL', value: 'https://login.salesforce.com', secret: false },
        ],
      },
    });
  });

  it('names only the variables the account has a value for', async () => {
    answers.push('once');
    const reply = await answerer().answer(env('acme sandbox'));
    expect(asked[0]!.items).toEqual(['username (SF_USERNAME)', 'password (SF_PASSWORD)', 'login URL (SF_LOGIN_URL)']);
    expect(reply.ok && 'variables' in reply.data && reply.data.variables.map((v) => v.name)).toEqual(['SF_USERNAME', 'SF_PASSWORD', 'SF_LOGIN_URL']);
  });

  it('gives nothing on Deny, a closed window or no answer, and says which', async () => {
    const a = answerer();
    for (const [answer, message] of [
      ['deny', 'Denied in the browser.'],
      ['closed', 'closed without an answer'],
      ['timeout', 'No answer came in the browser in time'],
    ] as const) {
      answers.push(answer);
      expect(await a.answer(env('Acme prod'))).toEqual({ ok: false, error: { code: 'denied', message: expect.stringContaining(message) } });
    }
  });

  it('asks nothing while the vault is locked, and says to unlock it in the browser', async () => {
    await t.service.lock();
    expect(await answerer().answer(env('Acme prod'))).toEqual({ ok: false, error: { code: 'locked', message: LOCKED_MESSAGE } });
    expect(await answerer().answer({ type: 'terminal.list', ...where })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(asked).toEqual([]);
  });

  it('sends nothing when the vault locks while the window is open', async () => {
    answers.push(t.service.lock().then(() => 'once' as const));
    expect(await answerer().answer(env('Acme prod'))).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('refuses an unknown name, and lists the candidates of an ambiguous one, without asking', async () => {
    const a = answerer();
    expect(await a.answer(env('globex'))).toEqual({ ok: false, error: { code: 'not-found', message: 'No account matches "globex". tokenkeep list shows the names.' } });
    const ambiguous = await a.answer(env('acme'));
    expect(ambiguous).toMatchObject({ ok: false, error: { code: 'ambiguous' } });
    expect(!ambiguous.ok && ambiguous.error.message.split('\n')).toEqual([
      '"acme" matches 3 accounts; name one of them:',
      '  Acme prod (Salesforce)',
      '  Acme sandbox (Salesforce)',
      '  CI deploy (Salesforce JWT bearer)',
    ]);
    expect(asked).toEqual([]);
  });

  it('takes a label spelled out in full over a search that matches more', async () => {
    await t.service.saveAccount(inputFromFlat({ kind: 'salesforce', label: 'Acme', username: 'root@acme.com', password: 'pw', sites: [] }));
    answers.push('once');
    expect(await answerer().answer({ type: 'terminal.get', name: 'ACME', field: 'username', ...where })).toMatchObject({ ok: true, data: { account: 'Acme', value: 'root@acme.com' } });
  });

  it('lets "allow for N minutes" cover that account only, until the time is up or the vault locks', async () => {
    const a = answerer();
    answers.push({ minutes: 5 });
    expect(await a.answer(env('Acme prod'))).toMatchObject({ ok: true });
    expect(await a.answer({ type: 'terminal.get', name: 'Acme prod', field: 'token', ...where })).toMatchObject({ ok: true, data: { value: 'PVmuqFRxEP0LG40WUka5vPJjG' } });
    expect(asked).toHaveLength(1);

    answers.push('deny');
    expect(await a.answer(env('Acme sandbox'))).toMatchObject({ ok: false, error: { code: 'denied' } });
    expect(asked).toHaveLength(2);

    clock.now += 5 * 60_000 + 1;
    answers.push('deny');
    expect(await a.answer(env('Acme prod'))).toMatchObject({ ok: false, error: { code: 'denied' } });

    answers.push({ minutes: 60 });
    await a.answer(env('Acme prod'));
    a.forget();
    answers.push('deny');
    expect(await a.answer(env('Acme prod'))).toMatchObject({ ok: false, error: { code: 'denied' } });
  });

  it('refuses a second request while the first waits for its answer', async () => {
    const a = answerer();
    let answer!: (value: ConsentAnswer) => void;
    answers.push(new Promise((r) => (answer = r)));
    const first = a.answer(env('Acme prod'));
    expect(await a.answer(env('Acme sandbox'))).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringContaining('answer that one first') } });
    answer('once');
    expect(await first).toMatchObject({ ok: true });
  });

  it('gets one field or one format, and says what the account has when asked for something else', async () => {
    const a = answerer();
    answers.push('once', 'once');
    expect(await a.answer({ type: 'terminal.get', name: 'Acme prod', field: 'password+token', ...where })).toMatchObject({ ok: true, data: { value: 'Pa55-word!PVmuqFRxEP0LG40WUka5vPJjG' } });
    expect(asked.at(-1)!.items).toEqual(['password + token']);
    expect(await a.answer({ type: 'terminal.get', name: 'GitHub bot', field: 'auth-header', ...where })).toMatchObject({ ok: true, data: { value: 'Authorization: Bearer ghp_botToken123' } });
    const missing = await a.answer({ type: 'terminal.get', name: 'Acme sandbox', field: 'token', ...where });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(!missing.ok && missing.error.message).toBe('Acme sandbox has no "token". It has the fields username, password, environment, loginUrl, and the formats username, password, env, dotenv.');
    expect(asked).toHaveLength(2);
  });

  it('says how to use a kind that has no environment', async () => {
    expect(await answerer().answer(env('CI deploy'))).toMatchObject({ ok: false, error: { message: expect.stringContaining('tokenkeep get "CI deploy" FIELD') } });
  });

  it('hands sf-login the key and the arguments with the file still to be named', async () => {
    answers.push('once');
    const reply = await answerer().answer({ type: 'terminal.login', name: 'CI deploy', ...where });
    expect(asked[0]!.items).toEqual(['consumer key', 'username', 'private key (PEM)', 'login URL']);
    expect(reply).toEqual({
      ok: true,
      data: {
        account: 'CI deploy',
        file: pem('jwt-key.pem'),
        args: ['org', 'login', 'jwt', '--client-id', '3MVG9ci_deploy', '--jwt-key-file', KEY_FILE, '--username', 'ci@acme.com', '--instance-url', 'https://login.salesforce.com'],
      },
    });
    expect(await answerer().answer({ type: 'terminal.login', name: 'Acme prod', ...where })).toMatchObject({ ok: false, error: { message: expect.stringContaining('takes a Salesforce JWT or SFDX auth URL account') } });
  });

  it('shows the command and folder the CLI reports with their control and direction characters escaped, not obeyed', async () => {
    answers.push('deny');
    await answerer().answer({ type: 'terminal.env', name: 'Acme prod', command: ['tokenkeep', 'env', 'x\u202Egnp.exe', 'a\nb'], cwd: '/tmp/\u001b[2Jhome' });
    expect(asked[0]).toMatchObject({ command: ['tokenkeep', 'env', 'x\\u{202e}gnp.exe', 'a\\u{a}b'], cwd: '/tmp/\\u{1b}[2Jhome' });
  });

  it('lists the names, sorted, after asking', async () => {
    answers.push('once');
    expect(await answerer().answer({ type: 'terminal.list', ...where })).toEqual({
      ok: true,
      data: { accounts: ['Acme prod', 'Acme sandbox', 'CI deploy', 'GitHub bot'].map((label) => ({ label, kind: expect.any(String) })) },
    });
    expect(asked[0]).toMatchObject({ account: null, items: ['the names of your accounts'] });
  });
});
