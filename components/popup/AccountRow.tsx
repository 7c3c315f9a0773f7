import { expiryDateText, expiryState } from '../../utils/expiry';
import { buttonText, copyButtonLabel } from '../../utils/format';
import { formatOf, kindFor } from '../../utils/kinds';
import { relativeAge } from '../../utils/time';
import type { AccountSummary } from '../../utils/vault/account';
import { CopyMenu } from './CopyMenu';
import { primaryOf, ready as canMakeNow } from './formats';
import type { PopupModel } from './model';

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
  const kind = kindFor(account.kind);
  const primary = primaryOf(account);
  const age = relativeAge(account.issuedAt);
  const ready = !!primary && canMakeNow(account, primary);
  const subtitle = kind.subtitle ? account.fields[kind.subtitle] : undefined;
  // "token 3 days ago": the rotating secret's own copy label is the short word for it.
  const rotating = kind.rotating && (formatOf(kind, kind.rotating)?.label ?? kind.rotating);
  return (
    <li class={selected ? 'row selected' : 'row'} id={`row-${account.id}`} aria-current={selected ? 'true' : undefined}>
      <button type="button" class="row-main" onClick={() => model.showDetails(account.id)} onFocus={() => model.select(account.id)}>
        <span class="row-label">{account.label}</span>
        {subtitle && subtitle !== account.label && <Username value={subtitle} />}
        <span class="row-sub row-age">
          <span>{rotating ? (age ? `${rotating} ${age}` : account.has.includes(kind.rotating!) ? rotating : `no ${rotating} yet`) : kind.short || kind.title}</span>
          <ExpiryFlag expiresAt={account.expiresAt} compact />
        </span>
      </button>
      {primary && (
        <button
          type="button"
          class="copy primary"
          data-copy={primary.name}
          aria-label={copyButtonLabel(primary.label, account.label)}
          title={ready ? `Copy ${primary.label}` : `Copy ${primary.label}: add what it needs first`}
          disabled={!ready}
          onClick={() => void model.copy(account.id, primary.name)}
        >
          {buttonText(primary.label)}
        </button>
      )}
      <CopyMenu account={account} model={model} />
    </li>
  );
}
