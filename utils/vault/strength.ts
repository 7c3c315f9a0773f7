/**
 * A rough strength hint for a new passphrase: an entropy estimate from its
 * length and the kinds of characters in it, discounted for repeats and
 * runs. Only a hint; the hard rule is the minimum length.
 */
export type Strength = 'too-short' | 'weak' | 'fair' | 'good' | 'strong';

export function estimateBits(passphrase: string): number {
  const chars = [...passphrase.normalize('NFC')];
  let pool = 0;
  if (chars.some((c) => /[a-z]/.test(c))) pool += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) pool += 26;
  if (chars.some((c) => /[0-9]/.test(c))) pool += 10;
  if (chars.some((c) => /[^A-Za-z0-9]/.test(c) && c.charCodeAt(0) < 128)) pool += 33;
  if (chars.some((c) => c.charCodeAt(0) >= 128)) pool += 100;
  // Repeated or sequential characters add almost nothing: count them as a quarter.
  let effective = 0;
  for (let i = 0; i < chars.length; i++) {
    const prev = chars[i - 1]?.codePointAt(0);
    const cur = chars[i]!.codePointAt(0)!;
    effective += prev !== undefined && Math.abs(cur - prev) <= 1 ? 0.25 : 1;
  }
  return Math.round(effective * Math.log2(Math.max(pool, 1)));
}

export function strengthOf(passphrase: string, minLength: number): Strength {
  if ([...passphrase.normalize('NFC')].length < minLength) return 'too-short';
  const bits = estimateBits(passphrase);
  return bits < 45 ? 'weak' : bits < 65 ? 'fair' : bits < 90 ? 'good' : 'strong';
}

export const STRENGTH_HINTS: Record<Strength, string> = {
  'too-short': 'Too short.',
  weak: 'Weak: easy to guess. Add more words.',
  fair: 'Fair. A few more words would make it strong.',
  good: 'Good.',
  strong: 'Strong.',
};
