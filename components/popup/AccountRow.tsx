import { expiryDateText, expiryState } from '../../utils/expiry';
import { canCopy, copyButtonLabel, FORMAT_LABELS, primaryFormat } from '../../utils/format';
import { relativeAge } from '../../utils/time';
import type { AccountSummary } from '../../utils/vault/account';
import { CopyMenu } from './CopyMenu';
import type { PopupModel } from './model';

// Visible text that is part of the accessible name ("Copy password + token for …"), as WCAG 2.5.3 asks.
const SHORT: Record<string, string> = { 'password+token': 'Password + token', token: 'Token', password: 'Password', username: 'Username' };

/**
 * "Expires in 5 days", "Expired", or nothing: the list flags accounts within
 * 14 days of expiry. `compact` ("5 days left") fits beside the token age in a row.
 */
export function ExpiryFlag({ expiresAt, now = Date.now(), compact = false }: { expiresAt?: string; now?: number; compact?: boolean }) {
  const state = expiryState(expiresAt, now);
  if (state.kind === 'none') return null;
  if (state.kind === 'expired') return <span class="flag flag-expiry">Expired</span>;
  const days = state.days === 1 ? '1 day' : `${state.days} days`;
  return compact ? (
    <span class="flag flag-expiry" title={`Expires ${expiryDateText(expiresAt)}`}>
      {days} left
    </span>
  ) : (
    <span class="flag flag-expiry">{state.days === 1 ? 'Expires tomorrow' : `Expires in ${days}`}</span>
  );
}

// Sandbox usernames differ only at the end (".uat", ".dev"): the end stays visible and the middle gives way.
const KEPT_END = 14;

/** A username that is cut in the middle, not at the end, when the row is too narrow for it. */
function Username({ value }: { value: string }) {
  const cut = Math.max(0, value.length - KEPT_END);
  return (
    <span class="row-sub row-user" title={value}>
      <span class="row-user-head">{value.slice(0, cut)}</span>
      <span class="row-user-tail">{value.slice(cut)}</span>
    </span>
  );
}

/** One account: its name and age (opens the details), its main copy, and a menu of the other copies. */
export function AccountRow({ account, model, selected }: { account: AccountSummary; model: PopupModel; selected: boolean }) {
  const primary = primaryFormat(account);
  const age = relativeAge(account.tokenIssuedAt);
  const ready = canCopy(account, primary);
  return (
    <li class={selected ? 'row selected' : 'row'} id={`row-${account.id}`} aria-current={selected ? 'true' : undefined}>
      <button type="button" class="row-main" onClick={() => model.showDetails(account.id)} onFocus={() => model.select(account.id)}>
        <span class="row-label">{account.label}</span>
        {account.username && account.username !== account.label && <Username value={account.username} />}
        <span class="row-sub row-age">
          <span>{age ? `token ${age}` : account.hasToken ? 'token' : 'no token yet'}</span>
          <ExpiryFlag expiresAt={account.expiresAt} compact />
        </span>
      </button>
      <button
        type="button"
        class="copy primary"
        data-copy={primary}
        aria-label={copyButtonLabel(primary, account.label)}
        title={ready ? FORMAT_LABELS[primary] : `${FORMAT_LABELS[primary]}: add a password or token first`}
        disabled={!ready}
        onClick={() => void model.copy(account.id, primary)}
      >
        {SHORT[primary] ?? 'Copy'}
      </button>
      <CopyMenu account={account} model={model} />
    </li>
  );
}
