/**
 * The fill planner: Document -> which field gets the username, the
 * password and the token. Pure: it reads the DOM and writes nothing, so the
 * extension, `npm run fill-plan` and the tests run the same code.
 *
 * It looks at the inputs a user can type into (open shadow roots included),
 * names each one from its label and attributes, groups them by form, drops
 * the forms that are not a sign-in (search, newsletter, sign-up), and takes
 * the best: one with a password field, or the username step of a two-step
 * login.
 */
import { describeField, type Description } from './describe';
import { pathFor } from './selector';
import type { FillPlan, FillRole, PlannedField, PlanOptions } from './types';
import { ADDRESS_WORDS, CSRF_NAME, NOT_OUR_TOKEN, SEARCH_WORDS, SIGNUP_WORDS, TOKEN_WORDS, USERNAME_WORDS, words } from './words';

const TYPABLE = new Set(['', 'text', 'email', 'password', 'tel', 'number', 'url']);

interface Candidate {
  el: HTMLInputElement;
  kind: 'password' | 'token' | 'username' | 'text';
  why: string;
  description: Description;
}

/**
 * Every input under `root`, through open shadow roots. A Node DOM leaves
 * declarative shadow roots as <template shadowrootmode>; their content counts
 * as the shadow root of the template's parent, recorded in `hosts`.
 */
function collectInputs(root: ParentNode, hosts: Map<Node, Element>, out: HTMLInputElement[] = []): HTMLInputElement[] {
  for (const el of root.querySelectorAll('input')) out.push(el);
  for (const host of root.querySelectorAll('*')) {
    if (host.shadowRoot) collectInputs(host.shadowRoot, hosts, out);
    else if (host.tagName === 'TEMPLATE' && host.getAttribute('shadowrootmode') === 'open' && host.parentElement) {
      const content = (host as HTMLTemplateElement).content;
      hosts.set(content, host.parentElement);
      collectInputs(content, hosts, out);
    }
  }
  return out;
}

/** Visible to the user: the browser's own answer where there is one, attributes and inline styles otherwise. */
function isRendered(el: HTMLElement): boolean {
  const check = (el as HTMLElement & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function' && el.ownerDocument.defaultView?.getComputedStyle) return check.call(el, { visibilityProperty: true, opacityProperty: false });
  for (let node: HTMLElement | null = el; node; node = node.parentElement) {
    if (node.hidden || node.getAttribute('aria-hidden') === 'true') return false;
    const style = node.getAttribute('style') ?? '';
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return false;
  }
  return true;
}

function classify(el: HTMLInputElement): Candidate | undefined {
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (!TYPABLE.has(type) || el.disabled || el.readOnly || !isRendered(el)) return undefined;
  if (CSRF_NAME.test(el.name) || CSRF_NAME.test(el.id)) return undefined;
  const description = describeField(el);
  const { text, label } = description;
  const autocomplete = (el.getAttribute('autocomplete') ?? '').toLowerCase();
  const quoted = label ? `label "${label}"` : el.name ? `name "${el.name}"` : `id "${el.id}"`;
  if (type === 'search' || el.closest('[role="search"]') || (SEARCH_WORDS.test(text) && !USERNAME_WORDS.test(text) && type !== 'password')) return undefined;
  if (TOKEN_WORDS.test(text) && !NOT_OUR_TOKEN.test(text)) return { el, kind: 'token', why: `${quoted} names a security token`, description };
  if (type === 'password') return { el, kind: 'password', why: autocomplete === 'current-password' ? 'autocomplete=current-password' : 'type=password', description };
  if (autocomplete === 'username' || autocomplete === 'email') return { el, kind: 'username', why: `autocomplete=${autocomplete}`, description };
  if (type === 'email') return { el, kind: 'username', why: 'type=email', description };
  if (USERNAME_WORDS.test(text) && !ADDRESS_WORDS.test(text)) return { el, kind: 'username', why: `${quoted} names a username`, description };
  return { el, kind: 'text', why: quoted, description };
}

const FIELD = 'input:not([type="hidden" i]):not([type="checkbox" i]):not([type="radio" i]):not([type="submit" i]):not([type="button" i])';

/**
 * The form a field belongs to: its <form>, or on form-less pages the
 * nearest ancestor that holds a password field and another field.
 */
function formOf(el: HTMLInputElement): Element {
  const form = el.form ?? el.closest('form');
  if (form) return form;
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (node.querySelector('input[type="password" i]') && node.querySelectorAll(FIELD).length >= 2) return node;
  }
  const root = el.getRootNode() as Document | ShadowRoot;
  return 'host' in root ? root.host : el.ownerDocument.body;
}

