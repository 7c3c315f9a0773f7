/**
 * What Tokenkeep does in an org with a live token: asks Salesforce for a
 * single-use frontdoor URL (what `sf org open` opens), and reads the
 * identity URL (who the token is for). The token goes in the Authorization
 * header, never in a URL; every URL in an answer is checked before use.
 */
import * as v from 'valibot';
import { AppError } from '../common/errors';
import type { Minting } from '../kinds/types';
import { call, hostOf, jsonOf, type Answer, type Fetch } from './http';
import type { Minted } from './mint';

/** Salesforce refused the token itself (expired, revoked, or logged out): mint a new one and try once more. */
export class TokenRejected extends AppError {
  constructor(host: string) {
    super('remote', `${host} no longer accepts the access token.`);
  }
}

const bearer = (token: Minted) => ({ authorization: `Bearer ${token.accessToken}`, accept: 'application/json' });

function checked<S extends v.GenericSchema>(answer: Answer, url: string, schema: S, what: string): v.InferOutput<S> {
  if (answer.status === 401 || answer.status === 403) throw new TokenRejected(hostOf(url));
  const parsed = answer.status === 200 ? v.safeParse(schema, jsonOf(answer.text)) : undefined;
  if (!parsed?.success) throw new AppError('remote', `${hostOf(url)} answered the ${what} request in a way Tokenkeep cannot read (HTTP ${answer.status}).`);
  return parsed.output;
}

/**
 * A single-use URL that opens the org in a browser, logged in:
 * POST /services/oauth2/singleaccess on the instance, as Salesforce's
 * Single-Access UI Bridge documents it (sf org open asks the same
 * endpoint: plugin-org's test/unit/org/open.test.ts).
 */
export async function frontdoorUrl(fetch: Fetch, token: Minted, mint: Minting): Promise<string> {
  const url = `${token.instanceUrl}/services/oauth2/singleaccess`;
  const answer = await call(fetch, url, { method: 'POST', headers: bearer(token) });
  const { frontdoor_uri } = checked(answer, url, v.object({ frontdoor_uri: v.pipe(v.string(), v.maxLength(4096)) }), 'frontdoor');
  if (!mint.trusts(frontdoor_uri))
    throw new AppError('remote', `${hostOf(url)} gave a frontdoor address outside Salesforce’s hosts: Tokenkeep did not open it.`);
  return frontdoor_uri;
}

export interface Identity {
  orgId: string;
  userId: string;
  username: string;
}

/** Who the token is for, from the identity URL the token answer named (checked there already). */
export async function identity(fetch: Fetch, token: Minted): Promise<Identity> {
  const answer = await call(fetch, token.idUrl, { method: 'GET', headers: bearer(token) });
  const text = v.pipe(v.string(), v.maxLength(320));
  const read = checked(answer, token.idUrl, v.object({ organization_id: text, user_id: v.optional(text), username: text }), 'identity');
  return { orgId: read.organization_id, userId: read.user_id ?? '', username: read.username };
}
