/**
 * How the background answers the terminal: it finds the accounts a NAME
 * could mean, works out exactly what would leave, asks the user in a window
 * of its own, and only then reads the values. Nothing about the vault (its
 * labels, kinds, fields, notes, or whether a name matches anything) reaches
 * the terminal before the user has answered: a name that matches nothing,
 * or several accounts, or an account without the value asked for, is shown
 * in the window like any other request, and a name matching several is
 * settled there, by the user. Nothing leaves while the vault is locked, and
 * one question waits at a time. Pure: the vault and the window come in as
 * functions, so tests run it on a real vault with a scripted user.
 */
import { AppError } from '../common/errors';
import { kindTitle } from '../vault/account-list';
import type { Account } from '../vault/account';
import type { ConsentAnswer, ConsentChoice, ConsentOption, ConsentQuestion } from './consent';
import { planFor, Refusal, type LiveDeps, type Plan } from './plans';
import { importOrgs, type ImportDeps } from './import-orgs';
import { visible } from './text';
import type { TerminalReply, TerminalRequest, TerminalRequestType, TerminalResponseMap } from './protocol';

export const LOCKED_MESSAGE = 'Tokenkeep is locked: unlock it in the browser, then run this again.';

export interface AnswererDeps {
  /** Every account, or undefined while the vault is locked. */
  accounts(): Promise<Account[] | undefined>;
  /** Shows the question; resolves with the answer, and which of the question's options the user picked. */
  ask(question: ConsentQuestion): Promise<ConsentAnswer>;
  now(): number;
  /** Access tokens, where the background can mint them. */
  live?: LiveDeps;
  /** Imports (utils/app/imports.ts): what entries would do, and adding them; absent, a terminal cannot import. */
  imports?: ImportDeps;
}

/**
 * The accounts a NAME could mean, by their labels alone: the one whose label
 * it spells out in full, or else every one whose label holds each of its
 * words. Usernames, sites and notes are never searched from a terminal.
 */
export function matchingAccounts(accounts: readonly Account[], name: string): Account[] {
  const wanted = name.trim().toLowerCase();
  const exact = accounts.filter((a) => a.label.trim().toLowerCase() === wanted);
  if (exact.length) return exact;
  const words = wanted.split(/\s+/).filter(Boolean);
  return accounts.filter((a) => words.every((w) => a.label.toLowerCase().includes(w)));
}

/** The kind of request a standing answer covers: printing the environment and running a command with it are two. */
const requestKind = (request: Exclude<TerminalRequest, { type: 'terminal.list' | 'terminal.import' }>) =>
  request.type === 'terminal.env' && request.run ? 'run' : request.type;

const PURPOSES: Record<ReturnType<typeof requestKind>, string> = {
  'terminal.env': 'print the environment variables',
  run: 'run a command with these in its environment',
  'terminal.get': 'print one value',
  'terminal.token': 'print one access token',
  'terminal.login': 'log the sf CLI in (sf reads it from a pipe; it is never written to a file)',
};

interface Grant {
  /** The account; undefined for the list of names. */
  account?: string;
  kind: string;
  items: ReadonlySet<string>;
  until: number;
}

