import { describe, expect, it } from 'vitest';
import type { Capture } from '../../../utils/extract/types';
import { guessEnvironment } from '../../../utils/kinds/salesforce.kind';
import { applyCapture, mergeAccount, newAccountFromCapture } from '../../../utils/vault/account';

const NOW = '2026-11-23T10:00:00.000Z';

function capture(token: string, date?: string, username = 'ops@acme.com'): Capture {
  return {
    provider: 'salesforce',
    username,
    token,
    sender: { name: 'Salesforce', address: 'support@salesforce.com' },
    subject: 'Your new Salesforce security token',
    ...(date ? { date } : {}),
  };
}

const A = 'AAAAAAAAAAAAAAAAAAAAAAa1';
const B = 'BBBBBBBBBBBBBBBBBBBBBBb2';
const C = 'CCCCCCCCCCCCCCCCCCCCCCc3';

describe('newAccountFromCapture', () => {
  it('creates a production account that fills on the Salesforce login pages', () => {
    const account = newAccountFromCapture(capture(A, '2026-11-01T00:00:00.000Z'), 'id1', NOW);
    expect(account).toMatchObject({
      id: 'id1',
      label: 'ops@acme.com',
      kind: 'salesforce',
      fields: { username: 'ops@acme.com', token: A, environment: 'production', loginUrl: 'https://login.salesforce.com' },
      issuedAt: '2026-11-01T00:00:00.000Z',
      source: { sender: 'support@salesforce.com', subject: 'Your new Salesforce security token' },
      history: [],
    });
  });
  it('recognises a sandbox username and logs in at test.salesforce.com', () => {
    expect(newAccountFromCapture(capture(A, undefined, 'jane@acme.com.uat'), 'id', NOW)).toMatchObject({
      fields: { environment: 'sandbox', loginUrl: 'https://test.salesforce.com' },
      issuedAt: NOW,
    });
  });
});

describe('guessEnvironment', () => {
  it.each([
    ['jane@acme.com', 'production'],
    ['jane@acme.co.uk', 'production'],
    ['jane@mail.acme.de', 'production'],
    ['jane@acme.com.uat', 'sandbox'],
    ['jane@acme.org.fullcopy', 'sandbox'],
  ] as const)('%s is %s', (username, env) => expect(guessEnvironment(username)).toBe(env));
});

describe('applyCapture', () => {
  const base = newAccountFromCapture(capture(A, '2026-11-01T00:00:00.000Z'), 'id', NOW);

  it('makes a newer token current and moves the old one to the history', () => {
    const { account, outcome } = applyCapture(base, capture(B, '2026-11-20T00:00:00.000Z'), NOW);
    expect(outcome).toBe('updated');
    expect(account.fields.token).toBe(B);
    expect(account.history).toEqual([{ field: 'token', value: A, issuedAt: '2026-11-01T00:00:00.000Z', supersededAt: '2026-11-20T00:00:00.000Z' }]);
  });

  it('never lets an older email overwrite a newer token: it only joins the history', () => {
    const newer = applyCapture(base, capture(C, '2026-11-20T00:00:00.000Z'), NOW).account;
    const { account, outcome } = applyCapture(newer, capture(B, '2026-11-10T00:00:00.000Z'), NOW);
    expect(outcome).toBe('history');
    expect(account.fields.token).toBe(C);
    expect(account.history.map((h) => [h.value, h.supersededAt])).toEqual([
      [B, '2026-11-20T00:00:00.000Z'],
      [A, '2026-11-20T00:00:00.000Z'],
    ]);
  });

  it('records an older token as superseded by the next newer one it knows', () => {
    const newer = applyCapture(base, capture(C, '2026-11-20T00:00:00.000Z'), NOW).account;
    const { account } = applyCapture(newer, capture(B, '2026-10-01T00:00:00.000Z'), NOW);
    expect(account.history.find((h) => h.value === B)?.supersededAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('treats the current token and any history token as duplicates', () => {
    expect(applyCapture(base, capture(A, '2026-12-01T00:00:00.000Z'), NOW).outcome).toBe('duplicate');
    const newer = applyCapture(base, capture(B, '2026-11-20T00:00:00.000Z'), NOW).account;
    expect(applyCapture(newer, capture(A), NOW)).toEqual({ account: newer, outcome: 'duplicate' });
  });

  it('counts a capture without a date as issued now', () => {
    const { account } = applyCapture(base, capture(B), NOW);
    expect([account.fields.token, account.issuedAt]).toEqual([B, NOW]);
  });
});

describe('mergeAccount', () => {
  const withPassword = (a: ReturnType<typeof newAccountFromCapture>, password: string) => ({ ...a, fields: { ...a.fields, password } });
  const local = withPassword(newAccountFromCapture(capture(A, '2026-11-01T00:00:00.000Z'), 'local', NOW), 'local-pass');
  const incoming = { ...withPassword(newAccountFromCapture(capture(B, '2026-11-10T00:00:00.000Z'), 'other', NOW), 'backup-pass'), notes: 'from backup' };

  it('takes the newest token, keeps every other secret in the history, and fills only what is missing', () => {
    const { account, changed } = mergeAccount(local, incoming, NOW);
    expect(changed).toBe(true);
    expect(account).toMatchObject({ id: 'local', fields: { token: B, password: 'local-pass' }, notes: 'from backup' });
    expect(account.history).toEqual(
      expect.arrayContaining([
        { field: 'token', value: A, issuedAt: '2026-11-01T00:00:00.000Z', supersededAt: '2026-11-10T00:00:00.000Z' },
        // The other side's password was never seen here: nothing is lost, and the local one stays current.
        expect.objectContaining({ field: 'password', value: 'backup-pass' }),
      ]),
    );
    expect(account.history).toHaveLength(2);
  });

  it('changes nothing when the backup knows nothing new', () => {
    expect(mergeAccount(local, { ...local, id: 'x' }, NOW)).toEqual({ account: local, changed: false });
  });
});
