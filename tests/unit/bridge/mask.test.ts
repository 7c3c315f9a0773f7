/** `tokenkeep run` conceals the secrets a child prints, as `op run` does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMasker, MASK, type Part, type Stream } from '../../../utils/bridge/mask';

/** The output as a terminal shows it (both streams in arrival order), and each stream apart. */
function maskAll(secrets: string[], chunks: Array<string | [Stream, string]>) {
  const m = createMasker(secrets);
  const parts: Part[] = [...chunks.flatMap((c) => (typeof c === 'string' ? m.push('out', c) : m.push(c[0], c[1]))), ...m.end()];
  return {
    shown: parts.map((p) => p.text).join(''),
    out: parts
      .filter((p) => p.stream === 'out')
      .map((p) => p.text)
      .join(''),
    err: parts
      .filter((p) => p.stream === 'err')
      .map((p) => p.text)
      .join(''),
  };
}
const shown = (secrets: string[], chunks: Array<string | [Stream, string]>) => maskAll(secrets, chunks).shown;

describe('masking', () => {
  it('conceals every secret in the output and leaves the rest as it was', () => {
    expect(shown(['Pa55-word!'], ['login with Pa55-word! and Pa55-word!\n'])).toBe(`login with ${MASK} and ${MASK}\n`);
    expect(shown(['Pa55-word!'], ['nothing secret here\n'])).toBe('nothing secret here\n');
  });

  it('finds a secret split across chunks, however it is split', () => {
    const secret = 'PVmuqFRxEP0LG40WUka5vPJjG';
    const text = `token=${secret};again=${secret}.`;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), text.length];
        const chunks = points.slice(1).map((to, i) => text.slice(points[i], to));
        expect(shown([secret], chunks)).toBe(`token=${MASK};again=${MASK}.`);
      }),
    );
  });

  it('finds a secret printed half to stdout and half to stderr, which a terminal shows as one, and keeps each stream’s own text on it', () => {
    const {
      shown: all,
      out,
      err,
    } = maskAll(
      ['PVmuqFRxEP0LG40WUka5vPJjG'],
      [
        ['out', 'token: PVmuqFRxEP0'],
        ['err', 'LG40WUka5vPJjG'],
        ['err', ' (warning)\n'],
        ['out', 'done\n'],
      ],
    );
    expect(all).toBe(`token: ${MASK} (warning)\ndone\n`);
    expect(out).toBe(`token: ${MASK}done\n`);
    expect(err).toBe(' (warning)\n');
  });

  it('conceals the forms programs print a secret in: base64 inside Basic auth, URL encoding and JSON escaping', () => {
    const secret = 'Pa55 w/rd+"x"';
    for (const user of ['integration@acme.com', 'a', 'ab', 'abc']) {
      const header = `> Authorization: Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}\n`;
      expect(shown([secret], [header]), user).not.toMatch(new RegExp(Buffer.from(secret).toString('base64').slice(0, 8).replace(/[+/]/g, '\\$&')));
      expect(shown([secret], [header]), user).toContain(MASK);
    }
    expect(shown([secret], [`GET /login?password=${encodeURIComponent(secret)}\n`])).toBe(`GET /login?password=${MASK}\n`);
    expect(shown([secret], [`body: password=${new URLSearchParams({ p: secret }).toString().slice(2)}\n`])).toBe(`body: password=${MASK}\n`);
    expect(shown([secret], [`{"password":${JSON.stringify(secret)}}\n`])).toBe(`{"password":"${MASK}"}\n`);
  });

  it('masks the longer of two secrets that overlap, whole', () => {
    expect(shown(['abcd', 'abcdefgh'], ['xabcdefghx abcd'])).toBe(`x${MASK}x ${MASK}`);
  });

  it('leaves values too short to be secrets alone, so a log is still readable', () => {
    expect(shown(['1', 'ab'], ['1 ab 1'])).toBe('1 ab 1');
  });

  it('passes output through untouched when there is nothing to mask', () => {
    const m = createMasker([]);
    expect(m.push('out', 'a')).toEqual([{ stream: 'out', text: 'a' }]);
    expect(m.end()).toEqual([]);
  });

  it('never lets a secret through, whatever the output, the chunking and the stream of each chunk', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 12 }),
        fc.array(fc.tuple(fc.constantFrom<Stream>('out', 'err'), fc.string({ maxLength: 20 })), { maxLength: 6 }),
        (secret, parts) => {
          fc.pre(!MASK.includes(secret));
          const out = shown(
            [secret],
            parts.flatMap(([stream, text]) => [[stream, text] as [Stream, string], [stream, secret] as [Stream, string]]),
          );
          expect(out.includes(secret)).toBe(false);
        },
      ),
    );
  });
});
