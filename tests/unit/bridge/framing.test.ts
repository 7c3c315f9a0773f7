/** Native messaging's framing, as the host speaks it to the browser and the CLI to the host. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFrameReader, encodeFrame, FrameError } from '../../../utils/bridge/framing';

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

describe('framing', () => {
  it('puts the UTF-8 length first, as a little-endian 32-bit number, as browsers read it', () => {
    const frame = encodeFrame({ text: 'é' });
    const body = new TextEncoder().encode('{"text":"é"}');
    expect([...frame.slice(0, 4)]).toEqual([body.length, 0, 0, 0]);
    expect(new TextDecoder().decode(frame.slice(4))).toBe('{"text":"é"}');
  });

  it('hands back each message whole, however the stream splits or joins them', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 10 }), (values, cuts) => {
        const stream = concat(...values.map((v) => encodeFrame(v)));
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
        const reader = createFrameReader(1 << 20);
        const got: unknown[] = [];
        let from = 0;
        for (const to of [...points, stream.length]) {
          got.push(...reader.push(stream.slice(from, to)));
          from = to;
        }
        expect(got).toEqual(values.map((v) => JSON.parse(JSON.stringify(v))));
        expect(reader.pending).toBe(0);
      }),
    );
  });

  it('refuses a frame over the limit from its header alone, before its body arrives', () => {
    const reader = createFrameReader(1024);
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, 1025, true);
    expect(() => reader.push(header)).toThrow(expect.objectContaining({ reason: 'too-large' }));
    expect(() => encodeFrame('x'.repeat(2000), 1024)).toThrow(FrameError);
  });

  it('refuses a body that is not UTF-8 JSON', () => {
    const body = new TextEncoder().encode('{not json');
    const frame = concat(new Uint8Array([body.length, 0, 0, 0]), body);
    expect(() => createFrameReader(1024).push(frame)).toThrow(expect.objectContaining({ reason: 'malformed' }));
    const badUtf8 = concat(new Uint8Array([2, 0, 0, 0]), new Uint8Array([0xc3, 0x28]));
    expect(() => createFrameReader(1024).push(badUtf8)).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });

  it('keeps a cut-off frame pending, so a stream that ends there is known to be cut', () => {
    const frame = encodeFrame({ a: 1 });
    const reader = createFrameReader(1024);
    expect(reader.push(frame.slice(0, 6))).toEqual([]);
    expect(reader.pending).toBe(6);
  });
});
