import { groupOf, groupTone } from '../../utils/vault/account-list';
import type { AccountSummary } from '../../utils/vault/account';

/** The group an account's kind puts it in ("sandbox"), coloured by whether it reaches live data. */
export function GroupBadge({ account }: { account: Pick<AccountSummary, 'kind' | 'fields'> }) {
  const group = groupOf(account);
  return group ? <span class={`badge badge-${groupTone(account)}`}>{group}</span> : null;
}
