import { STRIPE } from '../../utils/common/account-colors';
import { expiryDateText, expiryState } from '../../utils/vault/expiry';
import { formatOf, kindFor } from '../../utils/kinds';
import { relativeAge } from '../../utils/common/time';
import type { AccountSummary } from '../../utils/vault/account';
import { CopyMenu } from './CopyMenu';
import { CopyButton } from './CopyButton';
import { primaryOf } from './formats';
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

/**
 * "alex.morgan@acme-corp.com.uat" in three parts: the name before the @ (what tells one org's users
 * apart), the domain, and its last label (what tells a sandbox, ".uat", from production). When the
 * row is too narrow, the domain gives way first, then the name; the last label always shows.
 */
export function usernameParts(value: string): { local: string; domain: string; tail: string } {
  const at = value.lastIndexOf('@');
  const dot = value.lastIndexOf('.');
  if (at < 0) return { local: value, domain: '', tail: '' };
  const tailAt = dot > at ? dot : value.length;
  return { local: value.slice(0, at + 1), domain: value.slice(at + 1, tailAt), tail: value.slice(tailAt) };
}

function Username({ value }: { value: string }) {
  const { local, domain, tail } = usernameParts(value);
  return (
    <span class="row-sub row-user" title={value}>
      <span class="row-user-local">{local}</span>
      {domain && <span class="row-user-domain">{domain}</span>}
      {tail && <span class="row-user-tail">{tail}</span>}
    </span>
  );
}

/** One account: its name and age (opens the details), its main copy, and a menu of the other copies. */
export function AccountRow({ account, model, selected }: { account: AccountSummary; model: PopupModel; selected: boolean }) {
  const kind = kindFor(account.kind);
  const primary = primaryOf(account);
  const age = relativeAge(account.issuedAt);
  const subtitle = kind.subtitle ? account.fields[kind.subtitle] : undefined;
  // "token 3 days ago": the rotating secret's own copy label is the short word for it.
  const rotating = kind.rotating && (formatOf(kind, kind.rotating)?.label ?? kind.rotating);
  // The last "Check" found that the credential no longer works.
  const check = model.live.statuses.value[account.id]?.check;
  return (
    <li
      class={`row${selected ? ' selected' : ''}${account.color ? ' striped' : ''}`}
      id={`row-${account.id}`}
      aria-current={selected ? 'true' : undefined}
      style={account.color ? { '--stripe': STRIPE[account.color] } : undefined}
    >
      <button type="button" class="row-main" onClick={() => model.showDetails(account.id)} onFocus={() => model.select(account.id)}>
        <span class="row-label">{account.label}</span>
        {subtitle && subtitle !== account.label && <Username value={subtitle} />}
        <span class="row-sub row-age">
          <span>
            {rotating ? (age ? `${rotating} ${age}` : account.has.includes(kind.rotating!) ? rotating : `no ${rotating} yet`) : kind.short || kind.title}
          </span>
          <ExpiryFlag expiresAt={account.expiresAt} compact />
          {check && !check.ok && (
            <span class="flag flag-failed" title={check.message}>
              Check failed
            </span>
          )}
        </span>
      </button>
      {primary && <CopyButton account={account} format={primary} model={model} class="copy primary" />}
      <CopyMenu account={account} model={model} />
    </li>
  );
}
