/**
 * Imports from other tools (utils/import reads them): what each entry would
 * do to the vault, and then doing all of it or none of it. An entry for a
 * login the vault already has (same kind and login, as backup import
 * decides) merges by the backup rules: nothing is deleted, and the same
 * file imported twice changes nothing. Which value of a secret is current
 * goes by dates: an entry the tool changed after the account last changed
 * here brings its secrets in as current (the replaced ones go to the
 * history); an older or undated one only adds to the history, and an
 * undated token never displaces a dated one. Every entry is checked by its
 * kind again here, whatever the page that sent it checked.
 */
import { checkFields } from '../kinds/check';
import { fieldName, fieldOf, keepsHistory, kindFor, kindOf } from '../kinds';
import { normalizeSite } from '../common/sites';
import type { ImportAction, ImportItem } from '../import/types';
import type { ImportSummary } from '../protocol/replies';
import { accountKey, mergeAccount, trustedDate, type Account } from '../vault/account';
import { fromInput } from './accounts';
import { bad, type AppContext } from './context';

type Keyed = Pick<Account, 'kind' | 'fields' | 'label'>;
const nameOf = (a: Keyed) => a.label.trim().toLowerCase();

/**
 * Which login an account is, for an import: its kind's identity, else (a kind without one: Other, an
 * API token) its name and username, so the same entry imported twice finds the account it made.
 */
const importKey = (a: Keyed) => accountKey(a) ?? `${a.kind}:name:${nameOf(a)}:${(a.fields.username ?? '').trim().toLowerCase()}`;

/** The same name and place (an SFDX URL's app and instance): the account logged in again, with a new identity. */
const placeKey = (a: Keyed) => {
  const place = kindFor(a.kind).place?.(a.fields);
  return place ? `${a.kind}:place:${place}:${nameOf(a)}` : undefined;
};

/** Which of the entry's secrets became current, and which differing ones only joined the history, by their names in a sentence. */
function secretsMoved(local: Account, incoming: Account, merged: Account): Pick<ImportAction, 'newer' | 'older'> {
  const kind = kindFor(local.kind);
  const newer: string[] = [];
  const older: string[] = [];
  for (const [name, value] of Object.entries(incoming.fields)) {
    // A part worked out from another field (an SFDX URL's refresh token) is said with the field it comes from.
    if (!keepsHistory(kind, name) || fieldOf(kind, name)?.derived) continue;
    if (value === local.fields[name] || local.history.some((h) => h.field === name && h.value === value)) continue;
    // A secret the account lacked only fills the gap: nothing is replaced.
    if (local.fields[name] === undefined) continue;
    (merged.fields[name] === value ? newer : older).push(fieldName(kind, name));
  }
  return { ...(newer.length ? { newer } : {}), ...(older.length ? { older } : {}) };
}

interface Plan {
  actions: ImportAction[];
  puts: Account[];
}

/**
 * The vault's accounts by login and by place, as the import goes: an entry finds what an earlier one
 * made or changed, by its new keys and by its old ones (a refresh token that was current before).
 */
function accountsIndex(accounts: Account[]) {
  const byId = new Map<string, Account>();
  const ids = new Map<string, string>();
  const keep = (a: Account) => {
    byId.set(a.id, a);
    for (const key of [importKey(a), placeKey(a)]) if (key) ids.set(key, a.id);
  };
  accounts.forEach(keep);
  const get = (key: string | undefined) => (key ? byId.get(ids.get(key) ?? '') : undefined);
  return { find: (a: Keyed) => get(importKey(a)) ?? get(placeKey(a)), keep };
}

async function plan(items: ImportItem[], accounts: Account[], stamp: string, newId: () => string): Promise<Plan> {
  const known = accountsIndex(accounts);
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
    const made = await fromInput(
      { kind: kind.name, label: item.label, fields: item.fields, sites, expiresAt: '', notes: item.notes },
      kind,
      fields,
      undefined,
      newId(),
      stamp,
    );
    // A date ahead of the clock is no date: believed, a planted file's secret would stay current over every later edit.
    const dated = item.changedAt && trustedDate(item.changedAt, stamp) === item.changedAt;
    // Compared and sorted as text below, so in one form.
    const changed = dated ? new Date(item.changedAt!).toISOString() : undefined;
    // A token is as old as the tool says; undated, it dates from now.
    const incoming = made.issuedAt && changed ? { ...made, issuedAt: changed } : made;
    const local = known.find(incoming);
    if (!local) {
      known.keep(incoming);
      puts.set(incoming.id, incoming);
      actions.push({ action: 'new' });
      continue;
    }
    if (kindFor(local.kind).opaque) {
      actions.push({ action: 'skip', why: `${local.label} was made by a newer Tokenkeep: update Tokenkeep to change it.` });
      continue;
    }
    // An undated token is older than the one the account has: it joins the history, and never displaces it.
    const rotating = kind.rotating;
    const asOld = !changed && rotating && local.fields[rotating] ? { ...incoming, issuedAt: undefined } : incoming;
    const merge = mergeAccount(local, asOld, stamp, { incomingNewer: !!changed && changed > local.updatedAt });
    if (merge.changed) {
      known.keep(merge.account);
      puts.set(merge.account.id, merge.account);
    }
    actions.push(
      merge.changed ? { action: 'update', into: local.label, ...secretsMoved(local, incoming, merge.account) } : { action: 'unchanged', into: local.label },
    );
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
