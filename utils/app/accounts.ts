/**
 * Accounts as the user edits them: saved from the form (every field checked
 * by its kind first), listed, trashed and restored, given a site, and the
 * one-time correction of the sites older versions gave every account.
 */
import type { AccountColor } from '../common/account-colors';
import { normalizeSite } from '../common/sites';
import { checkFields } from '../kinds/check';
import { defaultLabel, keepsHistory, kindFor, kindOf, type Fields, type Kind } from '../kinds';
import type { AccountList } from '../protocol/replies';
import { retired, sameLogin, summarize, type Account, type AccountInput, type HistoryEntry } from '../vault/account';
import { accountName, firstPage } from '../vault/account-list';
import { bad, getAccount, opaqueRefusal, type AppContext } from './context';

/** Set once this browser's accounts had their former default sites corrected: a site the user adds back afterwards stays. */
const SITES_CORRECTED = 'corrected:sites-by-environment';

/** The kind's checks, with their message as the user's error. */
async function checkedFields(kind: Kind, input: Fields): Promise<Fields> {
  try {
    return await checkFields(kind, input);
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
}

/**
 * An account that still lists every site its kind used to give all accounts (both Salesforce
 * login pages) gets its own environment's instead; its other sites stay. Undefined: nothing to do.
 */
export function correctedSites(account: Pick<Account, 'kind' | 'fields' | 'sites'>): string[] | undefined {
  const kind = kindFor(account.kind);
  const former = kind.formerDefaultSites;
  if (!former?.length || !kind.defaultSites || !former.every((site) => account.sites.includes(site))) return undefined;
  const own = kind.defaultSites(account.fields);
  const sites = [...new Set([...own, ...account.sites.filter((site) => !former.includes(site))])];
  return sites.length === account.sites.length && sites.every((site) => account.sites.includes(site)) ? undefined : sites;
}

/** The account the form describes, from what is stored (if anything) and the checked fields. */
export async function fromInput(input: AccountInput, kind: Kind, fields: Fields, existing: Account | undefined, id: string, stamp: string): Promise<Account> {
  const oldKind = existing && kindFor(existing.kind);
  const replaced: HistoryEntry[] = existing
    ? Object.keys(existing.fields)
        .filter((name) => keepsHistory(oldKind!, name) && existing.fields[name] !== fields[name])
        .flatMap((name) => retired(existing, name, stamp))
    : [];
  const current = new Set(Object.entries(fields).map(([k, v]) => `${k}\n${v}`));
  const history = [...replaced, ...(existing?.history ?? [])].filter((h) => !current.has(`${h.field}\n${h.value}`));
  const rotating = kind.rotating;
  const rotated = !!rotating && fields[rotating] !== existing?.fields[rotating];
  const issuedAt = rotating && fields[rotating] ? (rotated ? stamp : existing?.issuedAt) : undefined;
  const expiresAt = (await kind.expiry?.(fields).catch(() => undefined)) ?? (input.expiresAt || undefined);
  const facts = (await kind.facts?.(fields).catch(() => [])) ?? [];
  return {
    schema: 3,
    id,
    kind: kind.name,
    // From the fields as typed: a TOTP link names its issuer before it is reduced to its secret.
    label: input.label.trim() || defaultLabel(kind, input.fields),
    fields,
    sites: [...new Set(input.sites)],
    history,
    createdAt: existing?.createdAt ?? stamp,
    updatedAt: stamp,
    ...(issuedAt ? { issuedAt } : {}),
    ...(issuedAt && !rotated && existing?.source ? { source: existing.source } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    ...(facts.length ? { facts } : {}),
    ...((input.savedFrom ?? existing?.savedFrom) ? { savedFrom: input.savedFrom ?? existing?.savedFrom } : {}),
    ...(input.notes.trim() ? { notes: input.notes } : {}),
    ...((input.syncLargeSecrets ?? existing?.syncLargeSecrets) ? { syncLargeSecrets: true as const } : {}),
    ...((input.color ?? existing?.color) ? { color: (input.color ?? existing?.color) as AccountColor } : {}),
    ...((input.submitLogin ?? existing?.submitLogin) ? { submitLogin: true as const } : {}),
    ...(existing?.future ? { future: existing.future } : {}),
  };
}

export function createAccounts(ctx: AppContext) {
  const { kv, vault, serial, now, newId } = ctx;
  return {
    /** A new vault's accounts get their own sites from the start: any listed later are the user's. */
    markSitesCorrected: () => kv.set(SITES_CORRECTED, true),

    /** Corrects the accounts that list every former default site, once in this browser; the notice names them. */
    async correctSitesOnce(): Promise<string[]> {
      if (await kv.get(SITES_CORRECTED)) return [];
      const stamp = now();
      const puts = (await vault.accounts()).flatMap((account) => {
        const sites = correctedSites(account);
        return sites ? [{ ...account, sites, updatedAt: stamp }] : [];
      });
      await vault.putMany(puts);
      await kv.set(SITES_CORRECTED, true);
      if (!puts.length) return [];
      const names = puts
        .map(accountName)
        .sort((a, b) => a.localeCompare(b))
        .join(', ');
      return [
        `Tokenkeep now fills each account on its own environment's login page only, so a shortcut never uses production on a sandbox's page. ${puts.length === 1 ? '1 account no longer lists' : `${puts.length} accounts no longer list`} the other environment's: ${names}.`,
      ];
    },

    /**
     * Every account without its secrets, sorted by label, and any record that could not be read.
     * With `first`, only that many in the popup's order, and the size of each group.
     */
    async listAccounts(first?: number): Promise<AccountList> {
      const all = await vault.accounts();
      if (first === undefined) return { accounts: all.sort((a, b) => a.label.localeCompare(b.label)).map(summarize), problems: vault.problems() };
      const page = firstPage(all, first);
      return { accounts: page.accounts.map(summarize), problems: vault.problems(), groupSizes: page.groupSizes };
    },

    /** Full accounts, secrets included: for the background's own use (alarms, commands). */
    allAccounts: () => vault.accounts(),

    getAccount: (id: string) => getAccount(ctx, id),

    /**
     * Creates or updates an account from the edit form. Every field is checked by its kind before
     * anything is written; a changed secret moves its old value to the history, as does one the
     * new kind has no field for.
     */
    saveAccount(input: AccountInput): Promise<Account> {
      return serial(async () => {
        const existing = input.id ? await getAccount(ctx, input.id) : undefined;
        if (existing && kindFor(existing.kind).opaque) throw opaqueRefusal(existing);
        const kind = kindOf(input.kind);
        if (!kind) throw bad(`Tokenkeep does not know the kind "${input.kind.slice(0, 40)}".`);
        const fields = await checkedFields(kind, input.fields);
        const clash = sameLogin(await vault.accounts(), { id: input.id, kind: kind.name, fields });
        if (clash) throw bad(`“${clash.label}” is already this login.`);
        const account = await fromInput(input, kind, fields, existing, existing?.id ?? newId(), now());
        await vault.putMany([account]);
        return account;
      });
    },

    deleteAccount: (id: string) => serial(() => vault.trash(id)),
    restoreAccount: (id: string) => serial(() => vault.restore(id)),

    /** Adds an origin to an account's sites: the user agreed to fill there. */
    addSite(id: string, origin: string): Promise<Account> {
      return serial(async () => {
        const account = await getAccount(ctx, id);
        const site = normalizeSite(origin);
        if (!site) throw bad(`${origin} is not a site Tokenkeep can fill.`);
        if (account.sites.includes(site)) return account;
        const updated = { ...account, sites: [...account.sites, site], updatedAt: now() };
        await vault.putMany([updated]);
        return updated;
      });
    },
  };
}
