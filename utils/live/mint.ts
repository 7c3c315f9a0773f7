/**
 * Minting: a kind's grant posted to its token endpoint, and the answer read
 * as Salesforce documents it, trusting nothing in it. The endpoint must be
 * one the kind trusts before its secret is sent; the answer's instance_url
 * and identity URL must be too before the token is kept, so a token is
 * never sent to a host the answer made up.
 */
import * as v from 'valibot';
import { AppError } from '../common/errors';
import type { Fields, Kind, LiveToken, Minting } from '../kinds/types';
import { hostOf, jsonOf, postForm, type Answer, type Fetch } from './http';
import { oauthErrorSentence } from './oauth-errors';

/** A minted token as Tokenkeep keeps it in memory. */
export interface Minted extends LiveToken {
  /** The identity URL: "Check" reads who the token is for there. */
  idUrl: string;
  /** Milliseconds since the epoch. */
  mintedAt: number;
  expiresAt: number;
}

const url = v.pipe(v.string(), v.maxLength(2048));
const TokenReplySchema = v.object({
  access_token: v.pipe(v.string(), v.minLength(1), v.maxLength(8192), v.regex(/^[\x21-\x7e]+$/, 'not a token')),
  instance_url: url,
  id: url,
  token_type: v.optional(v.string()),
  // Seconds; Salesforce sends none for its session tokens, other servers may.
  expires_in: v.optional(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number))])),
});
const ErrorReplySchema = v.object({ error: v.pipe(v.string(), v.maxLength(200)), error_description: v.optional(v.pipe(v.string(), v.maxLength(4096))) });

/** Refuses an endpoint the kind does not trust: its secret is never sent there. */
export function checkEndpoint(mint: Minting, endpoint: string): void {
  if (!mint.trusts(endpoint))
    throw new AppError('bad-request', `Tokenkeep sends this secret only to Salesforce over https: ${hostOf(endpoint)} is not one of Salesforce’s hosts.`);
}

/** The token endpoint's answer as a Minted token, or an AppError that says what went wrong and what to do. */
export function readTokenReply(answer: Answer, mint: Minting, endpoint: string, now: number): Minted {
  const body = jsonOf(answer.text);
  const ok = answer.status === 200 ? v.safeParse(TokenReplySchema, body) : undefined;
  if (ok?.success) {
    const { access_token, instance_url, id, expires_in } = ok.output;
    for (const [what, value] of [
      ['org', instance_url],
      ['identity URL', id],
    ] as const) {
      if (!mint.trusts(value))
        throw new AppError(
          'remote',
          `The token answer from ${hostOf(endpoint)} named ${hostOf(value)} as the ${what}, which is not one of Salesforce’s hosts over https: Tokenkeep refused it, and sent the token nowhere.`,
        );
    }
    const lifetime = expires_in && expires_in > 0 ? Math.min(expires_in * 1000, mint.lifetimeMinutes * 60_000) : mint.lifetimeMinutes * 60_000;
    return { accessToken: access_token, instanceUrl: new URL(instance_url).origin, idUrl: id, mintedAt: now, expiresAt: now + lifetime };
  }
  const failed = v.safeParse(ErrorReplySchema, body);
  if (failed.success) throw new AppError('remote', oauthErrorSentence(failed.output.error, failed.output.error_description ?? '', mint.grant));
  throw new AppError(
    'remote',
    `${hostOf(endpoint)} answered the token request in a way Tokenkeep cannot read (HTTP ${answer.status}): is it a Salesforce token endpoint?`,
  );
}

/** Mints a token for an account's fields with the kind's grant. */
export async function mintToken(kind: Kind, fields: Fields, { fetch, now }: { fetch: Fetch; now: () => number }): Promise<Minted> {
  const mint = kind.mint;
  if (!mint) throw new AppError('bad-request', `A ${kind.title} account cannot make an access token.`);
  const missing = mint.needs.filter((f) => !fields[f]);
  if (missing.length) throw new AppError('bad-request', `It lacks what an access token is made from: ${missing.join(', ')}.`);
  const endpoint = mint.endpoint(fields);
  checkEndpoint(mint, endpoint);
  const form = await mint.form(fields, { now: now() });
  return readTokenReply(await postForm(fetch, endpoint, form), mint, endpoint, now());
}

/** What a token was minted from: a digest of the kind, the fields its grant needs and its secrets, so an edited account never reuses an old token. */
export async function mintedFrom(kind: Kind, fields: Fields): Promise<string> {
  const names = [...new Set([...(kind.mint?.needs ?? []), ...kind.fields.filter((f) => f.secret).map((f) => f.name)])].sort();
  const data = new TextEncoder().encode(JSON.stringify([kind.name, ...names.map((f) => fields[f] ?? '')]));
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', data)), (b) => b.toString(16).padStart(2, '0')).join('');
}
