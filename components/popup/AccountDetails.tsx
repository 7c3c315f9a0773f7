import type { ComponentChildren } from 'preact';
import { useSignal } from '@preact/signals';
import { providerName } from '../../utils/account-list';
import { expiryDateText } from '../../utils/expiry';
import { canCopy, copyButtonLabel, FORMAT_LABELS, formatsFor } from '../../utils/format';
import { relativeAge } from '../../utils/time';
import type { AccountSummary } from '../../utils/vault/account';
import { ExpiryFlag } from './AccountRow';
import type { PopupModel } from './model';

const dateText = (iso?: string) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'unknown date');

function Field({ name, children }: { name: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Asks once before deleting; the deletion itself can be undone from the toast for 10 seconds. */
export function DeleteButton({ account, model }: { account: Pick<AccountSummary, 'id' | 'label'>; model: PopupModel }) {
  const confirming = useSignal(false);
  if (!confirming.value) {
    return (
      <button type="button" class="danger-outline" onClick={() => (confirming.value = true)}>
        Delete…
      </button>
    );
  }
  return (
    <div class="confirm" role="alertdialog" aria-labelledby={`confirm-${account.id}`}>
      <p id={`confirm-${account.id}`}>Delete {account.label}, with its password, token and history? You can undo for 10 seconds.</p>
      <div class="actions">
        <button type="button" class="danger" autoFocus onClick={() => void model.remove(account.id)}>
          Delete
        </button>
        <button type="button" onClick={() => (confirming.value = false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}

export function AccountDetails({ account, model }: { account: AccountSummary; model: PopupModel }) {
  return (
    <article class="details" aria-labelledby="details-title">
      <div class="details-head">
        <button type="button" class="back" onClick={() => model.showList()}>
          ← Accounts
        </button>
        <h2 id="details-title">{account.label}</h2>
        <p class="muted">
          {providerName(account.provider)}{' '}
          {account.provider === 'salesforce' && <span class={`badge badge-${account.environment}`}>{account.environment}</span>} <ExpiryFlag expiresAt={account.expiresAt} />
        </p>
      </div>
      <div class="copy-grid">
        {formatsFor(account.provider).map((format) => (
          <button
            key={format}
            type="button"
            class={format === formatsFor(account.provider)[0] ? 'copy primary' : 'copy'}
            disabled={!canCopy(account, format)}
            aria-label={copyButtonLabel(format, account.label)}
            onClick={() => void model.copy(account.id, format)}
          >
            {FORMAT_LABELS[format].replace(/^Copy (.)/, (_, c: string) => c.toUpperCase())}
          </button>
        ))}
      </div>
      <dl class="fields">
        <Field name="Username">{account.username || '—'}</Field>
        <Field name="Password">{account.hasPassword ? 'saved' : 'not saved yet: Edit to add it'}</Field>
        <Field name="Token">
          {account.hasToken ? `issued ${relativeAge(account.tokenIssuedAt) ?? ''} (${dateText(account.tokenIssuedAt)})` : 'none'}
          {account.tokenSource && (
            <span class="source">
              from {account.tokenSource.sender}: “{account.tokenSource.subject}”
            </span>
          )}
        </Field>
        {account.loginUrl && <Field name="Login URL">{account.loginUrl}</Field>}
        {account.expiresAt && <Field name="Expires">{expiryDateText(account.expiresAt)}</Field>}
        {account.sites.length > 0 && <Field name="Fills on">{account.sites.join(', ')}</Field>}
        {account.notes && <Field name="Notes">{account.notes}</Field>}
      </dl>
      <section aria-labelledby="history-title">
        <h3 id="history-title">Earlier tokens</h3>
        {account.history.length === 0 ? (
          <p class="muted">None yet. When a new token arrives, the old one is kept here.</p>
        ) : (
          <ol class="history">
            {account.history.map((entry, i) => (
              <li key={i}>
                <span>
                  Issued {dateText(entry.issuedAt)}, replaced {dateText(entry.supersededAt)}
                </span>
                <button type="button" class="copy" aria-label={`Copy the token issued ${dateText(entry.issuedAt)}`} onClick={() => void model.copy(account.id, 'history', i)}>
                  Copy
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
      <div class="actions">
        {model.tabHost.value && (
          <button type="button" onClick={() => void model.fill(account.id)}>
            Fill on {model.tabHost.value}
          </button>
        )}
        <button type="button" onClick={() => void model.edit(account.id)}>
          Edit…
        </button>
        <DeleteButton account={account} model={model} />
      </div>
    </article>
  );
}
