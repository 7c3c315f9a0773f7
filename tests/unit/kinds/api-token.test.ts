/** The API-token kinds (GitHub, Slack, Stripe, Okta, Atlassian, AWS): their headers and their tokens' shapes. */
import { describe, expect, it } from 'vitest';
import { formatOf } from '../../../utils/kinds';
import { kind, text } from './helpers';

describe('API-token kinds', () => {
  it('give the Authorization header each API expects', async () => {
    expect(await text('github', 'auth-header', { token: 'ghp_abc' })).toBe('Authorization: Bearer ghp_abc');
    expect(await text('slack', 'auth-header', { token: 'xoxb-1-2' })).toBe('Authorization: Bearer xoxb-1-2');
    expect(await text('stripe', 'auth-header', { token: 'sk_live_x' })).toBe('Authorization: Bearer sk_live_x');
    expect(await text('okta', 'auth-header', { token: '00abc' })).toBe('Authorization: SSWS 00abc');
    expect(await text('atlassian', 'auth-header', { username: 'jané@acme.com', token: 'ATATT3x' })).toBe(
      `Authorization: Basic ${Buffer.from('jané@acme.com:ATATT3x', 'utf8').toString('base64')}`,
    );
  });
  it('need the email for an Atlassian header, and have no header for Salesforce or AWS', async () => {
    expect(await text('atlassian', 'auth-header', { token: 'ATATT3x' })).toBeUndefined();
    expect(formatOf(kind('salesforce'), 'auth-header')).toBeUndefined();
    expect(formatOf(kind('aws'), 'auth-header')).toBeUndefined();
  });
  it('write AWS credentials as the env variables the AWS tools read', async () => {
    expect(await text('aws', 'env', { token: 'AKIAIOSFODNN7EXAMPLE', password: 'wJalr/K7MDENG+bPxRfiCY' })).toBe(
      'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalr/K7MDENG+bPxRfiCY',
    );
  });
});
