/**
 * The account record and the rule for folding a capture into it. Pure: the
 * background decides when to call it and where the result is stored.
 */
import type { Capture } from '../extract/types';
import { SALESFORCE_SITES } from '../sites';
import type { TokenKind } from '../token-kind';

/** What an account is for: a token kind Tokenkeep knows, or anything else. */
export type AccountProvider = TokenKind | 'other';

export type Environment = 'production' | 'sandbox' | 'custom';

export interface TokenHistoryEntry {
  token: string;
  issuedAt?: string;
  supersededAt: string;
}

export interface TokenSource {
  sender: string;
  subject: string;
  messageId?: string;
}

export interface Account {
  /** Record schema version (see migrate.ts). */
  schema: 2;
  id: string;
  provider: AccountProvider;
  label: string;
  username: string;
  password?: string;
  token?: string;
  tokenIssuedAt?: string;
  tokenSource?: TokenSource;
  environment: Environment;
  loginUrl: string;
  /** Origins allowed for autofill. */
  sites: string[];
  history: TokenHistoryEntry[];
  expiresAt?: string;
  notes?: string;
  createdAt: string;
  updatedAt: string;
}

/** The default login URL for a Salesforce environment. */
export function loginUrlFor(environment: Environment): string {
  return environment === 'custom' ? '' : LOGIN_URL[environment];
}

/** An account without its secrets: what the popup lists. The token's history keeps its dates, not its values. */
export type AccountSummary = Omit<Account, 'password' | 'token' | 'history'> & {
  hasPassword: boolean;
  hasToken: boolean;
  history: Array<Omit<TokenHistoryEntry, 'token'>>;
};

export function summarize({ password, token, history, ...rest }: Account): AccountSummary {
  return { ...rest, hasPassword: !!password, hasToken: !!token, history: history.map(({ token: _t, ...entry }) => entry) };
}

/** What saving a capture did; 'queued' means sealed into the inbox while the vault was locked. */
export type CaptureOutcome = 'created' | 'updated' | 'history' | 'duplicate' | 'queued';

const LOGIN_URL: Record<Exclude<Environment, 'custom'>, string> = {
  production: 'https://login.salesforce.com',
  sandbox: 'https://test.salesforce.com',
};

// Top-level domains common enough that a username ending in one is a real
// address; a further label after one of them is a sandbox suffix (".uat").
const COMMON_TLDS = new Set(
  'com net org edu gov mil int io co ai app dev biz info me us uk de fr es it nl be ch at se no dk fi pl pt ie ca au nz jp cn kr in br mx ar cl za sg hk tw ru tr gr cz hu ro il ae sa eu'.split(' '),
);

/** Sandbox usernames are the production username plus a suffix: "jane@acme.com.uat". */
export function guessEnvironment(username: string): Exclude<Environment, 'custom'> {
  const labels = username.slice(username.lastIndexOf('@') + 1).toLowerCase().split('.');
  const last = labels.at(-1) ?? '';
  const beforeLast = labels.at(-2) ?? '';
  return labels.length >= 3 && COMMON_TLDS.has(beforeLast) && !COMMON_TLDS.has(last) ? 'sandbox' : 'production';
}

/** Accounts are matched by provider and username; Salesforce usernames are case-insensitive. */
export function accountKey(provider: AccountProvider, username: string): string {
  return `${provider}:${username.trim().toLowerCase()}`;
}

/** Another account with the same provider and username, which would make two accounts answer for one login. */
export function sameLogin(accounts: Iterable<Account>, account: Pick<Account, 'provider' | 'username'> & { id?: string }): Account | undefined {
  if (!account.username) return undefined;
  const key = accountKey(account.provider, account.username);
  for (const other of accounts) if (other.id !== account.id && accountKey(other.provider, other.username) === key) return other;
  return undefined;
}

export function newAccountFromCapture(capture: Capture, id: string, now: string): Account {
  const environment = guessEnvironment(capture.username);
  return {
    schema: 2,
    id,
    provider: capture.provider,
    label: capture.username,
    username: capture.username,
    token: capture.token,
    tokenIssuedAt: trustedDate(capture.date, now),
    tokenSource: sourceOf(capture),
    environment,
    loginUrl: loginUrlFor(environment),
    sites: [...SALESFORCE_SITES],
    history: [],
    createdAt: now,
    updatedAt: now,
  };
}

function sourceOf(capture: Capture): TokenSource {
  return {
    sender: capture.sender.address,
    subject: capture.subject,
    ...(capture.messageId ? { messageId: capture.messageId } : {}),
  };
}

