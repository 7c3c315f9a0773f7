/**
 * How the background answers the terminal: it finds the account a NAME
 * means, works out exactly what would leave, asks the user in a window of
 * its own, and only then reads the values. Nothing leaves while the vault is
 * locked, and one question waits at a time. Pure: the vault and the window
 * come in as functions, so tests run it on a real vault with a scripted user.
 */
import { filterAccounts, kindTitle, searchText } from '../account-list';
import { canMake, fieldName, fieldOf, formatOf, kindFor } from '../kinds';
import { summarize, type Account, type AccountSummary } from '../vault/account';
import type { ConsentAnswer, ConsentQuestion } from './consent';
import { KEY_FILE, type TerminalReply, type TerminalRequest, type TerminalRequestType, type TerminalResponseMap } from './protocol';

export const LOCKED_MESSAGE = 'Tokenkeep is locked: unlock it in the browser, then run this again.';

export interface AnswererDeps {
  /** Every account, or undefined while the vault is locked. */
  accounts(): Promise<Account[] | undefined>;
  ask(question: ConsentQuestion): Promise<ConsentAnswer>;
  now(): number;
}

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one account a NAME means: a label spelled out in full, or else the one account the popup's search would show. */
export function resolveAccount(accounts: readonly Account[], name: string): Account {
  const wanted = name.trim().toLowerCase();
  const exact = accounts.filter((a) => a.label.trim().toLowerCase() === wanted);
  if (exact.length === 1) return exact[0]!;
  const summaries = accounts.map(summarize);
  const found = exact.length > 1 ? exact.map(summarize) : filterAccounts(summaries, name, searchText);
  if (found.length === 1) return accounts.find((a) => a.id === found[0]!.id)!;
  if (!found.length) throw new Refusal('not-found', `No account matches "${name}". tokenkeep list shows the names.`);
  const shown = found.slice(0, 10).map((a: AccountSummary) => `  ${a.label} (${kindTitle(a.kind)})`);
  const more = found.length > 10 ? [`  and ${found.length - 10} more`] : [];
  throw new Refusal('ambiguous', [`"${name}" matches ${found.length} accounts; name one of them:`, ...shown, ...more].join('\n'));
}

interface Plan<K extends TerminalRequestType> {
  items: string[];
  purpose: string;
  /** Made from the account as it is once the user has answered. */
  data(account: Account): Promise<TerminalResponseMap[K]> | TerminalResponseMap[K];
}

const described = (account: Account, field: string, variable?: string) => {
  const label = fieldName(kindFor(account.kind), field);
  return variable ? `${label} (${variable})` : label;
};
const has = (account: Account) => (field: string) => !!account.fields[field];

function envPlan(account: Account, purpose: string): Plan<'terminal.env'> {
  const kind = kindFor(account.kind);
  if (!kind.env) throw new Refusal('bad-request', `${account.label} is a ${kind.title} account, which has no environment variables: use tokenkeep get "${account.label}" FIELD.`);
  const present = kind.env.filter(([, field]) => account.fields[field]);
  if (!present.length) throw new Refusal('not-found', `${account.label} has none of the values its environment variables come from.`);
  return {
    items: present.map(([variable, field]) => described(account, field, variable)),
    purpose,
    data: (a) => ({
      account: a.label,
      variables: present.filter(([, field]) => a.fields[field]).map(([name, field]) => ({ name, value: a.fields[field]!, secret: !!fieldOf(kind, field)?.secret })),
    }),
  };
}

function getPlan(account: Account, name: string, now: () => number): Plan<'terminal.get'> {
  const kind = kindFor(account.kind);
  const field = fieldOf(kind, name);
  if (field && account.fields[name]) {
    return { items: [described(account, name)], purpose: 'print one value', data: (a) => ({ account: a.label, value: a.fields[name] ?? '', secret: !!field.secret }) };
  }
  const format = formatOf(kind, name);
  if (format && canMake(format, has(account))) {
    return {
      items: [format.label],
      purpose: 'print one value',
      data: async (a) => ({ account: a.label, value: (await format.text(a.fields, { now: now() })) ?? '', secret: true }),
    };
  }
  const fields = kind.fields.filter((f) => account.fields[f.name]).map((f) => f.name);
  const formats = kind.formats.filter((f) => canMake(f, has(account))).map((f) => f.name);
  throw new Refusal('not-found', `${account.label} has no "${name}". It has the fields ${fields.join(', ')}, and the formats ${formats.join(', ')}.`);
}

