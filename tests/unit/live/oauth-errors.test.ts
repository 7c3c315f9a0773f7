/** Salesforce's OAuth errors in words that say what to do, and the hosts a token may go to. */
import { describe, expect, it } from 'vitest';
import { isSalesforceUrl } from '../../../utils/kinds/salesforce-live';
import { oauthErrorSentence } from '../../../utils/live/oauth-errors';

describe('oauthErrorSentence', () => {
  it.each([
    ['invalid_client_id', 'client identifier invalid', 'refresh token', 'does not know this consumer key'],
    ['invalid_client', 'invalid client credentials', 'client credentials', 'refused the consumer key or secret'],
    ['invalid_grant', 'expired access/refresh token', 'refresh token', 'The refresh token was revoked or has expired'],
    ['invalid_grant', 'user hasn’t approved this consumer', 'JWT bearer', 'not approved for the app'],
    ['invalid_grant', 'ip restricted or invalid login hours', 'refresh token', 'IP ranges or login hours'],
    ['invalid_grant', 'audience is invalid', 'JWT bearer', 'https://test.salesforce.com as the login URL for a sandbox'],
    ['invalid_grant', 'request not supported on this domain', 'client credentials', 'only at the org’s own My Domain'],
    ['invalid_grant', 'no client credentials user enabled', 'client credentials', 'no Run As user'],
    ['unsupported_grant_type', 'grant type not supported', 'client credentials', 'turn on “Enable Client Credentials Flow”'],
    ['invalid_app_access', 'user is not admin approved to access this app', 'JWT bearer', 'may not use the app'],
  ])('%s (%s) says what to do', (error, description, grant, words) => {
    const sentence = oauthErrorSentence(error, description, grant);
    expect(sentence).toContain(words);
    expect(sentence.endsWith(`(${error})`)).toBe(true);
  });

  it('shows a server’s own words only for a cause it does not know, cut short and without control characters', () => {
    const sentence = oauthErrorSentence('invalid_grant', `weird\u202e\u0007 ${'x'.repeat(500)}`, 'refresh token');
    expect(sentence).toMatch(/^Salesforce refused the refresh token: “weird {3}x+”\. \(invalid_grant\)$/);
    expect(sentence.length).toBeLessThan(300);
  });
});

describe('isSalesforceUrl', () => {
  it.each([
    ['https://acme.my.salesforce.com', true],
    ['https://login.salesforce.com/id/00D/005', true],
    ['https://acme.lightning.force.com', true],
    ['https://acme.my.salesforce-setup.com', true],
    ['https://na1.cloudforce.com', true],
    ['https://acme.my.salesforce.mil', true],
    ['https://acme.my.sfcrmproducts.cn', true],
    ['http://acme.my.salesforce.com', false],
    ['https://acme.my.salesforce.com:8443', false],
    ['https://user:pw@acme.my.salesforce.com', false],
    ['https://salesforce.com.evil.io', false],
    ['https://evilsalesforce.com', false],
    ['https://salesforce.com', false],
    ['not a url', false],
  ])('%s: %s', (url, trusted) => expect(isSalesforceUrl(url)).toBe(trusted));
});
