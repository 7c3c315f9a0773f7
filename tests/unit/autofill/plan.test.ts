// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStyledDocument } from '../../../scripts/lib/dom';
import { planFill as planInBrowser } from '../../../utils/autofill/plan';
import { resolvePath } from '../../../utils/autofill/selector';
import type { FillPlan, PlanOptions } from '../../../utils/autofill/types';

const DIR = path.join(__dirname, '../../fixtures/forms');
// Styles cascade here as in a browser, and there is no layout: the planner reads declared sizes, as the CLI does.
const load = (name: string) => parseStyledDocument(readFileSync(path.join(DIR, name), 'utf8'));
const planFill = (doc: Document, options: PlanOptions = {}) => planInBrowser(doc, { layout: false, ...options });

/** Each field the plan fills, as role -> the name or id of the element it resolves to. */
function filled(doc: Document, plan: FillPlan): Record<string, string> {
  return Object.fromEntries(
    plan.fields.map((f) => {
      const el = resolvePath(doc, f.path) as HTMLInputElement;
      // The selector must find this element, and only it.
      expect(el, f.selector).not.toBeNull();
      return [f.role, el.id || el.name || el.getAttribute('aria-label') || el.getAttribute('data-field') || el.getAttribute('aria-labelledby')!];
    }),
  );
}

// Forms modelled on the tools Salesforce users sign in to, and the decoys around them.
const CASES: Array<[string, string, Record<string, string>, FillPlan['step']]> = [
  ['salesforce-login.html', 'Salesforce login: no token field', { username: 'username', password: 'password' }, 'full'],
  ['workbench-login.html', 'Workbench: a hidden CSRF_TOKEN beside the login', { username: 'un', password: 'pw' }, 'full'],
  [
    'jitterbit-connection.html',
    'Jitterbit: masked token field, and a "Login URL" that is no username',
    { username: 'conn-user', password: 'conn-pass', token: 'conn-token' },
    'full',
  ],
  ['cdata-table.html', 'CData: labels in table cells', { username: 'User', password: 'Password', token: 'SecurityToken' }, 'full'],
  ['datadirect.html', 'DataDirect: a host field before the username', { username: 'UserName', password: 'Password', token: 'SecurityToken' }, 'full'],
  ['aria-only.html', 'form-less, labelled by aria-label and aria-labelledby', { username: 'Username', password: 'Password', token: 'tok-l' }, 'full'],
  [
    'mulesoft-connector.html',
    'Anypoint: div labels, no form, a URL field after',
    { username: 'username', password: 'password', token: 'securityToken' },
    'full',
  ],
  ['csrf-decoys.html', 'Rails, Laravel, ASP.NET and Django CSRF fields, and a 2FA code', { username: 'user[email]', password: 'user[password]' }, 'full'],
  ['search-beside-login.html', 'search boxes beside the login', { username: 'login', password: 'pwd' }, 'full'],
  ['newsletter-and-login.html', 'a newsletter form before the login form', { username: 'email', password: 'password' }, 'full'],
  ['signup-and-login.html', 'a sign-up form (new-password) before the login form', { username: 'email', password: 'password' }, 'full'],
  ['table-java.html', 'a table layout with an abbreviated token label', { username: 'j_username', password: 'j_password', token: 'sf_tk' }, 'full'],
  ['honeypot.html', 'a hidden honeypot username and a disabled token field', { username: 'user', password: 'pass' }, 'full'],
  ['french.html', 'French labels', { username: 'u', password: 'm', token: 'j' }, 'full'],
  ['german.html', 'German wrapping labels', { username: 'benutzer', password: 'kennwort', token: 'sicherheitstoken' }, 'full'],
  ['japanese.html', 'Japanese sibling labels, meaningless names', { username: 'f1', password: 'f2', token: 'f3' }, 'full'],
  ['step1-username.html', 'the username step of a two-step login', { username: 'identifier' }, 'username'],
  ['step2-password.html', 'the password step of a two-step login', { password: 'current' }, 'password'],
  ['card-then-login.html', 'a card number field before the login (Firefox fills the login, skips the card)', { username: 'u', password: 'p' }, 'full'],
  ['constrained-password.html', 'a password that takes 6 digits (maxlength, pattern), labelled Password', { username: 'user', password: 'pin' }, 'full'],
  ['two-orgs-register.html', 'two complete logins in one form, though its button says Register', { username: 's-user', password: 's-pass' }, 'full'],
];

