// @vitest-environment happy-dom
/**
 * The fill planner's trust rules: only fields a person can see, never a code, card, address or
 * app-key field, a field's own label before a heading, and the first empty one of two logins.
 * Styles cascade (happy-dom) and there is no layout, as in `npm run fill-plan`; the same rules with
 * measured layout are exercised in real browsers by the e2e tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStyledDocument } from '../../../scripts/lib/dom';
import { defaultMode, frameToAsk, needsMode, type FrameReport } from '../../../utils/autofill/decide';
import { kindOf } from '../../../utils/kinds';
import { describeField } from '../../../utils/autofill/describe';
import { planFill } from '../../../utils/autofill/plan';
import { resolvePath } from '../../../utils/autofill/selector';
import type { FillPlan } from '../../../utils/autofill/types';

const SF_APPENDS = kindOf('salesforce')!.appends;

const DIR = path.join(__dirname, '../../fixtures/forms');
const fixture = (name: string) => parseStyledDocument(readFileSync(path.join(DIR, name), 'utf8'));
const page = (html: string) => parseStyledDocument(`<!doctype html><html><head></head><body>${html}</body></html>`);
const plan = (doc: Document) => planFill(doc, { layout: false });

/** role -> the id or name of the element each planned field resolves to. */
function filled(doc: Document, p: FillPlan): Record<string, string> {
  return Object.fromEntries(p.fields.map((f) => [f.role, ((el) => el.id || el.name)(resolvePath(doc, f.path) as HTMLInputElement)]));
}

