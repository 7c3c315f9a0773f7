import { describe, expect, it } from 'vitest';
import { filterAccounts, firstPage, groupAccounts, type ListAccount } from '../../../utils/vault/account-list';

const account = (id: string, over: Partial<ListAccount> = {}, fields: Record<string, string> = {}): ListAccount => ({
  id,
  kind: 'salesforce',
  label: id,
  sites: [],
  ...over,
  fields: over.kind ? fields : { username: `${id}@acme.com`, environment: 'production', loginUrl: 'https://login.salesforce.com', ...fields },
});

const list = [
  account('zeta'),
  account('uat', {}, { environment: 'sandbox', username: 'ops@acme.com.uat' }),
  account('github', { kind: 'github' }),
  account('Alpha', { notes: 'Integration user for MuleSoft' }),
];

describe('account list', () => {
  it('groups Salesforce first, production then sandbox, labels in order', () => {
    expect(groupAccounts(list).map((g) => [g.title, g.accounts.map((a) => a.id)])).toEqual([
      ['Salesforce · Production', ['Alpha', 'zeta']],
      ['Salesforce · Sandbox', ['uat']],
      ['GitHub', ['github']],
    ]);
  });

  it('finds accounts by every word typed, in label, username, notes, kind or environment', () => {
    const ids = (q: string) => filterAccounts(list, q).map((a) => a.id);
    expect(ids('')).toHaveLength(4);
    expect(ids('.uat')).toEqual(['uat']);
    expect(ids('mulesoft')).toEqual(['Alpha']);
    expect(ids('sandbox ops')).toEqual(['uat']);
    expect(ids('GITHUB')).toEqual(['github']);
    expect(ids('nothing-like-this')).toEqual([]);
  });

  it('gives the first page in the order the popup shows it, with the size of every group', () => {
    const page = firstPage(list, 2);
    expect(page.accounts.map((a) => a.id)).toEqual(['Alpha', 'zeta']);
    expect(page.groupSizes).toEqual({ 'salesforce:production': 2, 'salesforce:sandbox': 1, 'github:': 1 });
    expect(firstPage(list, 10).accounts.map((a) => a.id)).toEqual(['Alpha', 'zeta', 'uat', 'github']);
  });
});
