/**
 * Imports from other tools (utils/import reads them): what each entry would
 * do to the vault, and then doing all of it or none of it. An entry for a
 * login the vault already has (same kind and login, as backup import
 * decides) merges by the backup rules: nothing is deleted, a different
 * secret joins the history, and the same file imported twice changes
 * nothing. Every entry is checked by its kind again here, whatever the page
 * that sent it checked.
 */
import { checkFields } from '../kinds/check';
import { kindFor, kindOf } from '../kinds';
import { normalizeSite } from '../common/sites';
import type { ImportAction, ImportItem } from '../import/types';
import type { ImportSummary } from '../protocol/replies';
import { accountKey, mergeAccount, type Account } from '../vault/account';
import { fromInput } from './accounts';
import { bad, type AppContext } from './context';

/**
 * Which login an account is, for an import: its kind's identity, else (a kind without one: Other, an
 * API token) its name and username, so the same entry imported twice finds the account it made.
 */
const importKey = (a: Pick<Account, 'kind' | 'fields' | 'label'>) =>
  accountKey(a) ?? `${a.kind}:name:${a.label.trim().toLowerCase()}:${(a.fields.username ?? '').trim().toLowerCase()}`;

interface Plan {
  actions: ImportAction[];
  puts: Account[];
}

async function plan(items: ImportItem[], accounts: Account[], stamp: string, newId: () => string): Promise<Plan> {
  const byKey = new Map(accounts.map((a) => [importKey(a), a]));
  const puts = new Map<string, Account>();
  const actions: ImportAction[] = [];
  for (const item of items) {
    const kind = kindOf(item.kind);
    if (!kind || kind.opaque) {
      actions.push({ action: 'skip', why: `Tokenkeep does not know the kind "${item.kind.slice(0, 40)}".` });
      continue;
    }
    let fields;
    try {
      fields = await checkFields(kind, item.fields);
    } catch (err) {
      actions.push({ action: 'skip', why: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const approved = item.sites.map((s) => normalizeSite(s)).filter((s): s is string => !!s);
    const sites = [...new Set([...(kind.defaultSites?.(fields) ?? []), ...approved])];
    const incoming = await fromInput(
      { kind: kind.name, label: item.label, fields: item.fields, sites, expiresAt: '', notes: item.notes },
      kind,
      fields,
      undefined,
      newId(),
      stamp,
    );
    const key = importKey(incoming);
    const local = byKey.get(key);
    if (!local) {
      byKey.set(key, incoming);
      puts.set(key, incoming);
      actions.push({ action: 'new' });
      continue;
    }
    if (kindFor(local.kind).opaque) {
      actions.push({ action: 'skip', why: `${local.label} was made by a newer Tokenkeep: update Tokenkeep to change it.` });
      continue;
    }
    const { account, changed } = mergeAccount(local, incoming, stamp);
    if (changed) {
      byKey.set(key, account);
      puts.set(key, account);
    }
    actions.push({ action: changed ? 'update' : 'unchanged', into: local.label });
  }
  return { actions, puts: [...puts.values()] };
}

export function createImports({ vault, serial, now, newId }: AppContext) {
  const unlockedAccounts = async () => {
    if ((await vault.state()) !== 'unlocked') throw bad('Unlock Tokenkeep before importing.');
    return vault.accounts();
  };
  return {
    /** What each entry would do, in order; nothing is written. */
    async previewImport(items: ImportItem[]): Promise<ImportAction[]> {
      return (await plan(items, await unlockedAccounts(), now(), newId)).actions;
    },

    /** Writes every entry, or none: one that its kind refuses fails the whole import, naming it. */
    importEntries(items: ImportItem[]): Promise<ImportSummary> {
      return serial(async () => {
        const { actions, puts } = await plan(items, await unlockedAccounts(), now(), newId);
        const refused = actions.findIndex((a) => a.action === 'skip');
        if (refused >= 0) throw bad(`Nothing was imported: ${items[refused]!.label} cannot be imported (${actions[refused]!.why})`);
        await vault.putMany(puts);
        const count = (action: ImportAction['action']) => actions.filter((a) => a.action === action).length;
        return { added: count('new'), updated: count('update'), unchanged: count('unchanged') };
      });
    },
  };
}
