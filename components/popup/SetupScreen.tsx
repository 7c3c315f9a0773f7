import { useSignal } from '@preact/signals';
import { STRENGTH_HINTS, strengthOf } from '../../utils/vault/strength';
import { MIN_PASSPHRASE } from '../../utils/vault/vault';
import type { PopupModel } from './model';
import { PassphraseField } from './PassphraseField';

export function SetupScreen({ model }: { model: PopupModel }) {
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
