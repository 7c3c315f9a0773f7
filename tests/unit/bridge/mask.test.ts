/** `tokenkeep run` conceals the secrets a child prints, as `op run` does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMasker, MASK } from '../../../utils/bridge/mask';

const maskAll = (secrets: string[], chunks: string[]) => {
  const m = createMasker(secrets);
  return chunks.map((c) => m.push(c)).join('') + m.end();
};

describe('masking', () => {
  it('conceals every secret in the output and leaves the rest as it was', () => {
    expect(maskAll(['Pa55-word!'], ['login with Pa55-word! and Pa55-word!\n'])).toBe(`login with ${MASK} and ${MASK}\n`);
    expect(maskAll(['Pa55-word!'], ['nothing secret here\n'])).toBe('nothing secret here\n');
  });

  it('finds a secret split across chunks, however it is split', () => {
    const secret = 'PVmuqFRxEP0LG40WUka5vPJjG';
    const text = `token=${secret};again=${secret}.`;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), text.length];
        const chunks = points.slice(1).map((to, i) => text.slice(points[i], to));
        expect(maskAll([secret], chunks)).toBe(`token=${MASK};again=${MASK}.`);
      }),
    );
  });

  it('masks the longer of two secrets that overlap, whole', () => {
    expect(maskAll(['abcd', 'abcdefgh'], ['xabcdefghx abcd'])).toBe(`x${MASK}x ${MASK}`);
  });

  it('leaves values too short to be secrets alone, so a log is still readable', () => {
    expect(maskAll(['1', 'ab'], ['1 ab 1'])).toBe('1 ab 1');
  });

  it('passes output through untouched when there is nothing to mask', () => {
    const m = createMasker([]);
    expect(m.push('a')).toBe('a');
    expect(m.end()).toBe('');
  });

  it('never lets a secret through, whatever the output and chunking', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 12 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 6 }), (secret, parts) => {
        fc.pre(!MASK.includes(secret));
        const out = maskAll([secret], parts.flatMap((p) => [p, secret]));
        expect(out.includes(secret)).toBe(false);
      }),
    );
  });
});
