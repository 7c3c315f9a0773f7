/**
 * The popup's list: search, grouping by kind (and within a kind as it groups its accounts: Salesforce's environments),
 * and the order keyboard navigation follows. Pure, so the benchmark and the
 * tests run the same code the popup does.
 */
import { KINDS, kindFor } from '../kinds';
import type { AccountSummary } from './account';

export type ListAccount = Pick<AccountSummary, 'id' | 'kind' | 'label' | 'fields' | 'sites' | 'notes'>;

export interface AccountGroup<A extends ListAccount> {
  key: string;
  title: string;
  accounts: A[];
}

// One collator for every comparison: localeCompare with options builds a new one per call.
const byLabel = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const KIND_RANK = new Map(KINDS.map((k, i) => [k.name, i]));
// Room for each kind's own groups within its place in the list.
const GROUP_SLOTS = 1 + Math.max(0, ...KINDS.map((k) => (k.grouping?.order.length ?? 0) + 1));

export const kindTitle = (kind: string) => kindFor(kind).title;
export const groupName = (group: string) => group[0]!.toUpperCase() + group.slice(1);

/** The group an account is in, as its kind names it ("sandbox"), or '' where its kind groups nothing. */
export const groupOf = (account: Pick<ListAccount, 'kind' | 'fields'>) => kindFor(account.kind).grouping?.of(account.fields) ?? '';

/** A group's badge colour: live data, a copy for testing, or neither. */
export const groupTone = (account: Pick<ListAccount, 'kind' | 'fields'>) => kindFor(account.kind).grouping?.tone?.[groupOf(account)] ?? 'plain';

/**
 * How Tokenkeep names the account it used, in toasts and notifications:
 * "Acme UAT (sandbox)". A label is the user's own name for an account, not a
 * secret; the environment is what tells two orgs of one name apart.
 */
export function accountName(account: Pick<ListAccount, 'kind' | 'fields' | 'label'>): string {
  const group = groupOf(account);
  return group && !account.label.toLowerCase().includes(group) ? `${account.label} (${group})` : account.label;
}

/** The accounts for a page, those of the page's own environment first (a sandbox's on test.salesforce.com), by label within. */
export function forPage<A extends ListAccount>(accounts: readonly A[], url: string): A[] {
  const own = (a: A) => {
    const page = kindFor(a.kind).grouping?.ofPage?.(url);
    return page && groupOf(a) === page ? 0 : 1;
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

/** Groups by kind, in the kinds' order (Salesforce first), and within a kind as it groups its accounts; labels sorted within. */
export function groupAccounts<A extends ListAccount>(accounts: readonly A[]): AccountGroup<A>[] {
  const groups = new Map<string, AccountGroup<A> & { rank: number }>();
  for (const account of accounts) {
    const name = groupOf(account);
    const key = `${account.kind}:${name}`;
    let group = groups.get(key);
    if (!group) {
      const title = name ? `${kindTitle(account.kind)} · ${groupName(name)}` : kindTitle(account.kind);
      // Ungrouped first, then the kind's groups in its order, then any it does not name.
      const order = kindFor(account.kind).grouping?.order ?? [];
      const within = !name ? 0 : order.includes(name) ? 1 + order.indexOf(name) : 1 + order.length;
      const rank = (KIND_RANK.get(account.kind) ?? KINDS.length) * GROUP_SLOTS + within;
      groups.set(key, (group = { key, title, accounts: [], rank }));
    }
    group.accounts.push(account);
  }
  const sorted = [...groups.values()].sort((a, b) => a.rank - b.rank);
  for (const g of sorted) g.accounts.sort((a, b) => byLabel.compare(a.label, b.label));
  return sorted.map(({ rank: _r, ...g }) => g);
}