/** How far ahead of the time it was seen a date may be: clocks differ by a little, never by days. */
export const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * A token's issue date as far as it can be trusted: one more than a few
 * minutes after the time it was seen (a wrong clock, or an email claiming
 * 2099 to stay current forever) is replaced by that time.
 */
export function trustedDate(date: string | undefined, seenAt: string): string {
  if (!date) return seenAt;
  const time = Date.parse(date);
  return Number.isNaN(time) || time > Date.parse(seenAt) + FUTURE_SLACK_MS ? seenAt : date;
}

function byIssuedDesc(a: TokenHistoryEntry, b: TokenHistoryEntry): number {
  return (b.issuedAt ?? '').localeCompare(a.issuedAt ?? '');
}

/**
 * Folds a capture into an existing account. A newer token becomes current and
 * the old one moves to the history; an older one only joins the history. A
 * capture without a date counts as issued now: users open the email right
 * after resetting, and the replaced token stays in the history either way.
 */
export function applyCapture(account: Account, capture: Capture, now: string): { account: Account; outcome: CaptureOutcome } {
  if (account.token === capture.token || account.history.some((h) => h.token === capture.token)) {
    return { account, outcome: 'duplicate' };
  }
  const issuedAt = trustedDate(capture.date, now);
  // A date already stored ahead of now (by an older Tokenkeep) must not pin its token either.
  const current = account.tokenIssuedAt && trustedDate(account.tokenIssuedAt, now);
  if (account.token && current && issuedAt < current) {
    // An older email opened later: it was superseded by the next newer token we know of.
    const newer = [...account.history.map((h) => h.issuedAt), current]
      .filter((d): d is string => !!d && d > issuedAt)
      .sort()[0]!;
    const history = [...account.history, { token: capture.token, issuedAt, supersededAt: newer }].sort(byIssuedDesc);
    return { account: { ...account, history, updatedAt: now }, outcome: 'history' };
  }
  const history = account.token ? [...retiredToken(account, issuedAt), ...account.history].sort(byIssuedDesc) : account.history;
  return {
    account: { ...account, token: capture.token, tokenIssuedAt: issuedAt, tokenSource: sourceOf(capture), history, updatedAt: now },
    outcome: 'updated',
  };
}

/** The current token as a history entry, superseded at `supersededAt`; none when there is no token. */
export function retiredToken(account: Pick<Account, 'token' | 'tokenIssuedAt'>, supersededAt: string): TokenHistoryEntry[] {
  return account.token ? [{ token: account.token, ...(account.tokenIssuedAt ? { issuedAt: account.tokenIssuedAt } : {}), supersededAt }] : [];
}

/** All tokens an account knows, current first then newest to oldest. */
function tokensOf(account: Account): TokenHistoryEntry[] {
  return [...retiredToken(account, ''), ...account.history];
}

/**
 * Merges an account from a backup into the local one for the same username.
 * Nothing is deleted: the newest token of either side becomes current, every
 * other token is kept in the history, and fields the local account lacks are
 * filled from the backup.
 */
export function mergeAccount(local: Account, incoming: Account, now: string): { account: Account; changed: boolean } {
  const byToken = new Map<string, TokenHistoryEntry>();
  const trusted = (entry: TokenHistoryEntry) => (entry.issuedAt ? { ...entry, issuedAt: trustedDate(entry.issuedAt, now) } : entry);
  for (const entry of [...tokensOf(local), ...tokensOf(incoming)].map(trusted)) if (!byToken.has(entry.token)) byToken.set(entry.token, entry);
  const all = [...byToken.values()].sort(byIssuedDesc);
  const newest = all[0];
  const localTokens = tokensOf(local).map((t) => t.token).join();
  const history = all.slice(1).map((entry, i) => ({ ...entry, supersededAt: entry.supersededAt || all[i]!.issuedAt || now }));
  const merged: Account = {
    ...incoming,
    ...local,
    password: local.password ?? incoming.password,
    notes: local.notes ?? incoming.notes,
    sites: [...new Set([...local.sites, ...incoming.sites])],
    token: newest?.token,
    tokenIssuedAt: newest?.issuedAt,
    tokenSource: newest?.token === local.token ? local.tokenSource : (incoming.tokenSource ?? local.tokenSource),
    history,
  };
  const changed =
    [merged.token, ...merged.history.map((h) => h.token)].join() !== localTokens ||
    merged.password !== local.password ||
    merged.notes !== local.notes ||
    merged.sites.length !== local.sites.length;
  return { account: changed ? { ...merged, updatedAt: now } : local, changed };
}
