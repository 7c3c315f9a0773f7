/** Login-form fixture pages for the autofill e2e tests, served under real origins. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

export const form = (name: string) => readFileSync(path.join(ROOT, 'tests/fixtures/forms', name), 'utf8');

/**
 * Makes #id behave like a React-controlled input (React tracks values set
 * through the element and ignores their input events), and records the
 * events it sees: what a framework-driven form would notice of a fill.
 */
export function withReactLikeInput(html: string, id: string): string {
  const script = `<script>
  (() => {
    const input = document.getElementById(${JSON.stringify(id)});
    const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    let tracked = input.value;
    Object.defineProperty(input, 'value', { configurable: true, get() { return native.get.call(this); }, set(v) { tracked = v; native.set.call(this, v); } });
    window.seen = { events: [], state: '' };
    for (const type of ['focus', 'keydown', 'input', 'keyup', 'change', 'blur']) input.addEventListener(type, () => window.seen.events.push(type));
    input.addEventListener('input', () => { const now = native.get.call(input); if (now !== tracked) { tracked = now; window.seen.state = now; } });
  })();
  </script>`;
  return html.replace('</body>', `${script}</body>`);
}

/** One site each for the form classes peers' test suites caught: a card number above the login, two logins under Register, a 6-digit password. */
export const FORM_CLASS_SITES = ['https://portal.acme.example', 'https://pipelines.acme.example', 'https://pin.acme.example'];

/** Values of every input on the page (and in same-origin frames), by id or name. */
export const VALUES_SCRIPT = () => {
  const out: Record<string, string> = {};
  for (const el of document.querySelectorAll('input')) if (el.type !== 'hidden') out[el.id || el.name] = el.value;
  return out;
};

/**
 * A connector form whose security token field is there, sized and opaque, but drawn over by the
 * page's own layer: a person sees a banner, not the field.
 */
export const COVERED_TOKEN_FORM = `<!doctype html><html><body>
<form id="connection" style="position:relative">
  <div><label for="c-user">Username</label><input id="c-user" name="username"></div>
  <div><label for="c-pass">Password</label><input id="c-pass" name="password" type="password"></div>
  <div><label for="c-token">Security token</label><input id="c-token" name="securityToken"></div>
  <div style="position:absolute;left:0;right:0;bottom:0;height:40px;background:#fff">Connected to Salesforce</div>
  <button type="submit">Connect</button>
</form></body></html>`;

/** Token fields on listed connector sites that a person cannot see: how, where, the page, and its username, password and token ids. */
export const UNSEEN_TOKEN_CASES = [
  [
    'is invisible (opacity 0, 1 × 1, off-screen)',
    'https://datasync.example/connections/salesforce',
    form('invisible-token.html'),
    ['sf-user', 'sf-pass', 'sf-token'],
  ],
  ['is drawn over by the page', 'https://etl.acme.example/connections/covered', COVERED_TOKEN_FORM, ['c-user', 'c-pass', 'c-token']],
] as const;
