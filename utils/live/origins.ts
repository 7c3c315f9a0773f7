import type { Fields, Minting } from '../kinds/types';
import type { LiveStatus } from './cache';

/** The origins a live request for the account reaches, as far as Tokenkeep knows before it mints: asked for in the click. */
export function liveOrigins(mint: Minting, account: { fields: Fields }, status: LiveStatus = {}): string[] {
  const all = [...mint.origins(account.fields), ...(status.instanceUrl ? [status.instanceUrl] : [])];
  return [...new Set(all.filter((u) => URL.canParse(u)).map((u) => new URL(u).origin))];
}
