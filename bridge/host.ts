/**
 * The native-messaging host. The browser starts it when the terminal bridge is
 * on and speaks to it on stdio; it listens on a per-user socket for the
 * `tokenkeep` CLI and relays each request, checked, to the browser, and the
 * answer back. It keeps no state beyond the open connections, writes nothing
 * but its socket, and logs no value: what it writes to stderr (the browser's
 * log) names events only.
 */
import net from 'node:net';
import { unlink } from 'node:fs/promises';
import { createFrameReader, encodeFrame, FrameError } from '../utils/bridge/framing';
import { BrowserMessageSchema, parseTerminalRequest, REPLY_LIMIT, REQUEST_LIMIT } from '../utils/bridge/protocol';
import * as v from 'valibot';
import { currentPlace, socketPath } from './paths';
import { privateDir } from './socket-dir';

const log = (message: string) => process.stderr.write(`tokenkeep host: ${message}\n`);

/** Retry taking the socket this often while another browser's host holds it. */
const RETRY_MS = 2000;

const socket = socketPath(currentPlace());
const waiting = new Map<number, net.Socket>();
let nextId = 1;

const toBrowser = (message: unknown) => process.stdout.write(encodeFrame(message));
let status: { status: 'listening' | 'waiting' | 'failed'; message?: string } | undefined;
// An open native port keeps Chrome's service worker and Firefox's event page awake (the Firefox e2e test checks it), so nothing needs repeating.
const report = (next: NonNullable<typeof status>) => toBrowser((status = next));
const refuse = (conn: net.Socket, code: string, message: string) => conn.end(encodeFrame({ ok: false, error: { code, message } }));
function answer(conn: net.Socket, reply: unknown) {
  try {
    conn.end(encodeFrame(reply, REPLY_LIMIT));
  } catch {
    refuse(conn, 'bad-reply', `The answer is over the ${REPLY_LIMIT}-byte limit.`);
  }
}

function serve(conn: net.Socket) {
  const reader = createFrameReader(REQUEST_LIMIT);
  let id = 0;
  conn.on('data', (chunk) => {
    if (id) return; // One request per connection; anything after it is ignored.
    let messages: unknown[];
    try {
      messages = reader.push(chunk);
    } catch (err) {
      const message =
        err instanceof FrameError && err.reason === 'too-large'
          ? `The request is over the ${REQUEST_LIMIT}-byte limit.`
          : 'The request is not a framed JSON message.';
      refuse(conn, 'bad-request', message);
      return;
    }
    if (!messages.length) return;
    const parsed = parseTerminalRequest(messages[0]);
    if (!parsed.ok) return answer(conn, parsed);
    id = nextId++;
    waiting.set(id, conn);
    toBrowser({ id, request: parsed.request });
  });
  conn.on('close', () => waiting.delete(id));
  conn.on('error', () => waiting.delete(id));
}

const server = net.createServer(serve);
let closing = false;

/** Whether a host answers on the socket: another browser's, which keeps it while it runs. */
const answered = () =>
  new Promise<boolean>((resolve) => {
    const probe = net.connect(socket);
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });

function bind(): Promise<void> {
  const mask = process.umask(0o177);
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => (server.off('error', reject), resolve()));
  }).finally(() => process.umask(mask));
}

async function listen(): Promise<void> {
  if (closing) return;
  await privateDir(socket);
  try {
    await bind();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    if (await answered()) {
      // Another browser's host answers the terminal; this one takes over when it goes.
      if (status?.status !== 'waiting') report({ status: 'waiting' });
      setTimeout(() => void listen().catch(fail), RETRY_MS).unref();
      return;
    }
    // Nothing answers: the socket of a host that did not close. Only a socket that refused us is removed.
    await unlink(socket).catch(() => undefined);
    await bind();
  }
  report({ status: 'listening' });
  log('listening');
}

function fail(err: unknown) {
  const message = err instanceof Error ? err.message : 'unknown error';
  log(`cannot listen: ${message}`);
  report({ status: 'failed', message });
}

function close() {
  if (closing) return;
  closing = true;
  for (const conn of waiting.values()) refuse(conn, 'unavailable', 'The browser closed Tokenkeep before it answered.');
  // Closing the server removes its socket (Node unlinks it at once); while waiting, the path is another host's.
  if (server.listening) server.close();
  // Lets the refusals above reach their CLIs, then goes.
  setTimeout(() => process.exit(0), 500).unref();
  process.stdin.destroy();
}

const fromBrowser = createFrameReader(REPLY_LIMIT);
process.stdin.on('data', (chunk) => {
  let messages: unknown[];
  try {
    messages = fromBrowser.push(chunk);
  } catch {
    log('the browser sent a frame that cannot be read; closing');
    return close();
  }
  for (const message of messages) {
    const parsed = v.safeParse(BrowserMessageSchema, message);
    if (!parsed.success) {
      log('ignored a message from the browser that is not an answer');
      continue;
    }
    const conn = waiting.get(parsed.output.id);
    waiting.delete(parsed.output.id);
    if (conn) answer(conn, parsed.output.reply);
  }
});
// The browser closes stdin when it lets go of the port (the bridge turned off, the browser closing).
process.stdin.on('end', () => close());
process.on('SIGTERM', () => close());
process.on('SIGINT', () => close());

void listen().catch(fail);
