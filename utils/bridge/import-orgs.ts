/**
 * `tokenkeep import sf`, answered: the orgs' SFDX auth URLs become accounts
 * through the kinds' own recognition (no kind is named here), the consent
 * window lists each with what adding it does, and only after Allow are they
 * added, by the import rules (utils/app/imports.ts): a known org merges,
 * nothing is deleted. The CLI's URL is the one it works with today, so it
 * is dated when it was read: a different refresh token kept here before
 * goes to the history, not the CLI's. An org whose URL is not one is
 * listed as skipped.
 */
import { actionWords } from '../import/actions';
import { candidateFor } from '../import/candidates';
import { importItem, type ImportAction, type ImportItem } from '../import/types';
import { recognise } from '../kinds';
import type { TerminalResponseMap } from './protocol';
import { visible } from './text';

export interface ImportDeps {
  preview(items: ImportItem[]): Promise<ImportAction[]>;
  commit(items: ImportItem[]): Promise<{ added: number; updated: number; unchanged: number }>;
}

/** The account an org's URL becomes, or why it cannot. */
function itemOf(org: { label: string; sfdxUrl: string }, readAt: string): ImportItem | string {
  const c = candidateFor({ title: org.label, urls: [], extra: [{ name: 'SFDX auth URL', value: org.sfdxUrl }] });
  if (recognise(org.sfdxUrl)?.kind.name !== c.kind || c.problem) return 'sf did not give an SFDX auth URL for it.';
  return { ...importItem(c), changedAt: readAt };
}

export async function importOrgs(
  orgs: ReadonlyArray<{ label: string; sfdxUrl: string }>,
  deps: ImportDeps,
  consent: (gives: string[]) => Promise<void>,
  /** When sf gave the URLs (ISO). */
  readAt: string,
): Promise<TerminalResponseMap['terminal.import']> {
  const items = orgs.map((org) => itemOf(org, readAt));
  const valid = items.filter((i): i is ImportItem => typeof i !== 'string');
  // The background's word on each valid one, in order; an org without a URL is skipped with its reason.
  const previewed = (await deps.preview(valid)).values();
  const actions: ImportAction[] = items.map((i) => (typeof i === 'string' ? { action: 'skip', why: i } : previewed.next().value!));
  await consent(orgs.map((org, i) => `${visible(org.label)}: ${actionWords(actions[i])}`));
  const kept = items.filter((i, n): i is ImportItem => typeof i !== 'string' && actions[n]!.action !== 'skip');
  const summary = kept.length ? await deps.commit(kept) : { added: 0, updated: 0, unchanged: 0 };
  return { ...summary, skipped: orgs.flatMap((org, i) => (actions[i]!.action === 'skip' ? [`${org.label}: ${actions[i]!.why}`] : [])) };
}
