/** The registry's recognition of a pasted value: which kind it is, the loose ones last. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recognise } from '../../../utils/kinds';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/kinds/${name}`, import.meta.url), 'utf8');

describe('recognising a pasted value', () => {
  const SAMPLES: Array<[string, string | undefined]> = [
    ['PVmuqFRxEP0LG40WUka5vPJjG', 'salesforce'],
    ['Lk4Ab7Cd0Ef3Gh6Ij9Kl2M', 'salesforce'],
    [`ghp_${'a1B2'.repeat(9)}`, 'github'],
    [`github_pat_11ABCDEFG0${'x'.repeat(20)}_${'Y'.repeat(59)}`, 'github'],
    ['xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'slack'],
    [`sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, 'stripe'],
    ['AKIAIOSFODNN7EXAMPLE', 'aws'],
    [`00${'a'.repeat(20)}-${'B'.repeat(19)}`, 'okta'],
    [`ATATT3xFfGF0${'T'.repeat(40)}=ABCD1234`, 'atlassian'],
    ['  PVmuqFRxEP0LG40WUka5vPJjG\n', 'salesforce'],
    ['force://PlatformCLI::5Aep861abc@acme.my.salesforce.com', 'salesforce-sfdx-url'],
    ['otpauth://totp/Salesforce:jane%40acme.com?secret=JBSWY3DPEHPK3PXP&issuer=Salesforce', 'salesforce'],
    [fixture('jwt-key.pem'), 'salesforce-jwt'],
    ['password', undefined],
    ['123456', undefined],
    ['abcdefghijklmnopqrstuvwxyz', undefined],
    ['PVmuqFRxEP0 LG40WUka5vPJjG', undefined],
  ];
  it.each(SAMPLES)('%s -> %s', (value, name) => {
    expect(recognise(value)?.kind.name).toBe(name);
  });
  it('reads the account out of an otpauth link as the username', () => {
    expect(recognise('otpauth://totp/Salesforce:jane%40acme.com?secret=JBSWY3DPEHPK3PXP&issuer=Salesforce')!.fields).toMatchObject({
      username: 'jane@acme.com',
    });
  });
  it('leaves a paste larger than any credential alone', () => {
    expect(recognise('x'.repeat(70 * 1024))).toBeUndefined();
  });
});