describe('fill planner: fields that are for something else', () => {
  it.each([
    ['twofa-code.html', 'a one-field 2FA page whose "Verification Code" is type=password', /one-time or verification code/],
    ['payment-en.html', 'a checkout: a cc-number input just before a type=password "Security code"', /payment form/],
    ['payment-fr.html', 'a French payment form: "Cryptogramme visuel" is type=password', /payment form/],
    ['payment-de.html', 'a German payment form with a username beside the card', /payment form/],
    ['address-form.html', 'a shipping address form with an optional Email', null],
    ['oauth-settings.html', 'a connector\'s OAuth settings: "Consumer Key:<br>" and a type=password Consumer Secret', /an app's key or secret/],
  ])('%s (%s) gets nothing', (file, _why, note) => {
    const p = plan(fixture(file));
    expect(p.fields).toEqual([]);
    expect(p.step).toBe('none');
    if (note) expect(p.notes.join(' ')).toMatch(note);
  });

  // One type=password field, labelled as a code in each of the ten languages capture reads.
  const CODE_LABELS = [
    'Verification code',
    'Code de vérification',
    'Bestätigungscode',
    'Código de verificación',
    'Código de verificação',
    'Codice di verifica',
    'Verificatiecode',
    '確認コード',
    '验证码',
    '인증 코드',
    'One-time password',
    'Enter your 2FA code',
  ];
  it.each(CODE_LABELS)('never puts a password or token into a code field labelled "%s"', (label) => {
    const p = plan(page(`<form><label for="c">${label}</label><input id="c" type="password"><button>Verify</button></form>`));
    expect(p.fields).toEqual([]);
  });

  it('knows a code field by autocomplete, inputmode and length, whatever its label', () => {
    for (const attrs of ['autocomplete="one-time-code"', 'inputmode="numeric"', 'maxlength="6"']) {
      expect(plan(page(`<form><label for="c">Enter it here</label><input id="c" type="password" ${attrs}></form>`)).fields, attrs).toEqual([]);
    }
    // Beside a login, the code field gets nothing and the login still fills.
    const doc = page(
      '<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"><label for="o">Authenticator code</label><input id="o" autocomplete="one-time-code"></form>',
    );
    expect(filled(doc, plan(doc))).toEqual({ username: 'u', password: 'p' });
  });

  it('takes a "security token" field that cannot hold a token (under 20 characters) for a code', () => {
    const doc = page(
      '<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"><label for="t">Security token</label><input id="t" maxlength="8"></form>',
    );
    const p = plan(doc);
    expect(filled(doc, p)).toEqual({ username: 'u', password: 'p' });
    expect(p.hasTokenField).toBe(false);
  });

  it('keeps a password that a page names "passcode" when its autocomplete says current-password (Okta)', () => {
    const doc = fixture('step2-password.html');
    expect(filled(doc, plan(doc))).toEqual({ password: 'current' });
  });

  it("does not take a contact form's email for the first step of a login", () => {
    expect(
      plan(
        page(
          '<form><label for="n">Name</label><input id="n"><label for="e">Email</label><input id="e" type="email"><textarea></textarea><button>Send</button></form>',
        ),
      ).fields,
    ).toEqual([]);
    const step1 = fixture('step1-username.html');
    expect(filled(step1, plan(step1))).toEqual({ username: 'identifier' });
  });
});

describe('fill planner: what a person can see', () => {
  it('fills the one visible login among six hidden password fields, and says why each was left out', () => {
    const doc = fixture('hidden-fields.html');
    const p = plan(doc);
    expect(filled(doc, p)).toEqual({ username: 'login', password: 'pw' });
    expect(p.step).toBe('full');
    const notes = p.notes.join('\n');
    for (const why of ['0px × 0px', '1px × 1px', 'visibility: collapse', 'display: none', 'opacity 0', 'placed off the page']) expect(notes).toContain(why);
  });

  it('leaves an invisible security token field empty, so the question of the token is asked', () => {
    const doc = fixture('invisible-token.html');
    const p = plan(doc);
    expect(filled(doc, p)).toEqual({ username: 'sf-user', password: 'sf-pass' });
    expect(p.hasTokenField).toBe(false);
    expect(needsMode(p, { password: 'pw', token: 'T0ken' }, SF_APPENDS)).toBe(true);
    expect(p.notes.join(' ')).toMatch(/Security token.*nobody can see it \(opacity 0\)/);
  });

  it.each([
    ['aria-hidden on an ancestor', '<div aria-hidden="true"><input id="t" aria-label="Security token"></div>'],
    ['inert', '<div inert><input id="t" aria-label="Security token"></div>'],
    ['the hidden attribute', '<div hidden><input id="t" aria-label="Security token"></div>'],
    ['clip-path inset(50%)', '<input id="t" aria-label="Security token" style="position:absolute;clip-path:inset(50%)">'],
    ['scale(0)', '<input id="t" aria-label="Security token" style="transform:scale(0)">'],
    ['opacity taken over ancestors', '<div style="opacity:0.3"><div style="opacity:0.3"><input id="t" aria-label="Security token"></div></div>'],
    ['a stylesheet rule', '<style>#t { visibility: hidden }</style><input id="t" aria-label="Security token">'],
    ['content-visibility on an ancestor', '<div style="content-visibility:hidden"><input id="t" aria-label="Security token"></div>'],
  ])('never fills a token field hidden by %s', (_how, hidden) => {
    const doc = page(`<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password">${hidden}</form>`);
    const p = plan(doc);
    expect(filled(doc, p)).toEqual({ username: 'u', password: 'p' });
    expect(p.hasTokenField).toBe(false);
  });
});

describe('fill planner: labels and logins', () => {
  it("reads a field's own text before a <br> as its label, not the page heading", () => {
    const doc = fixture('oauth-settings.html');
    expect(describeField(doc.querySelector('input[name="consumerKey"]')!).label).toBe('Consumer Key:');
    expect(describeField(doc.querySelector('input[name="consumerSecret"]')!).label).toBe('Consumer Secret:');
    const inline = page('<p>User name <input name="a"> Password <input name="b" type="password"></p>');
    expect(describeField(inline.querySelector('[name="b"]')!).label).toBe('Password');
    // A heading names a section: it is never a field's label.
    expect(describeField(page('<h2>Salesforce</h2><div><input name="x"></div>').querySelector('input')!).label).toBe('');
  });

  it('fills the first of two logins in one form, then the next one still empty, and says which', () => {
    const doc = fixture('two-orgs.html');
    const first = plan(doc);
    expect(filled(doc, first)).toEqual({ username: 'src-user', password: 'src-pass', token: 'src-token' });
    expect(first.notes).toContain('This form holds 2 logins: Tokenkeep fills the first ("Source org").');
    for (const id of ['src-user', 'src-pass']) (doc.getElementById(id) as HTMLInputElement).value = 'x';
    const second = plan(doc);
    expect(filled(doc, second)).toEqual({ username: 'dst-user', password: 'dst-pass', token: 'dst-token' });
    expect(second.notes).toContain('This form holds 2 logins: Tokenkeep fills the second ("Target org").');
  });

  it('still refuses a change-password form (three passwords, one login)', () => {
    const doc = page(
      '<form><label for="u">Username</label><input id="u"><input type="password" id="a"><input type="password" id="b"><input type="password" id="c"></form>',
    );
    expect(plan(doc).fields).toEqual([]);
  });
});

describe('fill decisions', () => {
  it('takes the password alone on Salesforce login pages only, over https', () => {
    for (const url of [
      'https://login.salesforce.com/',
      'https://test.salesforce.com/',
      'https://acme.my.salesforce.com/',
      'https://acme--uat.sandbox.my.salesforce.com/',
    ])
      expect(defaultMode(url, SF_APPENDS), url).toBe('password');
    for (const url of ['http://login.salesforce.com/', 'https://login.salesforce.com.evil.io/', 'https://workbench.developerforce.com/', 'not a url'])
      expect(defaultMode(url, SF_APPENDS), url).toBeUndefined();
    // A kind that declares no such pages is asked about everywhere.
    expect(defaultMode('https://login.salesforce.com/', kindOf('other')!.appends)).toBeUndefined();
  });

  it('never asks whether an API token goes after the password: only a kind that says a secret may follow it is asked', () => {
    const doc = page('<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"></form>');
    const p = planFill(doc, { layout: false, has: { username: true, password: true, token: true } });
    const sources = { username: 'octocat', password: 'pw', token: 'ghp_x' };
    expect(needsMode(p, sources, kindOf('github')!.appends)).toBe(false);
    expect(needsMode(p, sources, SF_APPENDS)).toBe(true);
  });

  it("asks about a frame of the tab's own origin only, the most complete plan first", () => {
    const report = (frameId: number, origin: string, step: FillPlan['step'], top = false): FrameReport => ({
      frameId,
      origin,
      url: `${origin}/`,
      top,
      documentKey: `k${frameId}`,
      plan: {
        form: 'form',
        fields: step === 'none' ? [] : [{ selector: '#p', path: ['#p'], role: 'password', reason: '' }],
        hasTokenField: false,
        step,
        notes: [],
      },
    });
    const frames = [
      report(0, 'https://portal.example', 'username', true),
      report(3, 'https://evil.example', 'full'),
      report(4, 'https://portal.example', 'full'),
    ];
    expect(frameToAsk(frames, 'https://portal.example')?.frameId).toBe(4);
    expect(frameToAsk([report(0, 'https://portal.example', 'none', true)], 'https://portal.example')).toBeUndefined();
  });
});

describe('fill planner: what the newer kinds fill', () => {
  const app = { username: false, password: false, token: false, clientId: true, clientSecret: true };
  it("puts an OAuth app's consumer key and secret into a connector's settings, and nothing else", () => {
    const doc = fixture('oauth-settings.html');
    const p = planFill(doc, { layout: false, has: app });
    expect(filled(doc, p)).toEqual({ 'client-id': 'consumerKey', 'client-secret': 'consumerSecret' });
    expect(p.step).toBe('app');
  });
  it('gives a login form nothing from an OAuth app, and a connector form nothing from a user', () => {
    const login = page('<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"></form>');
    expect(planFill(login, { layout: false, has: app }).fields).toEqual([]);
    expect(plan(fixture('oauth-settings.html')).fields).toEqual([]);
  });
  it('puts the current TOTP code into a one-time-code page, only from an account with a TOTP secret', () => {
    const doc = fixture('twofa-code.html');
    expect(filled(doc, planFill(doc, { layout: false, has: { code: true } }))).toEqual({ code: 'emc' });
    expect(plan(doc).fields).toEqual([]);
  });
  it('asks what goes into a password field when a code could follow it, and offers password + current code', async () => {
    const { modesFor } = await import('../../../utils/autofill/decide');
    const doc = page('<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"></form>');
    const p = planFill(doc, { layout: false, has: { code: true } });
    expect(needsMode(p, { username: 'u', password: 'pw', code: '123456' }, SF_APPENDS)).toBe(true);
    expect(modesFor({ password: 'pw', code: '123456' }, SF_APPENDS)).toEqual(['password', 'password+code']);
    expect(modesFor({ password: 'pw', token: 't', code: '1' }, SF_APPENDS)).toEqual(['password', 'password+token', 'password+code']);
    expect(modesFor({ password: 'pw', token: 't' }, undefined)).toEqual(['password']);
  });
});
