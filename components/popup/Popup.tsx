import { AccountCard } from './AccountCard';
import type { PopupModel } from './model';
import { SetupScreen } from './SetupScreen';
import { UnlockScreen } from './UnlockScreen';

/** Links to the options page; relative, so they work from any extension origin. */
const optionsUrl = (hash: string) => `/options.html${hash}`;

function AccountList({ model }: { model: PopupModel }) {
  const { accounts, problems } = model;
  return (
    <>
      {problems.value.length > 0 && (
        <div class="problems" role="alert">
          <strong>{problems.value.length === 1 ? '1 account cannot be opened.' : `${problems.value.length} accounts cannot be opened.`}</strong>
          <ul>
            {problems.value.map((p) => (
              <li key={p.id}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {accounts.value.length === 0 ? (
        <p class="empty">
          No accounts yet. Open a “Your new Salesforce security token” email in your webmail and choose <strong>Save</strong>.
        </p>
      ) : (
        <ul class="accounts" aria-label="Accounts">
          {accounts.value.map((account) => (
            <li key={account.id}>
              <AccountCard account={account} model={model} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Popup({ model }: { model: PopupModel }) {
  const { screen, error, notice } = model;
  return (
    <main class="popup" aria-labelledby="popup-title">
      <header class="popup-header">
        <h1 id="popup-title">Tokenkeep</h1>
        {screen.value === 'unlocked' && (
          <button type="button" class="lock" onClick={() => void model.lock()}>
            Lock
          </button>
        )}
      </header>
      {screen.value === 'loading' && <p class="muted">Loading…</p>}
      {screen.value === 'uninitialized' && <SetupScreen model={model} />}
      {screen.value === 'locked' && <UnlockScreen model={model} />}
      {screen.value === 'unlocked' && <AccountList model={model} />}
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
