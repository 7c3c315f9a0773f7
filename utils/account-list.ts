/**
 * The popup's list: search, grouping by provider and environment, and the
 * order keyboard navigation follows. Pure, so the benchmark and the tests
 * run the same code the popup does.
 */
import { KINDS } from './token-kind';
import type { AccountSummary, Environment } from './vault/account';

export type ListAccount = Pick<AccountSummary, 'id' | 'provider' | 'label' | 'username' | 'environment' | 'loginUrl' | 'sites' | 'notes'>;

export interface AccountGroup<A extends ListAccount> {
  key: string;
  title: string;
  accounts: A[];
}

// One collator for every comparison: localeCompare with options builds a new one per call.
const byLabel = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const ENVIRONMENTS: Environment[] = ['production', 'sandbox', 'custom'];
const PROVIDERS = [...KINDS.map((k) => k.kind).sort((a, b) => (a === 'salesforce' ? -1 : b === 'salesforce' ? 1 : a.localeCompare(b))), 'other'];
const PROVIDER_NAMES: Record<string, string> = { ...Object.fromEntries(KINDS.map((k) => [k.kind, k.name])), other: 'Other' };

export const providerName = (provider: string) => PROVIDER_NAMES[provider] ?? provider;
export const environmentName = (environment: Environment) => environment[0]!.toUpperCase() + environment.slice(1);

/** What a query is matched against: label, username, login URL, sites and notes, lower-cased once per account. */
export function searchText(account: ListAccount): string {
  return [account.label, account.username, account.loginUrl, ...account.sites, account.notes ?? '', providerName(account.provider), account.environment].join('\n').toLowerCase();
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

/** Groups by provider (Salesforce first) and environment (production, sandbox, custom); labels sorted within. */
export function groupAccounts<A extends ListAccount>(accounts: readonly A[]): AccountGroup<A>[] {
  const groups = new Map<string, AccountGroup<A>>();
  for (const account of accounts) {
    const key = `${account.provider}:${account.environment}`;
    let group = groups.get(key);
    // Environments mean something for Salesforce only; other kinds group by kind alone.
    const title = account.provider === 'salesforce' ? `${providerName(account.provider)} · ${environmentName(account.environment)}` : providerName(account.provider);
    if (!group) groups.set(key, (group = { key, title, accounts: [] }));
    group.accounts.push(account);
  }
  const rank = (g: AccountGroup<A>) => {
    const [provider, environment] = g.key.split(':') as [string, Environment];
    return PROVIDERS.indexOf(provider) * ENVIRONMENTS.length + ENVIRONMENTS.indexOf(environment);
  };
  const sorted = [...groups.values()].sort((a, b) => rank(a) - rank(b));
  for (const g of sorted) g.accounts.sort((a, b) => byLabel.compare(a.label, b.label));
  return sorted;
}
