/**
 * What each terminal request would give from one account: the items the
 * consent window lists, and the answer, made only once the user has allowed
 * it (from the account as it is then). An account whose kind mints gives an
 * access token, never the long-lived secret, unless that is asked for by name.
 */
import { accountName } from '../vault/account-list';
import { canMake, fieldName, fieldOf, formatOf, kindFor, KINDS } from '../kinds';
import type { LiveToken, Minting } from '../kinds/types';
import type { Account } from '../vault/account';
import { KEY_FILE, type TerminalRequest, type TerminalRequestType, type TerminalResponseMap } from './protocol';

/** A request the account cannot answer, or the user did not allow: its code and words go to the terminal. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Plan<K extends TerminalRequestType> {
  items: string[];
  /** The origins answering reaches (a live token's): the window's Allow asks the browser for them. */
  origins?: string[];
  /** Made from the account as it is once the user has answered. */
  data(account: Account): Promise<TerminalResponseMap[K]> | TerminalResponseMap[K];
}

/** How the background mints: a token for the account (kept or new), and the origins minting reaches. */
export interface LiveDeps {
  token(account: Account): Promise<LiveToken>;
  origins(account: Account): Promise<string[]>;
}

const described = (account: Account, field: string, variable?: string) => {
  const label = fieldName(kindFor(account.kind), field);
  return variable ? `${label} (${variable})` : label;
};
const has = (account: Account) => (field: string) => !!account.fields[field];

/** The account's minting, where its kind mints and it holds what the grant needs. */
function mintingOf(account: Account): Minting | undefined {
  const mint = kindFor(account.kind).mint;
  return mint && mint.needs.every(has(account)) ? mint : undefined;
}

/** What a live token is, in the window's words: "an access token for Acme production (about 2 hours)". */
export function tokenItem(account: Account, mint: Minting): string {
  const { lifetimeMinutes: minutes } = mint;
  const about = minutes % 60 ? `${minutes} minutes` : minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `an access token for ${accountName(account)} (about ${about})`;
}

/** A plan whose answer is made from a live token: minted (or reused) only once the user has allowed it. */
async function livePlan<K extends TerminalRequestType>(
  account: Account,
  live: LiveDeps | undefined,
  item: string,
  data: (a: Account, token: LiveToken) => TerminalResponseMap[K] | Promise<TerminalResponseMap[K]>,
): Promise<Plan<K>> {
  if (!live) throw new Refusal('bad-request', 'This Tokenkeep cannot make access tokens.');
  return { items: [item], origins: await live.origins(account), data: async (a) => data(a, await live.token(a)) };
}

const MINTING_KINDS = () =>
  KINDS.filter((k) => k.mint)
    .map((k) => k.title)
    .join(', ');

function tokenPlan(account: Account, live: LiveDeps | undefined): Promise<Plan<'terminal.token'>> {
  const mint = mintingOf(account);
  if (!mint) {
    const kind = kindFor(account.kind);
    throw new Refusal(
      'bad-request',
      kind.mint
        ? `${account.label} lacks what an access token is made from: ${kind.mint.needs.filter((f) => !account.fields[f]).join(', ')}.`
        : `${account.label} is a ${kind.title} account, which cannot make an access token: tokenkeep token takes a ${MINTING_KINDS()} account.`,
    );
  }
  return livePlan(account, live, tokenItem(account, mint), (a, token) => ({ account: a.label, value: token.accessToken, instanceUrl: token.instanceUrl }));
}

/**
 * The environment. An account whose kind mints gives an access token and its
 * instance (what sf and jsforce read), never the long-lived secret: that
 * leaves only when asked for by name (tokenkeep get NAME FIELD).
 */
