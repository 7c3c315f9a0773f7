import type { ComponentChildren } from 'preact';
import { useSignal } from '@preact/signals';
import { expiryDateText } from '../../utils/vault/expiry';
import { fieldOf, kindFor } from '../../utils/kinds';
import { relativeAge } from '../../utils/common/time';
import type { AccountSummary } from '../../utils/vault/account';
import { ExpiryFlag } from './AccountRow';
import { CopyButton } from './CopyButton';
import { GroupBadge } from './GroupBadge';
import { LiveSection } from './LiveSection';
import { formatsOf, primaryOf, ready } from './formats';
import { useFocusOnShow } from './focus';
import { TotpCode } from './TotpCode';
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
      <p id={`confirm-${account.id}`}>Delete {account.label}, with its secrets and history? You can undo for 10 seconds.</p>
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
  const kind = kindFor(account.kind);
  const formats = formatsOf(account);
  const primary = primaryOf(account);
  const legacy = formats.find((f) => f.legacy && ready(account, f));
  const codeField = kind.fill.code;
  const heading = useFocusOnShow<HTMLHeadingElement>();
  const labelOf = (field: string) => fieldOf(kind, field)?.label ?? field;
  return (
    <article class="details" aria-labelledby="details-title">
      <div class="details-head">
        <button type="button" class="back" onClick={() => model.showList()}>
          ← Accounts
        </button>
        <h2 id="details-title" tabIndex={-1} ref={heading}>
          {account.label}
        </h2>
        <p class="muted">
          {kind.title} <GroupBadge account={account} /> <ExpiryFlag expiresAt={account.expiresAt} />
        </p>
      </div>
      {codeField && account.has.includes(codeField) && <TotpCode account={account} model={model} />}
      <LiveSection account={account} model={model} />
      <div class="copy-grid">
        {formats.map((format) => (
          <CopyButton key={format.name} account={account} format={format} model={model} class={format === primary ? 'copy primary' : 'copy'} />
        ))}
      </div>
      {legacy && (
        <div class="notice legacy-notice" role="note">
          <p>
            <strong>Legacy:</strong> {legacy.legacy} {kind.replacement}
          </p>
          {kind.replacedBy && (
            <button
              type="button"
              class="link"
              onClick={() => void model.edit(undefined, { kind: kind.replacedBy!.kind, fields: kind.replacedBy!.fields(account.fields) })}
            >
              {kind.replacedBy.action}
            </button>
          )}
        </div>
      )}
      {kind.opaque && (
        <p class="notice" role="note">
          A newer Tokenkeep made this account, of a kind this one does not know. It is kept, and synced, as it came; nothing is copied from it, filled with it
          or changed here. Update Tokenkeep to use it.
        </p>
      )}
      <dl class="fields">
        {kind.fields
          .filter((f) => f.name !== kind.grouping?.field && (account.has.includes(f.name) || (f.required && !f.derived)))
          .map((f) => (
            <Field key={f.name} name={f.label}>
              {!account.has.includes(f.name) ? (
                'not saved yet: Edit to add it'
              ) : f.secret ? (
                f.name === kind.rotating ? (
                  `issued ${relativeAge(account.issuedAt) ?? ''} (${dateText(account.issuedAt)})`
                ) : (
                  'saved'
                )
              ) : (
                <span class={f.multiline ? 'mono pre' : 'mono'}>{f.multiline ? 'saved' : account.fields[f.name]}</span>
              )}
              {f.name === kind.rotating && account.source && (
                <span class="source">
                  from {account.source.sender}: “{account.source.subject}”
                </span>
              )}
            </Field>
          ))}
        {account.facts?.map((fact) => (
          <Field key={fact.label} name={fact.label}>
            {/^\d{4}-\d{2}-\d{2}T/.test(fact.value) ? dateText(fact.value) : fact.value}
          </Field>
        ))}
        {account.expiresAt && (
          <Field name="Expires">
            {expiryDateText(account.expiresAt)} <ExpiryFlag expiresAt={account.expiresAt} />
          </Field>
        )}
        {account.sites.length > 0 && <Field name="Fills on">{account.sites.join(', ')}</Field>}
        {account.savedFrom && <Field name="Saved from">{account.savedFrom}</Field>}
        {account.notes && <Field name="Notes">{account.notes}</Field>}
      </dl>
      <section aria-labelledby="history-title">
        <h3 id="history-title">Earlier values</h3>
        {account.history.length === 0 ? (
          <p class="muted">None yet. When a secret is replaced, the old one is kept here.</p>
        ) : (
          <ol class="history">
            {account.history.map((entry, i) => (
              <li key={i}>
                <span>
                  {labelOf(entry.field)}: {entry.issuedAt ? `issued ${dateText(entry.issuedAt)}, ` : ''}replaced {dateText(entry.supersededAt)}
                </span>
                {!kind.opaque && (
                  <button
                    type="button"
                    class="copy"
                    aria-label={`Copy the ${labelOf(entry.field).toLowerCase()} ${entry.issuedAt ? `issued ${dateText(entry.issuedAt)}` : `replaced ${dateText(entry.supersededAt)}`}`}
                    onClick={() => void model.copy(account.id, 'history', i)}
                  >
                    Copy
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <div class="actions">
        {model.tabHost.value && !kind.opaque && (
          <button type="button" onClick={() => void model.fill(account.id)}>
            Fill on {model.tabHost.value}
          </button>
        )}
        {!kind.opaque && (
          <button type="button" onClick={() => void model.edit(account.id)}>
            Edit…
          </button>
        )}
        <DeleteButton account={account} model={model} />
      </div>
    </article>
  );
}