interface Group {
  form: Element;
  fields: Candidate[];
}

/** Sign-up and newsletter forms, by their fields and their words. */
function isNotSignIn(group: Group): boolean {
  if (group.fields.some((c) => (c.el.getAttribute('autocomplete') ?? '').toLowerCase() === 'new-password')) return true;
  const passwords = group.fields.filter((c) => c.kind === 'password');
  if (passwords.length > 1) return true;
  const buttons = [...group.form.querySelectorAll('button, input[type="submit" i]')].map((b) => b.textContent || b.getAttribute('value') || '').join(' ');
  const context = words([group.form.getAttribute('id'), group.form.getAttribute('class'), group.form.getAttribute('name'), group.form.getAttribute('aria-label'), buttons].filter(Boolean).join(' '));
  return SIGNUP_WORDS.test(context) || group.fields.some((c) => SIGNUP_WORDS.test(c.description.text));
}

function score(group: Group): number {
  const has = (kind: Candidate['kind']) => group.fields.some((c) => c.kind === kind);
  return (has('password') ? 100 : 0) + (has('token') ? 10 : 0) + (has('username') ? 5 : 0);
}

function planned(c: Candidate, role: FillRole, reason: string, hostOf: (root: Node) => Element | undefined): PlannedField {
  const path = pathFor(c.el, hostOf);
  return { selector: path.join(' >>> '), path, role, reason };
}

const NONE: FillPlan = { form: null, fields: [], hasTokenField: false, step: 'none' };

export function planFill(doc: Document, options: PlanOptions = {}): FillPlan {
  const has = { username: true, password: true, token: true, ...options.has };
  const groups = new Map<Element, Group>();
  const templateHosts = new Map<Node, Element>();
  const hostOf = (root: Node) => templateHosts.get(root);
  for (const el of collectInputs(doc, templateHosts)) {
    const c = classify(el);
    if (!c) continue;
    const form = formOf(el);
    let group = groups.get(form);
    if (!group) groups.set(form, (group = { form, fields: [] }));
    group.fields.push(c);
  }
  const signIns = [...groups.values()].filter((g) => !isNotSignIn(g) && g.fields.some((c) => c.kind === 'password' || c.kind === 'username' || c.kind === 'token'));
  // The first form on the page wins a tie: sign-in forms come before footers.
  const best = signIns.sort((a, b) => score(b) - score(a))[0];
  if (!best) return NONE;

  const password = best.fields.find((c) => c.kind === 'password');
  const token = best.fields.find((c) => c.kind === 'token');
  // The username is the named one, or else the text field just before the password.
  let username = best.fields.find((c) => c.kind === 'username');
  if (!username && password) {
    const before = best.fields.slice(0, best.fields.indexOf(password)).filter((c) => c.kind === 'text');
    username = before.at(-1);
    if (username) username = { ...username, why: `${username.why}, the text field before the password` };
  }
  // A username field alone is a sign-in step only when it says so; otherwise it is some other form.
  if (!password && !token && username?.kind !== 'username') return NONE;

  const fields: PlannedField[] = [];
  if (username && has.username) fields.push(planned(username, 'username', username.why, hostOf));
  if (password && has.password) {
    const append = !token && options.appendToken && has.token;
    fields.push(planned(password, append ? 'password+token' : 'password', append ? `${password.why}; no token field, so the token is appended` : password.why, hostOf));
  }
  if (token && has.token) fields.push(planned(token, 'token', token.why, hostOf));
  const step = password || token ? (username ? 'full' : 'password') : 'username';
  const formPath = pathFor(best.form, hostOf);
  return { form: best.form === doc.body ? 'body' : formPath.join(' >>> '), fields, hasTokenField: !!token, step };
}
