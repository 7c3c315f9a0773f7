/**
 * The stand-in for a kind this version of Tokenkeep does not know: an
 * account a newer Tokenkeep made, arrived through sync or a backup. Its
 * fields are kept as they came and synced back unchanged; it is listed
 * ("from a newer Tokenkeep"), and nothing is copied from it, filled with
 * it, or edited in it, since this version cannot tell what any value is.
 */
import type { Kind } from './types';

export function opaqueKind(name: string): Kind {
  return { name, order: Infinity, title: 'From a newer Tokenkeep', short: '', fields: [], formats: [], primary: [], fill: {}, opaque: true };
}
