import { expiryState } from '../../utils/expiry';
import { canCopy, copyButtonLabel, FORMAT_LABELS, primaryFormat } from '../../utils/format';
import { relativeAge } from '../../utils/time';
import type { AccountSummary } from '../../utils/vault/account';
import { CopyMenu } from './CopyMenu';
import type { PopupModel } from './model';

// Visible text that is part of the accessible name ("Copy password + token for …"), as WCAG 2.5.3 asks.
const SHORT: Record<string, string> = { 'password+token': 'Password + token', token: 'Token', password: 'Password', username: 'Username' };

/** "Expires in 5 days", "Expired", or nothing: the list flags accounts within 14 days of expiry. */
export function ExpiryFlag({ expiresAt, now = Date.now() }: { expiresAt?: string; now?: number }) {
  const state = expiryState(expiresAt, now);
  if (state.kind === 'none') return null;
  return <span class="flag flag-expiry">{state.kind === 'expired' ? 'Expired' : state.days === 1 ? 'Expires tomorrow' : `Expires in ${state.days} days`}</span>;
}

/** One account: its name and age (opens the details), its main copy, and a menu of the other copies. */
export function AccountRow({ account, model, selected }: { account: AccountSummary; model: PopupModel; selected: boolean }) {
  const primary = primaryFormat(account.provider);
  const age = relativeAge(account.tokenIssuedAt);
  const ready = canCopy(account, primary);
  return (
    <li class={selected ? 'row selected' : 'row'} id={`row-${account.id}`} aria-current={selected ? 'true' : undefined}>
      <button type="button" class="row-main" onClick={() => model.showDetails(account.id)} onFocus={() => model.select(account.id)}>
        <span class="row-title">
          <span class="row-label">{account.label}</span>
          <ExpiryFlag expiresAt={account.expiresAt} />
        </span>
        {account.username && <span class="row-sub">{account.username}</span>}
        <span class="row-sub">{age ? `token ${age}` : account.hasToken ? 'token' : 'no token yet'}</span>
      </button>
      <button
        type="button"
        class="copy primary"
        data-copy={primary}
        aria-label={copyButtonLabel(primary, account.label)}
        title={ready ? FORMAT_LABELS[primary] : `${FORMAT_LABELS[primary]}: add the missing ${account.hasToken ? 'password' : 'token'} first`}
        disabled={!ready}
        onClick={() => void model.copy(account.id, primary)}
      >
        {SHORT[primary] ?? 'Copy'}
      </button>
      <CopyMenu account={account} model={model} />
    </li>
  );
}
