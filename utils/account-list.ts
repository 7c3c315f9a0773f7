/**
 * The popup's list: search, grouping by kind (and Salesforce environment),
 * and the order keyboard navigation follows. Pure, so the benchmark and the
 * tests run the same code the popup does.
 */
import { KINDS, kindFor } from './kinds';
import type { AccountSummary } from './vault/account';

export type ListAccount = Pick<AccountSummary, 'id' | 'kind' | 'label' | 'fields' | 'sites' | 'notes'>;

export interface AccountGroup<A extends ListAccount> {
  key: string;
  title: string;
  accounts: A[];
}

// One collator for every comparison: localeCompare with options builds a new one per call.
const byLabel = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const ENVIRONMENTS = ['', 'production', 'sandbox', 'custom'];
const KIND_RANK = new Map(KINDS.map((k, i) => [k.name, i]));

export const kindTitle = (kind: string) => kindFor(kind).title;
export const environmentName = (environment: string) => environment[0]!.toUpperCase() + environment.slice(1);

/** The environment an account is in, as its kind names it ("sandbox"), or '' where its kind has none. */
export const environmentOf = (account: Pick<ListAccount, 'kind' | 'fields'>) => kindFor(account.kind).environment?.(account.fields) ?? '';

/**
 * How Tokenkeep names the account it used, in toasts and notifications:
 * "Acme UAT (sandbox)". A label is the user's own name for an account, not a
 * secret; the environment is what tells two orgs of one name apart.
 */
export function accountName(account: Pick<ListAccount, 'kind' | 'fields' | 'label'>): string {
  const environment = environmentOf(account);
  return environment && !account.label.toLowerCase().includes(environment) ? `${account.label} (${environment})` : account.label;
}

/** The accounts for a page, those of the page's own environment first (a sandbox's on test.salesforce.com), by label within. */
export function forPage<A extends ListAccount>(accounts: readonly A[], url: string): A[] {
  const own = (a: A) => {
    const page = kindFor(a.kind).pageEnvironment?.(url);
    return page && environmentOf(a) === page ? 0 : 1;
  };
  return [...accounts].sort((a, b) => own(a) - own(b) || byLabel.compare(a.label, b.label));
}

/** What a query is matched against: the label, every field that is not secret, sites, notes and the kind, lower-cased once per account. */
export function searchText(account: ListAccount): string {
  return [account.label, ...Object.values(account.fields), ...account.sites, account.notes ?? '', kindTitle(account.kind)].join('\n').toLowerCase();
}

/** Accounts matching every word of the query, in any of their fields. */
export function filterAccounts<A extends ListAccount>(accounts: readonly A[], query: string, text: (a: A) => string = searchText): A[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...accounts];
  return accounts.filter((a) => {
    const haystack = text(a);
    return words.every((w) => haystack.includes(w));
  });
}

/**
 * The first `n` accounts in the order the popup shows them, and how many each
 * group holds in all: the popup's first screen, drawn before the whole list
 * has crossed from the background.
 */
export function firstPage<A extends ListAccount>(accounts: readonly A[], n: number): { accounts: A[]; groupSizes: Record<string, number> } {
  const groups = groupAccounts(accounts);
  return { accounts: groups.flatMap((g) => g.accounts).slice(0, n), groupSizes: Object.fromEntries(groups.map((g) => [g.key, g.accounts.length])) };
}

/** Groups by kind, in the kinds' order (Salesforce first), and by environment where the kind has one; labels sorted within. */
export function groupAccounts<A extends ListAccount>(accounts: readonly A[]): AccountGroup<A>[] {
  const groups = new Map<string, AccountGroup<A> & { rank: number }>();
  for (const account of accounts) {
    const environment = environmentOf(account);
    const key = `${account.kind}:${environment}`;
    let group = groups.get(key);
    if (!group) {
      const title = environment ? `${kindTitle(account.kind)} · ${environmentName(environment)}` : kindTitle(account.kind);
      const rank = (KIND_RANK.get(account.kind) ?? KINDS.length) * ENVIRONMENTS.length + Math.max(0, ENVIRONMENTS.indexOf(environment));
      groups.set(key, (group = { key, title, accounts: [], rank }));
    }
    group.accounts.push(account);
  }
  const sorted = [...groups.values()].sort((a, b) => a.rank - b.rank);
  for (const g of sorted) g.accounts.sort((a, b) => byLabel.compare(a.label, b.label));
  return sorted.map(({ rank: _r, ...g }) => g);
}
