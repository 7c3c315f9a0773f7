/** The Salesforce OAuth (client credentials) kind. */
import { describe, expect, it } from 'vitest';
import { checkFields } from '../../../utils/kinds/check';
import { kind, text } from './helpers';

describe('salesforce-oauth', () => {
  const app = { clientId: '3MVG9abcDEF_ghi.JKL', clientSecret: 'S3cr3t$ecret', myDomain: 'https://acme.my.salesforce.com' };
  it('writes the client credentials request, and the configs jsforce and simple-salesforce take', async () => {
    expect(await text('salesforce-oauth', 'curl-client-credentials', app)).toBe(
      [
        'curl -sS -X POST https://acme.my.salesforce.com/services/oauth2/token',
        '  -d grant_type=client_credentials',
        '  --data-urlencode client_id=3MVG9abcDEF_ghi.JKL',
        "  --data-urlencode client_secret='S3cr3t$ecret'",
      ].join(' \\\n'),
    );
    expect(JSON.parse((await text('salesforce-oauth', 'jsforce', app))!)).toEqual({
      oauth2: { clientId: app.clientId, clientSecret: app.clientSecret, loginUrl: app.myDomain },
    });
    expect(JSON.parse((await text('salesforce-oauth', 'simple-salesforce', app))!)).toEqual({
      consumer_key: app.clientId,
      consumer_secret: app.clientSecret,
      domain: 'acme.my',
    });
    expect(await text('salesforce-oauth', 'env', app)).toBe(
      "export SF_CLIENT_ID=3MVG9abcDEF_ghi.JKL\nexport SF_CLIENT_SECRET='S3cr3t$ecret'\nexport SF_MY_DOMAIN_URL=https://acme.my.salesforce.com",
    );
  });
  it('takes only a My Domain URL, and fills only consumer key and secret', async () => {
    await expect(checkFields(kind('salesforce-oauth'), { ...app, myDomain: 'https://login.salesforce.com' })).rejects.toThrow(/my\.salesforce\.com/);
    await expect(checkFields(kind('salesforce-oauth'), { ...app, myDomain: 'https://acme.my.salesforce.com/path/' })).resolves.toMatchObject({
      myDomain: 'https://acme.my.salesforce.com',
    });
    expect(kind('salesforce-oauth').fill).toEqual({ clientId: 'clientId', clientSecret: 'clientSecret' });
  });
});