function loginPlan(account: Account): Plan<'terminal.login'> {
  const kind = kindFor(account.kind);
  const login = kind.terminalLogin;
  if (!login) throw new Refusal('bad-request', `${account.label} is a ${kind.title} account: tokenkeep sf-login takes a Salesforce JWT or SFDX auth URL account.`);
  if (!login.needs.every(has(account))) throw new Refusal('not-found', `${account.label} lacks what sf needs: ${login.needs.filter((f) => !account.fields[f]).join(', ')}.`);
  return {
    items: login.needs.map((f) => described(account, f)),
    purpose: 'log the sf CLI in (a private file, deleted once sf is done)',
    data: (a) => ({ account: a.label, file: login.file.text(a.fields), args: login.args(a.fields, KEY_FILE) }),
  };
}

const LIST = Symbol('list');

/**
 * The CLI reports its command line and folder itself, so a program could send
 * text that draws something else: control characters and bidirectional
 * overrides are shown as escapes, never obeyed.
 */
export const visible = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

export function createTerminalAnswerer(deps: AnswererDeps) {
  /** Standing "allow for N minutes" answers, by account id (or the list), until when. */
  const grants = new Map<string | typeof LIST, number>();
  let asking = false;

  async function unlocked(): Promise<Account[]> {
    const accounts = await deps.accounts();
    if (!accounts) throw new Refusal('locked', LOCKED_MESSAGE);
    return accounts;
  }

  async function consent(key: string | typeof LIST, question: ConsentQuestion) {
    if ((grants.get(key) ?? 0) > deps.now()) return;
    if (asking) throw new Refusal('busy', 'Another terminal request is waiting for an answer in the browser: answer that one first.');
    asking = true;
    let answer: ConsentAnswer;
    try {
      answer = await deps.ask(question);
    } finally {
      asking = false;
    }
    if (answer === 'deny') throw new Refusal('denied', 'Denied in the browser.');
    if (answer === 'closed') throw new Refusal('denied', 'The Tokenkeep window was closed without an answer, so nothing was sent.');
    if (answer === 'timeout') throw new Refusal('denied', 'No answer came in the browser in time, so nothing was sent.');
    if (answer !== 'once') grants.set(key, deps.now() + answer.minutes * 60_000);
  }

  async function answer(request: TerminalRequest): Promise<TerminalResponseMap[TerminalRequestType]> {
    const where = { command: request.command.map(visible), cwd: visible(request.cwd) };
    if (request.type === 'terminal.list') {
      await unlocked();
      await consent(LIST, { account: null, kind: '', items: ['the names of your accounts'], purpose: 'list the accounts', ...where });
      return { accounts: (await unlocked()).map((a) => ({ label: a.label, kind: kindTitle(a.kind) })).sort((a, b) => a.label.localeCompare(b.label)) };
    }
    const account = resolveAccount(await unlocked(), request.name);
    const plan: Plan<TerminalRequestType> =
      request.type === 'terminal.env'
        ? envPlan(account, request.run ? 'run a command with these in its environment' : 'print the environment variables')
        : request.type === 'terminal.get'
          ? getPlan(account, request.field, deps.now)
          : loginPlan(account);
    await consent(account.id, { account: account.label, kind: kindTitle(account.kind), items: plan.items, purpose: plan.purpose, ...where });
    // The vault may have locked, or the account changed, while the window was open.
    const now = (await unlocked()).find((a) => a.id === account.id);
    if (!now) throw new Refusal('not-found', `${account.label} was deleted before the answer came.`);
    return plan.data(now);
  }

  return {
    async answer(request: TerminalRequest): Promise<TerminalReply<TerminalRequestType>> {
      try {
        return { ok: true, data: await answer(request) };
      } catch (err) {
        if (err instanceof Refusal) return { ok: false, error: { code: err.code, message: err.message } };
        return { ok: false, error: { code: 'internal', message: 'Tokenkeep could not answer: internal error.' } };
      }
    },
    /** Locking, or turning the bridge off, ends every standing answer. */
    forget: () => grants.clear(),
  };
}

export type TerminalAnswerer = ReturnType<typeof createTerminalAnswerer>;
