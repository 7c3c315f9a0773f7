import { useSignal } from '@preact/signals';
import { OutcomeLine } from './VaultSettings';
import type { SyncModel } from './sync-model';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Joining a vault already in sync storage: its passphrase, which becomes this browser's too. */
function JoinForm({ model }: { model: SyncModel }) {
  const passphrase = useSignal('');
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void model.enable(passphrase.value).then((ok) => ok && (passphrase.value = ''));
      }}
    >
      <p>
        {model.browserName} sync holds a Tokenkeep vault this browser cannot open: one set up on another browser, this vault after its passphrase was changed on
        another browser, or one someone else put there. If you know <strong>that vault’s passphrase</strong>, enter it to join: the accounts here merge into it,
        and from then on that passphrase opens Tokenkeep on this browser too. A wrong one here costs no attempt at unlocking. If you do not recognise it, Remove
        from sync clears it; turn sync on again to put this browser’s vault there instead.
      </p>
      <label for="sync-pass">Passphrase of the synced vault</label>
      <input
        id="sync-pass"
        type="password"
        autocomplete="current-password"
        value={passphrase.value}
        onInput={(e) => (passphrase.value = e.currentTarget.value)}
      />
      <button type="submit" disabled={!passphrase.value || model.busy.value}>
        Join and sync
      </button>
    </form>
  );
}

export function SyncSection({ model }: { model: SyncModel }) {
  const status = model.status.value;
  const confirming = useSignal(false);
  const on = status?.enabled ?? false;
  return (
    <section aria-labelledby="sync-heading" id="sync">
      <h2 id="sync-heading">Sync</h2>
      <p class="hint">
        Tokenkeep writes this vault to {model.browserName}’s sync storage, and reads what your other browsers wrote there. {model.browserName} carries it
        between computers only where its own sync is on with extensions included, which Tokenkeep cannot see. Each account is encrypted under your vault key
        before it leaves this browser: {model.browserName} sync sees no label, username, site or secret. Private keys and certificates stay on this browser,
        unless you tick an account to sync them.
      </p>
      <label class="check">
        <input
          type="checkbox"
          checked={on}
          disabled={!status || model.busy.value || status.state === 'locked'}
          onChange={(e) => void (e.currentTarget.checked ? model.enable() : model.disable())}
        />
        Sync this vault through {model.browserName} sync
      </label>
      {status?.state === 'needs-passphrase' && <JoinForm model={model} />}
      {status?.state === 'locked' && <p class="hint">Unlock Tokenkeep to sync; changes from other browsers wait until then.</p>}
      {status && (
        <div class="stack">
          <label for="sync-meter">
            {model.browserName} sync: {kb(status.usage.bytes)} of 100 KB, {status.accounts} {status.accounts === 1 ? 'account' : 'accounts'}
          </label>
          <meter id="sync-meter" min={0} max={1} high={0.8} value={status.usage.fraction} />
          {status.last?.notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
          {status.last?.refused && <p role="alert">{status.last.refused}</p>}
          {status.last?.problems.map((p) => (
            <p role="alert" key={p}>
              {p}
            </p>
          ))}
        </div>
      )}
      {status && status.usage.items > 0 && (
        <div class="stack">
          {!confirming.value ? (
            <button type="button" class="danger" onClick={() => (confirming.value = true)}>
              Remove from sync…
            </button>
          ) : (
            <div role="alertdialog" aria-labelledby="sync-remove-q" class="stack">
              <p id="sync-remove-q">Remove the synced copy from {model.browserName} sync? Other browsers keep their own vaults, and stop receiving changes.</p>
              <button type="button" class="danger" onClick={() => void model.remove().then(() => (confirming.value = false))}>
                Remove the synced copy
              </button>
              <button type="button" onClick={() => (confirming.value = false)}>
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
      <OutcomeLine outcome={model.outcome.value} />
    </section>
  );
}
