import { AccountDetails } from './AccountDetails';
import { AccountForm } from './AccountForm';
import { AccountList } from './AccountList';
import { FillQuestion } from './Fill';
import type { PopupModel } from './model';
import { SetupScreen } from './SetupScreen';
import { Toast } from './Toast';
import { UnlockScreen } from './UnlockScreen';

/** Links to the options page; relative, so they work from any extension origin. */
const optionsUrl = (hash: string) => `/options.html${hash}`;

/** What the latest "Log in" did, or waits for the user to do, in words; the notification says the same. */
function LoginLine({ model }: { model: PopupModel }) {
  const notice = model.loginNotice.value;
  if (!notice) return null;
  return (
    <p class={`login-notice login-${notice.state}`} role="status">
      {notice.message}
    </p>
  );
}

function Unlocked({ model }: { model: PopupModel }) {
  const view = model.view.value;
  if (view.kind === 'edit') return <AccountForm key={view.account?.id ?? 'new'} account={view.account} seed={view.seed} model={model} />;
  const account = view.kind === 'details' ? model.byId(view.id) : undefined;
  return account ? <AccountDetails account={account} model={model} /> : <AccountList model={model} />;
}

export function Popup({ model }: { model: PopupModel }) {
  const { screen } = model;
  const unlocked = screen.value === 'unlocked';
  return (
    <main class="popup" aria-labelledby="popup-title">
      <header class="popup-header">
        <h1 id="popup-title">Tokenkeep</h1>
        <div class="header-actions">
          {unlocked && model.view.value.kind === 'list' && (
            <button type="button" onClick={() => void model.edit()}>
              Add
            </button>
          )}
          {model.canPopOut && (
            <button
              type="button"
              aria-label="Pop out into its own window"
              title="Pop out: stays open while you paste into another app"
              onClick={() => model.popOut()}
            >
              Pop out
            </button>
          )}
          {unlocked && (
            <button type="button" onClick={() => void model.lock()}>
              Lock
            </button>
          )}
        </div>
      </header>
      {screen.value === 'loading' && <p class="muted">Loading…</p>}
      {screen.value === 'uninitialized' && <SetupScreen model={model} />}
      {screen.value === 'locked' && <UnlockScreen model={model} />}
      {unlocked && <LoginLine model={model} />}
      {unlocked && <FillQuestion model={model} />}
      {unlocked && <Unlocked model={model} />}
      <footer class="popup-footer">
        <a href={optionsUrl('#import')} target="_blank" rel="noopener">
          Import an email file…
        </a>
        <a href={optionsUrl('')} target="_blank" rel="noopener">
          Settings
        </a>
      </footer>
      <Toast model={model} />
    </main>
  );
}
