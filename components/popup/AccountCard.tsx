import { COPY_KINDS, COPY_LABELS, copyValue } from '../../utils/format';
import { relativeAge } from '../../utils/time';
import type { Account } from '../../utils/vault/account';
import type { PopupModel } from './model';
import { PasswordForm } from './PasswordForm';

const SHORT: Record<(typeof COPY_KINDS)[number], string> = {
  username: 'User',
  password: 'Pass',
  token: 'Token',
  'password+token': 'Pass+Token',
};

export function AccountCard({ account, model }: { account: Account; model: PopupModel }) {
  const age = relativeAge(account.tokenIssuedAt);
  const headingId = `account-${account.id}`;
  return (
    <article class="account" aria-labelledby={headingId}>
      <div class="account-head">
        <h2 id={headingId} class="account-label">
          {account.label}
        </h2>
        <span class={`badge badge-${account.environment}`}>{account.environment}</span>
      </div>
      <p class="account-meta">
        <span class="account-username">{account.username}</span>
        {age && <span class="muted"> · token issued {age}</span>}
      </p>
      <div class="copy-row">
        {COPY_KINDS.map((kind) => {
          const missing = copyValue(account, kind) === undefined;
          return (
            <button
              key={kind}
              type="button"
              class={kind === 'password+token' ? 'copy primary' : 'copy'}
              aria-label={`${COPY_LABELS[kind]} for ${account.label}`}
              title={missing ? `${COPY_LABELS[kind]}: not available until a password is saved` : COPY_LABELS[kind]}
              disabled={missing}
              onClick={() => model.copy(account, kind)}
            >
              {SHORT[kind]}
            </button>
          );
        })}
      </div>
      {!account.password && <PasswordForm account={account} model={model} />}
    </article>
  );
}
