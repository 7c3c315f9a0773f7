/**
 * The one way Tokenkeep talks to a server about a live credential: no
 * cookies, no cache, no redirect followed (a redirect is refused, so a
 * token never travels to a host it was not meant for), and an answer over
 * 64 KB refused unread. `fetch` comes in as a parameter: the background
 * passes the browser's, the tests Node's against a stand-in over TLS.
 */
import { AppError } from '../common/errors';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Salesforce's token, identity and frontdoor answers are a few hundred bytes; nothing it should send comes near this. */
export const RESPONSE_LIMIT = 64 * 1024;

export interface Answer {
  status: number;
  /** The body as text, at most RESPONSE_LIMIT bytes. */
  text: string;
}

/** A URL's host, for a message; one that is not a URL is said so (a server's answer may name anything). */
export const hostOf = (value: string) => (URL.canParse(value) ? new URL(value).host : 'an address that is not a URL');

/** Reads at most `limit` bytes of the body; more is refused, and the rest is never read. */
async function readLimited(response: Response, limit: number, host: string): Promise<string> {
  const tooBig = () => new AppError('remote', `${host} sent an answer larger than Tokenkeep reads (64 KB): it was refused.`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooBig();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooBig();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** One request; its status and text, or an AppError that says what went wrong in words (never the request's secrets). */
export async function call(fetcher: Fetch, url: string, init: RequestInit): Promise<Answer> {
  const host = hostOf(url);
  let response: Response;
  try {
    response = await fetcher(url, { ...init, redirect: 'manual', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch (err) {
    // The browser's own refusal (a host not allowed yet) is said as it is.
    if (err instanceof AppError) throw err;
    throw new AppError('remote', `Tokenkeep could not reach ${host}: check the address and your connection.`);
  }
  // A browser shows a redirect it did not follow as an opaque one; Node as the 3xx itself.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    throw new AppError('remote', `${host} answered with a redirect, which Tokenkeep does not follow: nothing was sent on.`);
  }
  return { status: response.status, text: await readLimited(response, RESPONSE_LIMIT, host) };
}

/** A form POST: the secrets in the body, never in the URL. */
export const postForm = (fetcher: Fetch, url: string, form: Record<string, string>) =>
  call(fetcher, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });

/** JSON from text, or undefined: a server's answer is never trusted to be what it says. */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
