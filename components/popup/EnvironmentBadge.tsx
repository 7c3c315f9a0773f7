import { environmentOf } from '../../utils/account-list';
import type { AccountSummary } from '../../utils/vault/account';

/** "production", "sandbox": which org an account is, where its kind says. */
export function EnvironmentBadge({ account }: { account: Pick<AccountSummary, 'kind' | 'fields'> }) {
  const environment = environmentOf(account);
  return environment ? <span class={`badge badge-${environment}`}>{environment}</span> : null;
}