async function envPlan(account: Account, live: LiveDeps | undefined): Promise<Plan<'terminal.env'>> {
  const kind = kindFor(account.kind);
  const mint = mintingOf(account);
  if (mint && live)
    return livePlan(account, live, tokenItem(account, mint), (a, token) => ({
      account: a.label,
      variables: mint.env.map(([name, part]) => ({ name, value: token[part], secret: part === 'accessToken' })),
    }));
  if (!kind.env)
    throw new Refusal(
      'bad-request',
      `${account.label} is a ${kind.title} account, which has no environment variables: use tokenkeep get "${account.label}" FIELD.`,
    );
  const present = kind.env.filter(([, field]) => account.fields[field]);
  if (!present.length) throw new Refusal('not-found', `${account.label} has none of the values its environment variables come from.`);
  return {
    items: present.map(([variable, field]) => described(account, field, variable)),
    data: (a) => ({
      account: a.label,
      variables: present
        .filter(([, field]) => a.fields[field])
        .map(([name, field]) => ({ name, value: a.fields[field]!, secret: !!fieldOf(kind, field)?.secret })),
    }),
  };
}

/** The suffix that asks for a TOTP secret itself: `totp` gives the current code, `totp-seed` the seed that makes every code. */
const SEED = '-seed';

/**
 * One value: a copy format by its name first (so `totp` is the current
 * code, as the popup copies it), else a field. The seed of a TOTP leaves
 * only when asked for as `totp-seed`, and the window says what it is.
 */
async function getPlan(account: Account, name: string, now: () => number, live: LiveDeps | undefined): Promise<Plan<'terminal.get'>> {
  const kind = kindFor(account.kind);
  const codeField = kind.fill.code;
  if (codeField && name === `${codeField}${SEED}` && account.fields[codeField]) {
    return {
      items: [`the TOTP secret itself (the seed: it makes every future code)`],
      data: (a) => ({ account: a.label, value: a.fields[codeField] ?? '', secret: true }),
    };
  }
  const format = formatOf(kind, name);
  const mint = mintingOf(account);
  if (format?.live && mint)
    return livePlan(account, live, format.label, async (a, token) => ({
      account: a.label,
      value: (await format.text(a.fields, { now: now(), live: token })) ?? '',
      secret: true,
    }));
  if (format && !format.live && canMake(format, has(account))) {
    return { items: [format.label], data: async (a) => ({ account: a.label, value: (await format.text(a.fields, { now: now() })) ?? '', secret: true }) };
  }
  const field = fieldOf(kind, name);
  if (field && name !== codeField && account.fields[name]) {
    return { items: [described(account, name)], data: (a) => ({ account: a.label, value: a.fields[name] ?? '', secret: !!field.secret }) };
  }
  throw new Refusal('not-found', `${account.label} has no "${name}" it can give.`);
}

function loginPlan(account: Account): Plan<'terminal.login'> {
  const kind = kindFor(account.kind);
  const login = kind.terminalLogin;
  if (!login)
    throw new Refusal('bad-request', `${account.label} is a ${kind.title} account: tokenkeep sf-login takes a Salesforce JWT or SFDX auth URL account.`);
  if (!login.needs.every(has(account)))
    throw new Refusal('not-found', `${account.label} lacks what sf needs: ${login.needs.filter((f) => !account.fields[f]).join(', ')}.`);
  return {
    items: login.needs.map((f) => described(account, f)),
    data: (a) => ({ account: a.label, secret: login.secret.text(a.fields), via: login.secret.via, args: login.args(a.fields, KEY_FILE) }),
  };
}

export async function planFor(
  request: Exclude<TerminalRequest, { type: 'terminal.list' }>,
  account: Account,
  { now, live }: { now: () => number; live?: LiveDeps | undefined },
): Promise<Plan<TerminalRequestType>> {
  if (kindFor(account.kind).opaque) throw new Refusal('bad-request', `${account.label} was made by a newer Tokenkeep: update Tokenkeep to use it.`);
  if (request.type === 'terminal.env') return envPlan(account, live);
  if (request.type === 'terminal.get') return getPlan(account, request.field, now, live);
  if (request.type === 'terminal.token') return tokenPlan(account, live);
  return loginPlan(account);
}
