import { useSignal } from '@preact/signals';
import { STRENGTH_HINTS, strengthOf } from '../../utils/vault/strength';
import { MIN_PASSPHRASE } from '../../utils/vault/vault';
import type { PopupModel } from './model';
import { PassphraseField } from './PassphraseField';

/** The vault another browser put in browser sync, joined with its passphrase: no vault of this browser's own is made first. */
function JoinSynced({ model }: { model: PopupModel }) {
  const passphrase = useSignal('');
  const error = model.unlockError.value;
  return (
    <form
      class="screen"
      aria-labelledby="join-title"
      onSubmit={(e) => {
        e.preventDefault();
        void model.joinSynced(passphrase.value).then(() => (passphrase.value = ''));
      }}
    >
      <h2 id="join-title">Join your synced vault</h2>
      <p class="muted">Browser sync holds a Tokenkeep vault from another browser. Its passphrase opens it here too.</p>
      <PassphraseField
        id="join-pass"
        label="Passphrase of the synced vault"
        value={passphrase}
        autoFocus
        invalid={!!error}
        describedBy={error ? 'join-error' : undefined}
      />
      {error && (
        <p id="join-error" class="hint hint-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary wide" disabled={!passphrase.value || model.busy.value}>
        {model.busy.value ? 'Joining…' : 'Join synced vault'}
      </button>
    </form>
  );
}

export function SetupScreen({ model }: { model: PopupModel }) {
  const creating = useSignal(false);
  if (model.syncedVault.value && !creating.value) {
    return (
      <>
        <JoinSynced model={model} />
        <button type="button" class="link" onClick={() => (creating.value = true)}>
          Create a new vault here instead
        </button>
      </>
    );
  }
  return <CreateVault model={model} />;
}

function CreateVault({ model }: { model: PopupModel }) {
  const first = useSignal('');
  const second = useSignal('');
  const strength = strengthOf(first.value, MIN_PASSPHRASE);
  const ready = strength !== 'too-short' && first.value === second.value;
  return (
    <form
      class="screen"
      aria-labelledby="setup-title"
      onSubmit={(e) => {
        e.preventDefault();
        void model.setup(first.value, second.value);
      }}
    >
      <h2 id="setup-title">Choose a passphrase</h2>
      <p class="muted">It encrypts everything Tokenkeep keeps. It cannot be recovered: if you forget it, the vault can only be reset.</p>
      <PassphraseField id="setup-pass" label="Passphrase" value={first} autoFocus describedBy="setup-strength" />
      <p id="setup-strength" class={`strength strength-${strength}`} aria-live="polite">
        {first.value ? STRENGTH_HINTS[strength] : `At least ${MIN_PASSPHRASE} characters; several words work well.`}
      </p>
      <PassphraseField id="setup-repeat" label="Repeat passphrase" value={second} />
      {second.value && first.value !== second.value && <p class="status-error">The two passphrases differ.</p>}
      <button type="submit" class="primary wide" disabled={!ready || model.busy.value}>
        {model.busy.value ? 'Creating…' : 'Create vault'}
      </button>
    </form>
  );
}
