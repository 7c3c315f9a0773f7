/**
 * What stays on this browser unless the user ticks it for an account:
 * multi-line secrets (private keys, certificates), which would take a
 * quarter of the sync quota each. An item that arrives without them says
 * nothing about them: the merge keeps this browser's.
 */
import { kindFor, largeFields } from '../kinds';
import type { Account } from '../vault/account';

export function largeSecrets(account: Pick<Account, 'kind' | 'syncLargeSecrets'>): ReadonlySet<string> {
  if (account.syncLargeSecrets) return new Set();
  return new Set(largeFields(kindFor(account.kind)).map((f) => f.name));
}
