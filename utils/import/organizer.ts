/**
 * ORGanizer for Salesforce's export (Options › Import/Export), in the format
 * its own help documents (organizer.solutions/learn.html, "The file format
 * is as follows"): { accounts: [{ n: label, u: username, p: password
 * (unencrypted), t: token, r: login URL, g: group, … }], orgs: [ … ] }. The
 * orgs part (tab colours, quick links) holds no credential and stays out.
 */
import * as v from 'valibot';
import { checkCount, importError, str } from './limits';
import type { Entry, ReadResult } from './types';

const AccountSchema = v.object({ n: str, u: str, p: str, t: str, r: str, g: str });

/** An ORGanizer export: an object whose accounts each have a username under "u". */
export function isOrganizer(json: unknown): boolean {
  const accounts = (json as { accounts?: unknown } | null)?.accounts;
  return Array.isArray(accounts) && accounts.length > 0 && accounts.every((a) => !!a && typeof a === 'object' && typeof (a as { u?: unknown }).u === 'string');
}

export function readOrganizer(json: unknown): ReadResult {
  const accounts = (json as { accounts: unknown[] }).accounts;
  checkCount(accounts.length);
  const entries: Entry[] = accounts.map((raw) => {
    const parsed = v.safeParse(AccountSchema, raw);
    if (!parsed.success) throw importError('This ORGanizer export is damaged: an account is not in the shape ORGanizer writes.');
    const { n, u, p, t, r, g } = parsed.output;
    return {
      title: n || u || '',
      ...(u ? { username: u } : {}),
      ...(p ? { password: p } : {}),
      // Every ORGanizer login is a Salesforce one: without a login URL, it signs in at login.salesforce.com.
      urls: [r || 'https://login.salesforce.com'],
      extra: t ? [{ name: 'Security token', value: t }] : [],
      ...(g ? { notes: `ORGanizer group: ${g}` } : {}),
    };
  });
  return { format: 'ORGanizer JSON', entries };
}