export function createTerminalAnswerer(deps: AnswererDeps) {
  /** Standing "allow for N minutes" answers: each for one account, one kind of request and what its window listed. */
  let grants: Grant[] = [];
  let asking = false;

  async function unlocked(): Promise<Account[]> {
    const accounts = await deps.accounts();
    if (!accounts) throw new Refusal('locked', LOCKED_MESSAGE);
    return accounts;
  }

  const covered = (account: string | undefined, kind: string, items: readonly string[]) =>
    grants.some((g) => g.until > deps.now() && g.account === account && g.kind === kind && items.every((i) => g.items.has(i)));

  /** Asks the user; resolves with the answer, or refuses for anything but Allow. */
  async function consent(question: ConsentQuestion): Promise<Exclude<ConsentChoice, 'deny'>> {
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
    return answer;
  }

  const grant = (answer: Exclude<ConsentChoice, 'deny'>, account: string | undefined, kind: string, items: readonly string[]) => {
    if (answer.allow !== 'once')
      grants = [...grants.filter((g) => g.until > deps.now()), { account, kind, items: new Set(items), until: deps.now() + answer.allow * 60_000 }];
  };

  async function answer(request: TerminalRequest): Promise<TerminalResponseMap[TerminalRequestType]> {
    const where = { command: request.command.map(visible), cwd: visible(request.cwd) };
    if (request.type === 'terminal.list') {
      await unlocked();
      const items = ['the names of your accounts'];
      if (!covered(undefined, 'list', items)) grant(await consent({ options: [], items, purpose: 'list the accounts', ...where }), undefined, 'list', items);
      return { accounts: (await unlocked()).map((a) => ({ label: a.label, kind: kindTitle(a.kind) })).sort((a, b) => a.label.localeCompare(b.label)) };
    }
    if (request.type === 'terminal.import') {
      await unlocked();
      if (!deps.imports) throw new Refusal('unavailable', 'This Tokenkeep cannot import from a terminal.');
      // Asked every time: bringing accounts in is never covered by a standing answer.
      return importOrgs(
        request.orgs,
        deps.imports,
        async (gives) => void (await consent({ options: [], gives, purpose: 'add them to Tokenkeep, each as an SFDX auth URL account', ...where })),
        new Date(deps.now()).toISOString(),
      );
    }
    const kind = requestKind(request);
    const purpose = PURPOSES[kind];
    const program = request.type === 'terminal.login' ? { program: visible(request.program) } : {};
    // What each account the name could mean would give; one that cannot answer this request is left out.
    const found = matchingAccounts(await unlocked(), request.name);
    const plans: Array<{ account: Account; plan: Plan<TerminalRequestType> }> = [];
    let problem: string | undefined;
    for (const account of found) {
      try {
        plans.push({ account, plan: await planFor(request, account, deps) });
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        problem ??= err.message;
      }
    }
    if (!plans.length) {
      // Shown in the window, and told to the terminal only once the user has seen it there.
      problem =
        found.length > 1
          ? `None of the ${found.length} accounts named like "${visible(request.name)}" can give this.`
          : (problem ?? `No account is named "${visible(request.name)}".`);
      await consent({ options: [], purpose, problem, ...program, ...where }).catch((err: unknown) => {
        if (!(err instanceof Refusal) || err.code !== 'denied') throw err;
      });
      throw new Refusal('not-found', `${problem} tokenkeep list shows the names.`);
    }
    const single = plans.length === 1 ? plans[0]! : undefined;
    const chosen = single && covered(single.account.id, kind, single.plan.items) ? single : await pick(plans, kind, { purpose, ...program, ...where });
    // The vault may have locked, or the account changed, while the window was open.
    const now = (await unlocked()).find((a) => a.id === chosen.account.id);
    if (!now) throw new Refusal('not-found', `${chosen.account.label} was deleted before the answer came.`);
    return chosen.plan.data(now);
  }

  /** Asks about the accounts a name could mean; the one the user allowed (the only one, or the one picked), with a standing answer recorded. */
  async function pick<P extends { account: Account; plan: Plan<TerminalRequestType> }>(
    plans: P[],
    kind: string,
    question: Omit<ConsentQuestion, 'options'>,
  ): Promise<P> {
    const options: ConsentOption[] = plans.map(({ account, plan }) => ({
      account: account.label,
      kind: kindTitle(account.kind),
      items: plan.items,
      ...(plan.origins?.length ? { origins: plan.origins } : {}),
    }));
    const answer = await consent({ options, ...question });
    const chosen = answer.option !== undefined ? plans[answer.option] : plans.length === 1 ? plans[0] : undefined;
    if (!chosen) throw new Refusal('denied', 'No account was picked in the browser, so nothing was sent.');
    grant(answer, chosen.account.id, kind, chosen.plan.items);
    return chosen;
  }

  return {
    async answer(request: TerminalRequest): Promise<TerminalReply<TerminalRequestType>> {
      try {
        return { ok: true, data: await answer(request) };
      } catch (err) {
        if (err instanceof Refusal) return { ok: false, error: { code: err.code, message: err.message } };
        // Salesforce's refusal of a grant, a host not yet allowed: said as they are, in words meant for the user.
        if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
        return { ok: false, error: { code: 'internal', message: 'Tokenkeep could not answer: internal error.' } };
      }
    },
    /** Locking, or turning the bridge off, ends every standing answer. */
    forget: () => {
      grants = [];
    },
  };
}

export type TerminalAnswerer = ReturnType<typeof createTerminalAnswerer>;
