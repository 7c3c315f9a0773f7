/**
 * The fill planner: Document -> which field gets the username, the
 * password and the token. Pure: it reads the DOM and writes nothing, so the
 * extension, `npm run fill-plan` and the tests run the same code.
 *
 * It looks at the inputs a person can see and type into (open shadow roots
 * included), names each one from its label and attributes, sets aside the
 * fields that are for something else (codes, cards, addresses, an app's
 * keys), groups them by form, drops the forms that are not a sign-in
 * (search, newsletter, sign-up, payment, address), and takes the best: one
 * with a password field, or the username step of a two-step login. A form
 * that holds two logins gets the first one still empty.
 */
import { describeConstraints } from './constraints';
import { describeField, type Description } from './describe';
import { PURPOSE_NAMES, purposeOf, type Purpose } from './purpose';
import { pathFor, selectorFor } from './selector';
import type { FillPlan, FillRole, PlannedField, PlanOptions } from './types';
import { createVisibility, type Visibility } from './visibility';
import { ADDRESS_WORDS, CLIENT_WORDS, CSRF_NAME, NOT_OUR_TOKEN, SEARCH_WORDS, SECRET_WORDS, SIGNUP_WORDS, TOKEN_WORDS, USERNAME_WORDS, words } from './words';

const TYPABLE = new Set(['', 'text', 'email', 'password', 'tel', 'number', 'url']);

