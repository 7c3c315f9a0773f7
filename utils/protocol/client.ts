/**
 * The sending side of the protocol in `messages.ts`. Kept apart so the
 * content script ships the typed client without the validation schemas.
 */
import type { ErrorCode, Reply, Request, RequestType, ResponseMap } from './messages';

/** Thrown by the client when the background answers with an error. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode | 'no-reply',
    message: string,
  ) {
    super(message);
  }
}

export type Client = <K extends RequestType>(request: Extract<Request, { type: K }>) => Promise<ResponseMap[K]>;

/** A typed client over any transport (`browser.runtime.sendMessage` in the extension). */
export function createClient(send: (message: unknown) => Promise<unknown>): Client {
  return async (request) => {
    const reply = (await send(request)) as Reply<never> | undefined;
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new ProtocolError('no-reply', 'the background did not answer');
    if (!reply.ok) throw new ProtocolError(reply.error.code, reply.error.message);
    return reply.data;
  };
}
