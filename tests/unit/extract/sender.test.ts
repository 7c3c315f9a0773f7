import { describe, expect, it } from 'vitest';
import { addressDomain, findAddress, isSalesforceAddress } from '../../../utils/extract/sender';

describe('isSalesforceAddress', () => {
  it.each([
    'support@salesforce.com',
    'support@emea.salesforce.com',
    'noreply@na44.mail.salesforce.com',
    'SUPPORT@SalesForce.COM',
    '<support@salesforce.com>',
    'info@salesforcedevs.com',
  ])('accepts %s', (address) => expect(isSalesforceAddress(address)).toBe(true));

  it.each([
    ['lookalike domain', 'support@salesforce-security.com'],
    ['trusted name as a subdomain of another domain', 'support@salesforce.com.verify-login.io'],
    ['suffix without a dot boundary', 'support@evilsalesforce.com'],
    ['capital I standing in for l', 'support@saIesforce.com'],
    ['Cyrillic a', 'support@s\u0430lesforce.com'],
    ['Cyrillic e and o', 'support@salesf\u043erc\u0435.com'],
    ['Greek omicron', 'support@salesf\u03bfrce.com'],
    ['full-width letters', 'support@\uff53alesforce.com'],
    ['punycode lookalike', 'support@xn--slesforce-51a.com'],
    ['zero-width space inside', 'support@sales\u200bforce.com'],
    ['trailing dot trick', 'support@salesforce.com.'],
    ['two at signs', 'support@evil.com@salesforce.com'],
    ['empty', ''],
    ['display name only', 'Salesforce'],
    ['a subdomain of the Developer Edition domain (only the domain itself sends)', 'info@mail.salesforcedevs.com'],
    ['the Developer Edition domain as a subdomain of another', 'info@salesforcedevs.com.evil.io'],
    ['another Salesforce-sounding domain', 'info@salesforcedev.com'],
  ])('refuses %s', (_, address) => expect(isSalesforceAddress(address)).toBe(false));
});

describe('addressDomain', () => {
  it('lower-cases the domain of a clean address', () => expect(addressDomain('A@Example.ORG')).toBe('example.org'));
  it('refuses an address longer than SMTP allows', () => expect(addressDomain(`${'a'.repeat(250)}@x.com`)).toBeUndefined());
});

describe('findAddress', () => {
  it('pulls the address out of a From value', () => {
    expect(findAddress('Salesforce <support@emea.salesforce.com>')).toBe('support@emea.salesforce.com');
    expect(findAddress('support@salesforce.com')).toBe('support@salesforce.com');
    expect(findAddress('mailto:support@salesforce.com')).toBe('support@salesforce.com');
  });
  it('takes the bracketed mailbox over an address in the display name', () => {
    expect(findAddress('support@salesforce.com <mallory@evil.example>')).toBe('mallory@evil.example');
    expect(findAddress('"support@salesforce.com" < mallory@evil.example >')).toBe('mallory@evil.example');
  });
  it('refuses a value far longer than any From line (hostile text never reaches the regexes)', () => {
    expect(findAddress(`<${'@'.repeat(200_000)}>`)).toBeUndefined();
    expect(findAddress(`${'x'.repeat(600)} <support@salesforce.com>`)).toBeUndefined();
  });
  it('refuses ambiguous values', () => {
    expect(findAddress('support@salesforce.com mallory@evil.example')).toBeUndefined();
    expect(findAddress('<support@salesforce.com> <mallory@evil.example>')).toBeUndefined();
    expect(findAddress('Salesforce Support')).toBeUndefined();
  });
});
