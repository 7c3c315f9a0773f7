import { describe, expect, it } from 'vitest';
import { detectTokenKind } from '../../utils/token-kind';

// Shapes as each vendor documents them; the values are made up.
const SAMPLES: Array<[string, string | undefined]> = [
  ['PVmuqFRxEP0LG40WUka5vPJjG', 'salesforce'],
  ['Lk4Ab7Cd0Ef3Gh6Ij9Kl2M', 'salesforce'],
  [`ghp_${'a1B2'.repeat(9)}`, 'github'],
  [`github_pat_11ABCDEFG0${'x'.repeat(20)}_${'Y'.repeat(59)}`, 'github'],
  ['xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'slack'],
  ['xoxp-1234-5678-90ab', 'slack'],
  [`sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, 'stripe'],
  [`rk_live_${'51H7aBcDeFgHiJkLmNoP'}`, 'stripe'],
  ['AKIAIOSFODNN7EXAMPLE', 'aws'],
  [`00${'a'.repeat(20)}-${'B'.repeat(19)}`, 'okta'],
  [`ATATT3xFfGF0${'T'.repeat(40)}=ABCD1234`, 'atlassian'],
  ['  PVmuqFRxEP0LG40WUka5vPJjG\n', 'salesforce'],
  // Not tokens: a word, a short code, an all-lowercase run, a token with a space.
  ['password', undefined],
  ['123456', undefined],
  ['abcdefghijklmnopqrstuvwxyz', undefined],
  ['PVmuqFRxEP0 LG40WUka5vPJjG', undefined],
];

describe('detectTokenKind', () => {
  it.each(SAMPLES)('%s -> %s', (value, kind) => {
    expect(detectTokenKind(value)).toBe(kind);
  });
  it('prefers the specific formats over the Salesforce shape they also fit', () => {
    // AKIA keys are 20 uppercase letters and digits, which is Salesforce-shaped too.
    expect(detectTokenKind('AKIAIOSFODNN7EXAMPLE')).toBe('aws');
  });
});
