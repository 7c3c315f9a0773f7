/**
 * What `tokenkeep import sf` reads from the sf CLI: the orgs of
 * `sf org list --json` (result.nonScratchOrgs, scratchOrgs, sandboxes,
 * devHubs and other, each with its username and alias), the ones the user
 * named, and the SFDX auth URL of `sf org auth show-sfdx-auth-url --json`
 * (CLI 2.136 and later) or, from an older CLI, `sf org display --verbose
 * --json`: both answer `result.sfdxAuthUrl`. Pure, so the CLI and its tests
 * share it; nothing here runs sf.
 */
import * as v from 'valibot';

export interface SfOrg {
  username: string;
  alias?: string;
  instanceUrl?: string;
}

const OrgSchema = v.object({ username: v.string(), alias: v.optional(v.nullable(v.string())), instanceUrl: v.optional(v.nullable(v.string())) });

/** The orgs sf lists, each once (a Dev Hub is listed among the non-scratch orgs too), or an Error saying what sf printed instead. */
export function orgsOf(stdout: string): SfOrg[] {
  let json: { result?: Record<string, unknown> };
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new Error('sf org list --json did not print JSON: is this the Salesforce CLI?');
  }
  const orgs = new Map<string, SfOrg>();
  // Every list in the result is one of sf's groups (non-scratch orgs, scratch orgs, sandboxes, Dev Hubs, the rest).
  for (const list of Object.values(json.result ?? {})) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const org = v.safeParse(OrgSchema, raw);
      if (!org.success || orgs.has(org.output.username)) continue;
      const { username, alias, instanceUrl } = org.output;
      orgs.set(username, { username, ...(alias ? { alias } : {}), ...(instanceUrl ? { instanceUrl } : {}) });
    }
  }
  return [...orgs.values()];
}

/** The orgs the user named, by alias or username; an Error naming any that sf does not know. */
export function chosenOrgs(orgs: SfOrg[], names: string[], all: boolean): SfOrg[] {
  if (all) return orgs;
  const unknown = names.filter((n) => !orgs.some((o) => o.alias === n || o.username === n));
  if (unknown.length) throw new Error(`sf knows no org named ${unknown.join(', ')}: sf org list shows the aliases and usernames.`);
  return orgs.filter((o) => names.some((n) => o.alias === n || o.username === n));
}

/** The SFDX auth URL in sf's JSON answer, or undefined (a CLI that redacts it, or an org not authorised by a refresh token). */
export function sfdxAuthUrlOf(stdout: string): string | undefined {
  try {
    const url = (JSON.parse(stdout) as { result?: { sfdxAuthUrl?: unknown } }).result?.sfdxAuthUrl;
    return typeof url === 'string' && /^force:\/\//i.test(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** How an org is named in Tokenkeep and in the consent window: its alias, else its username. */
export const orgLabel = (org: SfOrg) => org.alias ?? org.username;