describe('fill planner', () => {
  it.each(CASES)('%s (%s)', (file, _why, expected, step) => {
    const doc = load(file);
    const plan = planFill(doc);
    expect(filled(doc, plan)).toEqual(expected);
    expect(plan.step).toBe(step);
    expect(plan.hasTokenField).toBe('token' in expected);
  });

  it('says what it left out of a login form, and which limits a field holds', () => {
    expect(planFill(load('card-then-login.html')).notes).toEqual(['Left out the field with label "Card number": it is a payment card field.']);
    expect(planFill(load('constrained-password.html')).notes).toEqual([
      'The password field takes at most 6 characters, matching [0-9]{6}: a value that does not fit is not filled.',
    ]);
    expect(planFill(load('two-orgs-register.html')).notes).toEqual(['This form holds 2 logins: Tokenkeep fills the first ("Source org").']);
  });

  it('still refuses a payment form that holds no password of its own, and a sign-up form with one login', () => {
    for (const file of ['payment-en.html', 'payment-de.html', 'payment-fr.html']) expect(planFill(load(file)).fields, file).toEqual([]);
    const doc = parseStyledDocument(
      '<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"><button>Register</button></form>',
    );
    expect(planFill(doc).fields).toEqual([]);
  });

  it('appends the token to the password only where the form has no token field, when asked', () => {
    const sf = load('salesforce-login.html');
    expect(planFill(sf, { appendToken: true }).fields.map((f) => f.role)).toEqual(['username', 'password+token']);
    expect(planFill(sf).fields.map((f) => f.role)).toEqual(['username', 'password']);
    const jb = load('jitterbit-connection.html');
    expect(planFill(jb, { appendToken: true }).fields.map((f) => f.role)).toEqual(['username', 'password', 'token']);
  });

  it('leaves out what the account cannot fill', () => {
    const plan = planFill(load('jitterbit-connection.html'), { has: { username: true, password: false, token: true } });
    expect(plan.fields.map((f) => f.role)).toEqual(['username', 'token']);
  });

  it('finds a login inside an open shadow root, with a path through the host', () => {
    const doc = new DOMParser().parseFromString('<body><p>Studio</p><sf-login-card></sf-login-card></body>', 'text/html');
    const root = doc.querySelector('sf-login-card')!.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<form><label for="u">Username</label><input id="u"><label for="p">Password</label><input id="p" type="password"><label for="t">Security token</label><input id="t"></form>';
    const plan = planFill(doc);
    expect(plan.fields.map((f) => [f.role, f.selector])).toEqual([
      ['username', 'sf-login-card >>> #u'],
      ['password', 'sf-login-card >>> #p'],
      ['token', 'sf-login-card >>> #t'],
    ]);
    expect(resolvePath(doc, plan.fields[2]!.path)).toBe(root.querySelector('#t'));
  });

  it('plans nothing on a page with only a search box and a newsletter form', () => {
    const doc = new DOMParser().parseFromString(
      '<form role="search"><input name="q"></form><form id="news"><input type="email" placeholder="Email"><button>Subscribe</button></form>',
      'text/html',
    );
    expect(planFill(doc)).toEqual({ form: null, fields: [], hasTokenField: false, step: 'none', notes: [] });
  });

  it('says why it chose each field', () => {
    const plan = planFill(load('jitterbit-connection.html'));
    expect(plan.fields.map((f) => f.reason)).toEqual(['label "Username" names a username', 'type=password', 'label "Security Token" names a security token']);
  });
});
