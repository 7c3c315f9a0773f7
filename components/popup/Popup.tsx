import { AccountCard } from './AccountCard';
import type { PopupModel } from './model';

/** Links to the options page; relative, so they work from any extension origin. */
const optionsUrl = (hash: string) => `/options.html${hash}`;

export function Popup({ model }: { model: PopupModel }) {
  const { state, accounts, error, notice } = model;
  return (
    <main class="popup" aria-labelledby="popup-title">
      <header class="popup-header">
        <h1 id="popup-title">Tokenkeep</h1>
      </header>
      {state.value === 'loading' && <p class="muted">Loading…</p>}
      {state.value === 'ready' && accounts.value.length === 0 && (
        <p class="empty">
          No accounts yet. Open a “Your new Salesforce security token” email in your webmail and choose <strong>Save</strong>.
        </p>
      )}
      {state.value === 'ready' && accounts.value.length > 0 && (
        <ul class="accounts" aria-label="Accounts">
          {accounts.value.map((account) => (
            <li key={account.id}>
              <AccountCard account={account} model={model} />
            </li>
          ))}
        </ul>
      )}
      <footer class="popup-footer">
        <a href={optionsUrl('#import')} target="_blank" rel="noopener">
          Import an email file…
        </a>
        <a href={optionsUrl('')} target="_blank" rel="noopener">
          Settings
        </a>
      </footer>
      <p class={error.value ? 'status status-error' : 'status'} role="status" aria-live="polite">
        {error.value ?? notice.value ?? ''}
      </p>
    </main>
  );
}
