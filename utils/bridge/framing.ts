/**
 * Native messaging's framing: each message is UTF-8 JSON after its length,
 * a 32-bit unsigned integer in little-endian order (the byte order of every
 * machine the browsers run on). The host speaks it to the browser on stdio,
 * and the CLI speaks the same to the host on its socket, so one reader and
 * one writer serve both. Pure: bytes in, values out.
 */

/** A frame the reader refuses; the connection it came on is closed, since what follows cannot be trusted to start a frame. */
export class FrameError extends Error {
  constructor(
    readonly reason: 'too-large' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

const HEADER = 4;

export function encodeFrame(value: unknown, limit = Infinity): Uint8Array {
  const body = new TextEncoder().encode(JSON.stringify(value));
  if (body.length > limit) throw new FrameError('too-large', `The message is ${body.length} bytes, over the ${limit}-byte limit.`);
  const frame = new Uint8Array(HEADER + body.length);
  new DataView(frame.buffer).setUint32(0, body.length, true);
  frame.set(body, HEADER);
  return frame;
}

/**
 * Collects chunks as they arrive and hands back each whole message. A length
 * over `limit` is refused as soon as its header is read, before any of the
 * body is buffered.
 */
export function createFrameReader(limit: number) {
  let buffer = new Uint8Array(0);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return {
    push(chunk: Uint8Array): unknown[] {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      const messages: unknown[] = [];
      while (buffer.length >= HEADER) {
        const length = new DataView(buffer.buffer, buffer.byteOffset).getUint32(0, true);
        if (length > limit) throw new FrameError('too-large', `A message of ${length} bytes is over the ${limit}-byte limit.`);
        if (buffer.length < HEADER + length) break;
        const body = buffer.subarray(HEADER, HEADER + length);
        buffer = buffer.slice(HEADER + length);
        try {
          messages.push(JSON.parse(decoder.decode(body)));
        } catch {
          throw new FrameError('malformed', 'A message is not UTF-8 JSON.');
        }
      }
      return messages;
    },
    /** Bytes of a frame not yet complete: when the stream ends with some, the last message was cut off. */
    get pending() {
      return buffer.length;
    },
  };
}

export type FrameReader = ReturnType<typeof createFrameReader>;
