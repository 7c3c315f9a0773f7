/** The CLI's side of the socket: one request, one checked answer, or a clear reason there is none. */
import net from 'node:net';
import { createFrameReader, encodeFrame, FrameError } from '../utils/bridge/framing';
import { readReply, REPLY_LIMIT, REQUEST_LIMIT, type TerminalReply, type TerminalRequest } from '../utils/bridge/protocol';

// The CLI cannot tell "off" from "just turned on": Chrome starts the bridge with Tokenkeep's background, up to a minute or two later.
export const NOT_RUNNING =
  'Tokenkeep’s bridge is not running. If you have just turned on “Let the tokenkeep command ask for accounts”, it is starting: try again in a minute (the options page says On once it runs). Otherwise, in the browser, open Tokenkeep’s options and turn it on (run tokenkeep install first), and keep the browser open.';

/** Longer than the browser waits for an answer in its window, so the browser's own reason arrives first. */
export const ANSWER_MS = 3 * 60_000;

export function ask<R extends TerminalRequest>(socket: string, request: R, timeoutMs = ANSWER_MS): Promise<TerminalReply<R['type']>> {
  const fail = (code: string, message: string): TerminalReply<R['type']> => ({ ok: false, error: { code, message } });
  return new Promise((resolve) => {
    let done = false;
    const finish = (reply: TerminalReply<R['type']>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      conn.destroy();
      resolve(reply);
    };
    const timer = setTimeout(() => finish(fail('timeout', 'No answer came from the browser in time.')), timeoutMs);
    const reader = createFrameReader(REPLY_LIMIT);
    const conn = net.connect(socket, () => {
      try {
        conn.write(encodeFrame(request, REQUEST_LIMIT));
      } catch (err) {
        finish(fail('bad-request', err instanceof FrameError ? `The request is too large: ${err.message}` : 'The request cannot be sent.'));
      }
    });
    conn.on('data', (chunk) => {
      try {
        const [message] = reader.push(chunk);
        if (message !== undefined) finish(readReply(request.type as R['type'], message));
      } catch (err) {
        finish(
          fail('bad-reply', err instanceof FrameError && err.reason === 'too-large' ? 'The answer was over the size limit.' : 'The answer could not be read.'),
        );
      }
    });
    conn.on('error', (err: NodeJS.ErrnoException) => {
      const absent = err.code === 'ENOENT' || err.code === 'ECONNREFUSED';
      finish(fail('unavailable', absent ? NOT_RUNNING : `Cannot reach Tokenkeep’s bridge: ${err.code ?? err.message}.`));
    });
    conn.on('close', () => finish(fail('unavailable', 'The bridge closed the connection before the browser answered.')));
  });
}