interface Candidate {
  el: HTMLInputElement;
  kind: 'password' | 'token' | 'username' | 'text' | Purpose;
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

/** How a field is named in a note: its label, else its name or id. */
function quote(el: HTMLInputElement, label: string): string {
  return label ? `label "${label}"` : el.name ? `name "${el.name}"` : el.id ? `id "${el.id}"` : selectorFor(el);
}

/** A field a person can type into and see, and what it is; notes say why a likely one was left out. */
function classify(el: HTMLInputElement, visibility: Visibility, notes: string[], covered?: string): Candidate | undefined {
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (!TYPABLE.has(type) || el.disabled || el.readOnly) return undefined;
  if (CSRF_NAME.test(el.name) || CSRF_NAME.test(el.id)) return undefined;
  const description = describeField(el);
  const { text, label } = description;
  const quoted = quote(el, label);
  const hidden = covered ?? visibility.hiddenBecause(el);
  if (hidden) {
    // Worth a note when it looks like a field we would fill: a hidden one is how a page asks for more than the user meant.
    if (type === 'password' || TOKEN_WORDS.test(text) || USERNAME_WORDS.test(text))
      notes.push(`Left out the field with ${quoted}: nobody can see it (${hidden}).`);
    return undefined;
  }
  const autocomplete = (el.getAttribute('autocomplete') ?? '').toLowerCase();
  if (type === 'search' || el.closest('[role="search"]') || (SEARCH_WORDS.test(text) && !USERNAME_WORDS.test(text) && type !== 'password')) return undefined;
  // A security token field that cannot hold a token (20-30 characters) is some other code.
  const tokenNamed = TOKEN_WORDS.test(text) && !NOT_OUR_TOKEN.test(text);
  const purpose = tokenNamed && !(el.maxLength > 0 && el.maxLength < 20) ? undefined : purposeOf(el, text, label);
  if (purpose) return { el, kind: purpose, why: `${quoted} is ${PURPOSE_NAMES[purpose]}`, description };
  if (tokenNamed) return { el, kind: 'token', why: `${quoted} names a security token`, description };
  if (type === 'password')
    return { el, kind: 'password', why: autocomplete === 'current-password' ? 'autocomplete=current-password' : 'type=password', description };
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

const isPurpose = (c: Candidate) => c.kind === 'code' || c.kind === 'card' || c.kind === 'postal' || c.kind === 'app';

/**
 * The logins in a form, in order: each begins at a named username field that follows the last
 * one's password. A deployment tool's "source org" and "target org" make two; a change-password
 * form (current, new, confirm) stays one, with three passwords.
 */
function credentialSets(fields: readonly Candidate[]): Candidate[][] {
  const sets: Candidate[][] = [[]];
  for (const c of fields) {
    if (isPurpose(c)) continue;
    const current = sets.at(-1)!;
    if (c.kind === 'username' && current.some((f) => f.kind === 'password')) sets.push([c]);
    else current.push(c);
  }
  return sets;
}

/**
 * Why a form is not a sign-in: sign-up and newsletter forms, by their fields and words; payment and
 * address forms. A form with a password field of its own is a sign-in though it asks for a card number
 * too: the card fields are left out (as Firefox does); and two complete logins in one form (a
 * deployment tool's source and target org) are a sign-in whatever its button says.
 */
function notSignInBecause(group: Group): string | undefined {
  const hasPassword = group.fields.some((c) => c.kind === 'password');
  if (!hasPassword && group.fields.some((c) => c.kind === 'card')) return 'it is a payment form';
  if (group.fields.filter((c) => c.kind === 'postal').length >= 2) return 'it is an address form';
  if (group.fields.some((c) => (c.el.getAttribute('autocomplete') ?? '').toLowerCase() === 'new-password')) return 'it sets a new password';
  const sets = credentialSets(group.fields);
  if (sets.some((set) => set.filter((c) => c.kind === 'password').length > 1)) return 'it has more than one password for one login';
  if (sets.filter((set) => set.some((c) => c.kind === 'username') && set.some((c) => c.kind === 'password')).length >= 2) return undefined;
  const buttons = [...group.form.querySelectorAll('button, input[type="submit" i]')].map((b) => b.textContent || b.getAttribute('value') || '').join(' ');
  const context = words(
    [group.form.getAttribute('id'), group.form.getAttribute('class'), group.form.getAttribute('name'), group.form.getAttribute('aria-label'), buttons]
      .filter(Boolean)
      .join(' '),
  );
  if (SIGNUP_WORDS.test(context) || group.fields.some((c) => SIGNUP_WORDS.test(c.description.text))) return 'it signs up rather than in';
  return undefined;
}

function score(group: Group): number {
  const has = (kind: Candidate['kind']) => group.fields.some((c) => c.kind === kind);
  return (has('password') ? 100 : 0) + (has('token') ? 10 : 0) + (has('username') ? 5 : 0);
}

function planned(c: Candidate, role: FillRole, reason: string, hostOf: (root: Node) => Element | undefined): PlannedField {
  const path = pathFor(c.el, hostOf);
  return { selector: path.join(' >>> '), path, role, reason };
}

const ordinal = (n: number) => ['first', 'second', 'third', 'fourth'][n] ?? `${n + 1}th`;

/** Of several logins in one form, the first whose username and password are still empty (else the first): a second Fill goes to the next. */
function chooseSet(sets: Candidate[][], notes: string[]): Candidate[] {
  const logins = sets.filter((set) => set.some((c) => c.kind === 'password'));
  if (logins.length < 2) return sets.flat();
  const empty = logins.findIndex((set) => set.every((c) => (c.kind !== 'username' && c.kind !== 'password') || !c.el.value));
  const index = Math.max(0, empty);
  const first = logins[index]![0]!.el;
  // A fieldset's legend ("Target org") names a login best; else its username's label.
  const name = first.closest('fieldset')?.querySelector('legend')?.textContent?.trim() || logins[index]!.find((c) => c.kind === 'username')?.description.label;
  notes.push(
    `This form holds ${logins.length} logins: Tokenkeep fills the ${ordinal(index)}${name ? ` ("${name}")` : ''}${empty < 0 ? ', as all were filled already' : ''}.`,
  );
  return logins[index]!;
}

export function planFill(doc: Document, options: PlanOptions = {}): FillPlan {
  const visibility = createVisibility(doc, { layout: options.layout ?? true });
  // Fields something is drawn over are found among those a plan chose (a hit test each); then the plan is made again without them.
  const covered = new Map<Element, string>();
  for (;;) {
    const { plan, chosen } = planOnce(doc, options, visibility, covered);
    const over = chosen.map((el) => [el, visibility.coveredBecause(el)] as const).filter(([, why]) => why);
    if (!over.length) return plan;
    for (const [el, why] of over) covered.set(el, why!);
  }
}

/**
 * A connector's OAuth settings: the consumer key and secret go into the fields that name them, and
 * nothing goes anywhere else (an app's credentials never fill a login, nor a login an app's fields).
 */
function planApp(
  groups: Group[],
  has: NonNullable<PlanOptions['has']>,
  hostOf: (root: Node) => Element | undefined,
  notes: string[],
): { fields: PlannedField[]; chosen: Candidate[]; form?: Group } {
  const roleOf = (c: Candidate): FillRole | undefined => {
    if (c.kind !== 'app' || !CLIENT_WORDS.test(c.description.text)) return undefined;
    return SECRET_WORDS.test(c.description.text) ? (has.clientSecret ? 'client-secret' : undefined) : has.clientId ? 'client-id' : undefined;
  };
  const best = groups
    .map((g) => ({ g, chosen: g.fields.filter(roleOf) }))
    .filter((x) => x.chosen.length)
    .sort((a, b) => b.chosen.length - a.chosen.length)[0];
  if (!best) {
    notes.push('Found no consumer key or consumer secret field: an OAuth app fills only the settings that name them.');
    return { fields: [], chosen: [] };
  }
  const fields = best.chosen.map((c) => planned(c, roleOf(c)!, `${c.why}, an OAuth client's own`, hostOf));
  return { fields, chosen: best.chosen, form: best.g };
}

function planOnce(doc: Document, options: PlanOptions, visibility: Visibility, covered: Map<Element, string>): { plan: FillPlan; chosen: Element[] } {
  const has = { username: true, password: true, token: true, code: false, clientId: false, clientSecret: false, ...options.has };
  const notes: string[] = [];
  const none = () => ({ plan: { form: null, fields: [], hasTokenField: false, step: 'none', notes } as FillPlan, chosen: [] });
  const groups = new Map<Element, Group>();
  const templateHosts = new Map<Node, Element>();
  const hostOf = (root: Node) => templateHosts.get(root);
  for (const el of collectInputs(doc, templateHosts)) {
    const c = classify(el, visibility, notes, covered.get(el));
    if (!c) continue;
    const form = formOf(el);
    let group = groups.get(form);
    if (!group) groups.set(form, (group = { form, fields: [] }));
    group.fields.push(c);
  }
  const formOfGroup = (g: Group) => (g.form === doc.body ? 'body' : pathFor(g.form, hostOf).join(' >>> '));
  if (has.clientId || has.clientSecret) {
    const app = planApp([...groups.values()], has, hostOf, notes);
    return {
      plan: { form: app.form ? formOfGroup(app.form) : null, fields: app.fields, hasTokenField: false, step: app.fields.length ? 'app' : 'none', notes },
      chosen: app.chosen.map((c) => c.el),
    };
  }
  const signIns = [...groups.values()].filter((g) => {
    const because = notSignInBecause(g);
    if (!g.fields.some((c) => c.kind === 'password' || c.kind === 'username' || c.kind === 'token')) {
      // No sign-in field at all: say so only where one was likely expected (a code, card or app-key form).
      const other = g.fields.find((c) => c.kind === 'code' || c.kind === 'card' || c.kind === 'app');
      if (other)
        notes.push(
          `Left a form alone: ${because ?? `its field with ${quote(other.el, other.description.label)} is ${PURPOSE_NAMES[other.kind as Purpose]}`}, which no password or token goes into.`,
        );
      return false;
    }
    if (because && g.fields.some((c) => c.kind === 'password' || c.kind === 'card')) notes.push(`Left a form alone: ${because}.`);
    return !because;
  });
  // The first form on the page wins a tie: sign-in forms come before footers.
  const best = signIns.sort((a, b) => score(b) - score(a))[0];
  if (!best) {
    // A page that asks for a one-time code alone: the current TOTP code, from an account that has a TOTP secret.
    const codePage = has.code ? [...groups.values()].find((g) => g.fields.length === 1 && g.fields[0]!.kind === 'code') : undefined;
    if (!codePage) return none();
    const c = codePage.fields[0]!;
    return {
      plan: { form: formOfGroup(codePage), fields: [planned(c, 'code', `${c.why}: the current TOTP code`, hostOf)], hasTokenField: false, step: 'code', notes },
      chosen: [c.el],
    };
  }

  const fields = chooseSet(credentialSets(best.fields), notes);
  const password = fields.find((c) => c.kind === 'password');
  const token = fields.find((c) => c.kind === 'token');
  // The username is the named one, or else the text field just before the password.
  let username = fields.find((c) => c.kind === 'username');
  if (!username && password) {
    const before = fields.slice(0, fields.indexOf(password)).filter((c) => c.kind === 'text');
    username = before.at(-1);
    if (username) username = { ...username, why: `${username.why}, the text field before the password` };
  }
  // A username field alone is a sign-in step only when it says so, and is the form's only field:
  // a contact or address form asks for an email among other things.
  if (!password && !token && (username?.kind !== 'username' || best.fields.length > 1)) return none();

  // What the chosen login's form holds besides it (a card number above the username) gets nothing; say so.
  for (const other of best.fields.filter((c) => isPurpose(c) && c.kind !== 'code'))
    notes.push(`Left out the field with ${quote(other.el, other.description.label)}: it is ${PURPOSE_NAMES[other.kind as Purpose]}.`);
  for (const c of [password, token]) {
    const limits = c && describeConstraints(c.el);
    if (limits) notes.push(`The ${c.kind} field takes ${limits}: a value that does not fit is not filled.`);
  }

  const planFields: PlannedField[] = [];
  if (username && has.username) planFields.push(planned(username, 'username', username.why, hostOf));
  if (password && has.password) {
    const append = !token && options.appendToken && has.token;
    planFields.push(
      planned(password, append ? 'password+token' : 'password', append ? `${password.why}; no token field, so the token is appended` : password.why, hostOf),
    );
  }
  if (token && has.token) planFields.push(planned(token, 'token', token.why, hostOf));
  // A login that asks for its one-time code beside the password.
  const code = has.code ? best.fields.find((c) => c.kind === 'code') : undefined;
  if (code) planFields.push(planned(code, 'code', `${code.why}: the current TOTP code`, hostOf));
  const step = password || token ? (username ? 'full' : 'password') : 'username';
  const chosen = [username, password, token, code].flatMap((c) => (c ? [c.el] : []));
  return { plan: { form: formOfGroup(best), fields: planFields, hasTokenField: !!token, step, notes }, chosen };
}
