/**
 * Sync's compression dictionaries (utils/sync/items.ts): what Salesforce
 * accounts repeat, kind names among it. They are here, with the kinds, since
 * they are words about the kinds; but they are wire format, frozen: every item
 * already synced was compressed against these exact bytes, and a change reads
 * them wrong. A new kind needs nothing here (its items compress a little
 * less); a better dictionary comes with a new FORMAT in items.ts, and
 * tests/unit/sync/items.test.ts pins the bytes of these.
 */

/** What every account repeats, shared by both layouts: field values, URLs and the token email's own words. */
const COMMON = [
  'Your new Salesforce security token',
  'salesforce.com security token confirmation',
  'support@salesforce.com',
  'noreply@salesforce.com',
  'info@salesforcedevs.com',
  '.my.salesforce.com',
  'https://login.salesforce.com',
  'https://test.salesforce.com',
  '.sandbox.my.salesforce.com',
  'force://PlatformCLI::',
  'otpauth://totp/',
  'production',
  'sandbox',
  'salesforce-oauth',
  'salesforce-jwt',
  'salesforce-sfdx-url',
  'salesforce',
  '-----BEGIN CERTIFICATE-----',
  '-----BEGIN PRIVATE KEY-----',
  '@gmail.com',
  '.uat',
];

/**
 * Dictionaries that let even a single small item compress: what accounts
 * share, then a packed Salesforce account's frame, last, since the nearest
 * matches cost the fewest bits. Changing one means a new FORMAT in items.ts.
 */
export const SYNC_DICTIONARIES: Readonly<Record<string, Uint8Array>> = {
  '1': new TextEncoder().encode(
    [
      ...COMMON,
      '[1,"',
      '",["salesforce",0,["',
      '","sandbox","https://test.salesforce.com"],0,["https://test.salesforce.com","https://',
      '","production","https://login.salesforce.com"],0,["https://login.salesforce.com","https://',
      '.my.salesforce.com"],[[2,"',
      '],[2,"',
    ].join('\n'),
  ),
  '2': new TextEncoder().encode(
    [
      ...COMMON,
      '"clientId":"3MVG9',
      '"clientSecret":"',
      '"privateKey":"',
      '"refreshToken":"',
      '"sfdxUrl":"force://',
      '"totp":"',
      '"loginUrl":"https://',
      '"password":"',
      '"token":"',
      '[2,"',
      '",["salesforce","',
      '",{"username":"',
      '","environment":"sandbox","loginUrl":"https://test.salesforce.com"},["https://test.salesforce.com","https://',
      '","environment":"production","loginUrl":"https://login.salesforce.com"},["https://login.salesforce.com","https://',
      '.my.salesforce.com"],[["token","',
    ].join('\n'),
  ),
};
