/**
 * How the background answers the terminal, on a real vault (fake-indexeddb,
 * WebCrypto) with a scripted user at the consent window and a clock of the
 * test's own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTerminalAnswerer, LOCKED_MESSAGE } from '../../../utils/bridge/answer';
import { visible } from '../../../utils/bridge/text';
import { AppError } from '../../../utils/common/errors';
import type { ConsentAnswer, ConsentQuestion } from '../../../utils/bridge/consent';
import { KEY_FILE, type TerminalRequest } from '../../../utils/bridge/protocol';
import { inputFromFlat } from '../../../utils/vault/flat';
import { totpNow } from '../../../utils/kinds/otp';
import { PASS, testVault } from '../vault/helpers';

const where = { command: ['tokenkeep', 'env', 'acme'], cwd: '/home/dev/project' };
const pem = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/kinds', name), 'utf8');
const ONCE: ConsentAnswer = { allow: 'once' };
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DP';

let t: ReturnType<typeof testVault>;
let asked: ConsentQuestion[];
let answers: Array<ConsentAnswer | Promise<ConsentAnswer>>;
const clock = { now: Date.parse('2026-12-04T12:00:00Z') };

/** Tokens minted, by account label: the live deps stand in for the background's minting (tested in tests/unit/app/live.test.ts). */
let minted: string[];
function answerer(live = false) {
  return createTerminalAnswerer({
    imports: { preview: (items) => t.service.previewImport(items), commit: (items) => t.service.importEntries(items) },
    ...(live
      ? {
          live: {
            token: async (account) => (
              minted.push(account.label),
              { accessToken: `00D!${account.label.replace(/\W/g, '')}`, instanceUrl: 'https://acme.my.salesforce.com' }
            ),
            origins: async () => ['https://acme--dev.sandbox.my.salesforce.com'],
          },
        }
      : {}),
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
  minted = [];
  await t.service.setup(PASS);
  await t.service.saveAccount(
    inputFromFlat({
      kind: 'salesforce',
      label: 'Acme prod',
      username: 'integration@acme.com',
      password: 'Pa55-word!',
      token: 'PVmuqFRxEP0LG40WUka5vPJjG',
      totp: TOTP,
      environment: 'production',
      notes: 'door code 4417-Zeta',
      sites: [],
    }),
  );
  await t.service.saveAccount(
    inputFromFlat({
      kind: 'salesforce',
      label: 'Acme sandbox',
      username: 'integration@acme.com.uat',
      password: 'Sandbox-pw',
      environment: 'sandbox',
      sites: [],
    }),
  );
  await t.service.saveAccount(
    inputFromFlat({
      kind: 'salesforce-jwt',
      label: 'CI deploy',
      clientId: '3MVG9ci_deploy',
      username: 'ci@acme.com',
      loginUrl: 'https://login.salesforce.com',
      privateKey: pem('jwt-key.pem'),
      certificate: pem('jwt-cert.pem'),
      sites: [],
    }),
  );
  await t.service.saveAccount(
    inputFromFlat({
      kind: 'salesforce-sfdx-url',
      label: 'Scratch org',
      sfdxUrl: 'force://PlatformCLI::5AepScratch.Token@acme--dev.sandbox.my.salesforce.com',
      sites: [],
    }),
  );
  await t.service.saveAccount(inputFromFlat({ kind: 'github', label: 'GitHub bot', token: 'ghp_botToken123', sites: [] }));
});

const env = (name: string, run = false): TerminalRequest => ({ type: 'terminal.env', name, ...(run ? { run } : {}), ...where });
const get = (name: string, field: string): TerminalRequest => ({ type: 'terminal.get', name, field, ...where });
const login = (name: string): TerminalRequest => ({ type: 'terminal.login', name, program: '/usr/local/bin/sf', ...where });
const ENV_ITEMS = ['username (SF_USERNAME)', 'password (SF_PASSWORD)', 'security token (SF_SECURITY_TOKEN)', 'login URL (SF_LOGIN_URL)'];

describe('terminal answers', () => {
  it('asks first, naming the account, what would leave and who asks; gives the values only on Allow', async () => {
    answers.push(ONCE);
    const reply = await answerer().answer(env('Acme prod'));
    expect(asked).toEqual([
      { options: [{ account: 'Acme prod', kind: 'Salesforce', items: ENV_ITEMS }], purpose: 'print the environment variables', ...where },
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
    answers.push(ONCE);
    const reply = await answerer().answer(env('acme sandbox'));
    expect(asked[0]!.options[0]!.items).toEqual(['username (SF_USERNAME)', 'password (SF_PASSWORD)', 'login URL (SF_LOGIN_URL)']);
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
    answers.push(t.service.lock().then(() => ONCE));
    expect(await answerer().answer(env('Acme prod'))).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('refuses a second request while the first waits for its answer', async () => {
    const a = answerer();
    let answer!: (value: ConsentAnswer) => void;
    answers.push(new Promise((r) => (answer = r)));
    const first = a.answer(env('Acme prod'));
    expect(await a.answer(env('Acme sandbox'))).toMatchObject({
      ok: false,
      error: { code: 'busy', message: expect.stringContaining('answer that one first') },
    });
    answer(ONCE);
    expect(await first).toMatchObject({ ok: true });
  });
});

describe('names, resolved in the window', () => {
  it('tells the terminal nothing about a name that matches no account until the user has seen it in the window', async () => {
    let close!: (value: ConsentAnswer) => void;
    answers.push(new Promise((r) => (close = r)));
    let replied = false;
    const reply = answerer()
      .answer(env('globex'))
      .then((r) => ((replied = true), r));
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toEqual({ options: [], purpose: 'print the environment variables', problem: 'No account is named "globex".', ...where });
    expect(replied).toBe(false);
    close('deny');
    expect(await reply).toEqual({ ok: false, error: { code: 'not-found', message: 'No account is named "globex". tokenkeep list shows the names.' } });
  });

  it('shows a name that matches several accounts in the window, each with what it would give, and gives the one the user picks', async () => {
    answers.push({ allow: 'once', option: 1 });
    const reply = await answerer().answer(env('acme'));
    expect(asked[0]!.options.map((o) => o.account)).toEqual(['Acme prod', 'Acme sandbox']);
    expect(asked[0]!.options[1]!.items).toEqual(['username (SF_USERNAME)', 'password (SF_PASSWORD)', 'login URL (SF_LOGIN_URL)']);
    expect(reply).toMatchObject({ ok: true, data: { account: 'Acme sandbox' } });
    // An answer that picks none gives none.
    answers.push(ONCE);
    expect(await answerer().answer(env('acme'))).toMatchObject({
      ok: false,
      error: { code: 'denied', message: expect.stringContaining('No account was picked') },
    });
  });

  it('matches labels only: a username, a site or words in the notes name no account', async () => {
    const a = answerer();
    for (const name of ['integration', 'acme.com', '4417-Zeta', 'door code']) {
      answers.push('deny');
      expect(await a.answer(get(name, 'password'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(asked.map((q) => q.problem)).toEqual([
      'No account is named "integration".',
      'No account is named "acme.com".',
      'No account is named "4417-Zeta".',
      'No account is named "door code".',
    ]);
  });

  it('takes a label spelled out in full over the others it is part of', async () => {
    await t.service.saveAccount(inputFromFlat({ kind: 'salesforce', label: 'Acme', username: 'root@acme.com', password: 'pw', sites: [] }));
    answers.push(ONCE);
    expect(await answerer().answer(get('ACME', 'username'))).toMatchObject({ ok: true, data: { account: 'Acme', value: 'root@acme.com' } });
    expect(asked[0]!.options).toHaveLength(1);
  });

  it('shows in the window, not to the terminal, that the account has no such value, without listing what it has', async () => {
    answers.push('deny');
    const reply = await answerer().answer(get('Acme sandbox', 'token'));
    expect(asked[0]!.problem).toBe('Acme sandbox has no "token" it can give.');
    expect(reply).toEqual({ ok: false, error: { code: 'not-found', message: 'Acme sandbox has no "token" it can give. tokenkeep list shows the names.' } });
    answers.push('deny');
    expect(await answerer().answer(env('CI deploy'))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('tokenkeep get "CI deploy" FIELD') },
    });
  });
});

describe('standing answers', () => {
  it('cover the account, the kind of request and what the window listed, and nothing more', async () => {
    const a = answerer();
    answers.push({ allow: 5 });
    expect(await a.answer(env('Acme prod'))).toMatchObject({ ok: true });
    // The same again: not asked.
    expect(await a.answer(env('Acme prod'))).toMatchObject({ ok: true });
    expect(asked).toHaveLength(1);
    // Anything the window did not list is asked: another value, running a command, another account.
    for (const request of [get('Acme prod', 'totp'), get('Acme prod', 'password+token'), env('Acme prod', true), env('Acme sandbox'), login('CI deploy')]) {
      answers.push('deny');
      expect(await a.answer(request)).toMatchObject({ ok: false, error: { code: 'denied' } });
    }
    expect(asked).toHaveLength(6);
    clock.now += 5 * 60_000 + 1;
    answers.push('deny');
    expect(await a.answer(env('Acme prod'))).toMatchObject({ ok: false, error: { code: 'denied' } });
    answers.push({ allow: 60 });
    await a.answer(env('Acme prod'));
    a.forget();
    answers.push('deny');
    expect(await a.answer(env('Acme prod'))).toMatchObject({ ok: false, error: { code: 'denied' } });
  });

  it('never stand for a name that matched several accounts: each such request is asked', async () => {
    const a = answerer();
    answers.push({ allow: 15, option: 0 }, 'deny');
    expect(await a.answer(env('acme'))).toMatchObject({ ok: true, data: { account: 'Acme prod' } });
    expect(await a.answer(env('acme'))).toMatchObject({ ok: false, error: { code: 'denied' } });
    expect(asked).toHaveLength(2);
  });
});

describe('what each request gives', () => {
  it('gets a format by its name first, so totp is the current code; the seed itself only as totp-seed, in a window that says so', async () => {
    const a = answerer();
    answers.push(ONCE, ONCE, ONCE, ONCE);
    expect(await a.answer(get('Acme prod', 'password+token'))).toMatchObject({ ok: true, data: { value: 'Pa55-word!PVmuqFRxEP0LG40WUka5vPJjG' } });
    expect(asked.at(-1)!.options[0]!.items).toEqual(['password + token']);
    expect(await a.answer(get('Acme prod', 'totp'))).toMatchObject({ ok: true, data: { value: totpNow(TOTP, clock.now).code } });
    expect(asked.at(-1)!.options[0]!.items).toEqual(['current code']);
    expect(await a.answer(get('Acme prod', 'totp-seed'))).toMatchObject({ ok: true, data: { value: TOTP } });
    expect(asked.at(-1)!.options[0]!.items).toEqual(['the TOTP secret itself (the seed: it makes every future code)']);
    expect(await a.answer(get('GitHub bot', 'auth-header'))).toMatchObject({ ok: true, data: { value: 'Authorization: Bearer ghp_botToken123' } });
  });

  it('hands sf-login a JWT key for a pipe and an SFDX auth URL for sf’s input, and the window names the sf that gets it', async () => {
    answers.push(ONCE, ONCE);
    const jwt = await answerer().answer(login('CI deploy'));
    expect(asked[0]).toMatchObject({
      options: [{ items: ['consumer key', 'username', 'private key (PEM)', 'login URL'] }],
      program: '/usr/local/bin/sf',
      purpose: expect.stringContaining('never written to a file'),
    });
    expect(jwt).toEqual({
      ok: true,
      data: {
        account: 'CI deploy',
        secret: pem('jwt-key.pem'),
        via: 'pipe',
        args: [
          'org',
          'login',
          'jwt',
          '--client-id',
          '3MVG9ci_deploy',
          '--jwt-key-file',
          KEY_FILE,
          '--username',
          'ci@acme.com',
          '--instance-url',
          'https://login.salesforce.com',
        ],
      },
    });
    expect(await answerer().answer(login('Scratch org'))).toEqual({
      ok: true,
      data: {
        account: 'Scratch org',
        secret: 'force://PlatformCLI::5AepScratch.Token@acme--dev.sandbox.my.salesforce.com',
        via: 'stdin',
        args: ['org', 'login', 'sfdx-url', '--sfdx-url-stdin', '-'],
      },
    });
    answers.push('deny');
    expect(await answerer().answer(login('Acme prod'))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('takes a Salesforce JWT or SFDX auth URL account') },
    });
  });

  it('lists the names, sorted, after asking', async () => {
    answers.push(ONCE);
    expect(await answerer().answer({ type: 'terminal.list', ...where })).toEqual({
      ok: true,
      data: { accounts: ['Acme prod', 'Acme sandbox', 'CI deploy', 'GitHub bot', 'Scratch org'].map((label) => ({ label, kind: expect.any(String) })) },
    });
    expect(asked[0]).toMatchObject({ options: [], items: ['the names of your accounts'] });
  });
});

describe('the window shows what the terminal reports, never obeys it', () => {
  it('escapes control, direction, zero-width and blank characters other than the space', async () => {
    answers.push('deny');
    await answerer().answer({
      type: 'terminal.env',
      name: 'Acme prod',
      command: ['tokenkeep', 'env', 'x\u202Egnp.exe', 'a\nb', 'c\u200Bd', 'e\u3000f\u2060g'],
      cwd: '/tmp/\u001b[2Jhome\u00a0x',
    });
    expect(asked[0]).toMatchObject({
      command: ['tokenkeep', 'env', 'x\\u{202e}gnp.exe', 'a\\u{a}b', 'c\\u{200b}d', 'e\\u{3000}f\\u{2060}g'],
      cwd: '/tmp/\\u{1b}[2Jhome\\u{a0}x',
    });
    expect(visible('plain words, with spaces')).toBe('plain words, with spaces');
  });
});

describe('access tokens, for a kind that mints', () => {
  const token = (name: string): TerminalRequest => ({ type: 'terminal.token', name, ...where });
  const ITEM = 'an access token for Scratch org (about 2 hours)';

  it('gives tokenkeep run the token and its instance, as sf and jsforce read them, and never the secret it is made from', async () => {
    answers.push(ONCE);
    const reply = await answerer(true).answer(env('Scratch org', true));
    expect(asked[0]!.options).toEqual([
      { account: 'Scratch org', kind: 'Salesforce SFDX auth URL', items: [ITEM], origins: ['https://acme--dev.sandbox.my.salesforce.com'] },
    ]);
    expect(reply).toEqual({
      ok: true,
      data: {
        account: 'Scratch org',
        variables: [
          { name: 'SF_TARGET_ORG', value: '00D!Scratchorg', secret: true },
          { name: 'SF_ORG_INSTANCE_URL', value: 'https://acme.my.salesforce.com', secret: false },
          { name: 'SF_ACCESS_TOKEN', value: '00D!Scratchorg', secret: true },
          { name: 'SF_INSTANCE_URL', value: 'https://acme.my.salesforce.com', secret: false },
        ],
      },
    });
    expect(JSON.stringify(reply)).not.toContain('5AepScratch');
  });

  it('mints only after Allow, and a standing answer covers the next token without asking', async () => {
    answers.push('deny');
    const a = answerer(true);
    expect(await a.answer(token('Scratch org'))).toMatchObject({ ok: false, error: { code: 'denied' } });
    expect(minted).toEqual([]);
    answers.push({ allow: 5 });
    expect(await a.answer(token('Scratch org'))).toEqual({
      ok: true,
      data: { account: 'Scratch org', value: '00D!Scratchorg', instanceUrl: 'https://acme.my.salesforce.com' },
    });
    expect(await a.answer(token('Scratch org'))).toMatchObject({ ok: true });
    expect(asked).toHaveLength(2);
    expect(minted).toEqual(['Scratch org', 'Scratch org']);
  });

  it('still gives the long-lived secret when asked for it by name', async () => {
    answers.push(ONCE);
    expect(await answerer(true).answer(get('Scratch org', 'refreshToken'))).toMatchObject({ ok: true, data: { value: '5AepScratch.Token' } });
    expect(minted).toEqual([]);
  });

  it('refuses tokenkeep token for a kind that cannot mint, naming the kinds that can, in the window first', async () => {
    answers.push('deny');
    const reply = await answerer(true).answer(token('GitHub bot'));
    expect(asked[0]!.problem).toBe(
      'GitHub bot is a GitHub account, which cannot make an access token: tokenkeep token takes a Salesforce OAuth (client credentials), Salesforce JWT bearer, Salesforce SFDX auth URL account.',
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('says Salesforce’s refusal as it is', async () => {
    answers.push(ONCE);
    const a = createTerminalAnswerer({
      accounts: () => t.service.allAccounts(),
      ask: async () => answers.shift()!,
      now: () => clock.now,
      live: {
        token: async () => {
          throw new AppError(
            'remote',
            'The refresh token was revoked or has expired: log in again (sf org login web), then save the new SFDX auth URL. (invalid_grant)',
          );
        },
        origins: async () => [],
      },
    });
    expect(await a.answer(token('Scratch org'))).toEqual({
      ok: false,
      error: {
        code: 'remote',
        message: 'The refresh token was revoked or has expired: log in again (sf org login web), then save the new SFDX auth URL. (invalid_grant)',
      },
    });
  });
});

describe('tokenkeep import sf', () => {
  const DEV = 'force://PlatformCLI::5Aep861KIwKdekr90I4iHdtxQvsqNQnTbY8rXwuGz@acme--dev.sandbox.my.salesforce.com';
  const CI = 'force://PlatformCLI::5Aep861Other.Refresh.Token@acme.my.salesforce.com';
  const request = (orgs: Array<{ label: string; sfdxUrl: string }>): TerminalRequest => ({
    type: 'terminal.import',
    orgs,
    command: ['tokenkeep', 'import', 'sf', '--all'],
    cwd: '~',
  });
  const sfdxAccounts = async () => (await t.service.allAccounts()).filter((a) => ['dev', 'ci'].includes(a.label));

  it('lists every org with what adding it does in one window, adds them only on “Add to Tokenkeep”, and the same orgs again change nothing', async () => {
    answers.push(ONCE);
    const reply = await answerer().answer(
      request([
        { label: 'dev', sfdxUrl: DEV },
        { label: 'ci', sfdxUrl: CI },
      ]),
    );
    expect(reply).toEqual({ ok: true, data: { added: 2, updated: 0, unchanged: 0, skipped: [] } });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      options: [],
      gives: ['dev: New account', 'ci: New account'],
      purpose: 'add them to Tokenkeep, each as an SFDX auth URL account',
    });
    expect((await sfdxAccounts()).map((a) => [a.label, a.fields.instanceUrl])).toEqual(
      expect.arrayContaining([
        ['dev', 'https://acme--dev.sandbox.my.salesforce.com'],
        ['ci', 'https://acme.my.salesforce.com'],
      ]),
    );
    answers.push({ allow: 15 });
    expect(await answerer().answer(request([{ label: 'dev', sfdxUrl: DEV }]))).toEqual({ ok: true, data: { added: 0, updated: 0, unchanged: 1, skipped: [] } });
    expect(asked[1]!.gives).toEqual(['dev: Already in Tokenkeep (“dev”)']);
  });

  it('takes the CLI’s URL as the current one for an org kept here with another refresh token, which goes to the history', async () => {
    await t.service.saveAccount(inputFromFlat({ kind: 'salesforce-sfdx-url', label: 'dev', sfdxUrl: DEV.replace('5Aep861', '5AepOld'), sites: [] }));
    // sf gave its URL after the account here last changed.
    const then = clock.now;
    clock.now = Date.now() + 1000;
    answers.push(ONCE);
    try {
      expect(await answerer().answer(request([{ label: 'dev', sfdxUrl: DEV }]))).toEqual({
        ok: true,
        data: { added: 0, updated: 1, unchanged: 0, skipped: [] },
      });
    } finally {
      clock.now = then;
    }
    expect(asked[0]!.gives).toEqual(['dev: Updates “dev”: the imported SFDX auth URL is newer and becomes current']);
    const [dev] = await sfdxAccounts();
    expect(dev!.fields.sfdxUrl).toBe(DEV);
    // One account still, logged in again: the old URL (and the refresh token read from it) in its history.
    expect((await sfdxAccounts()).length).toBe(1);
    expect(dev!.history.filter((h) => h.field === 'sfdxUrl').map((h) => h.value)).toEqual([DEV.replace('5Aep861', '5AepOld')]);
  });

  it('adds nothing on Deny, and lists what is not an SFDX auth URL as skipped', async () => {
    answers.push('deny');
    expect(await answerer().answer(request([{ label: 'dev', sfdxUrl: DEV }]))).toMatchObject({ ok: false, error: { code: 'denied' } });
    expect(await sfdxAccounts()).toEqual([]);
    answers.push(ONCE);
    const reply = await answerer().answer(
      request([
        { label: 'odd\u202e', sfdxUrl: 'https://not-a-force-url' },
        { label: 'dev', sfdxUrl: DEV },
      ]),
    );
    expect(asked[1]!.gives).toEqual(['odd\\u{202e}: Skipped: sf did not give an SFDX auth URL for it.', 'dev: New account']);
    expect(reply).toEqual({ ok: true, data: { added: 1, updated: 0, unchanged: 0, skipped: ['odd\u202e: sf did not give an SFDX auth URL for it.'] } });
  });

  it('asks nothing while the vault is locked', async () => {
    await t.service.lock();
    expect(await answerer().answer(request([{ label: 'dev', sfdxUrl: DEV }]))).toEqual({ ok: false, error: { code: 'locked', message: LOCKED_MESSAGE } });
    expect(asked).toEqual([]);
  });
});
