import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { AUTO_LOCK_RANGE } from '../../utils/settings';
import { PassphraseField } from '../popup/PassphraseField';
import type { OptionsModel, Outcome } from './model';

export function OutcomeLine({ outcome }: { outcome: Outcome }) {
  return (
    <p role="status" aria-live="polite" class={outcome ? (outcome.ok ? 'ok' : 'error') : ''}>
      {outcome?.message ?? ''}
    </p>
  );
}

/** Unlock with a PIN until the browser closes: off by default, and what it does said where it is turned on. */
function PinSettings({ model }: { model: OptionsModel }) {
  const pin = useSignal('');
  const repeat = useSignal('');
  useEffect(() => void model.loadPin().catch(() => undefined), []);
  const on = model.pin.value !== 'off';
  return (
    <form
      class="stack"
      aria-labelledby="pin-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void model.setPin(pin.value, repeat.value).then((ok) => ok && (pin.value = repeat.value = ''));
      }}
    >
      <h3 id="pin-heading">Unlock with a PIN until the browser closes</h3>
      <p class="hint" id="pin-hint">
        After Tokenkeep locks (idle time, screen lock, or Lock), a short PIN opens it again instead of the whole passphrase. The vault key is kept wrapped under
        the PIN in the browser’s memory only, never on disk; when the browser closes it is gone, and the passphrase is needed once. Five wrong PINs in a row
        also ask for the passphrase. Anyone who can use this computer while the browser runs has only those five tries.
      </p>
      {on ? (
        <button type="button" onClick={() => void model.clearPin()}>
          Turn off PIN unlock
        </button>
      ) : (
        <>
          <PassphraseField id="pin-new" label="PIN (4 or more characters)" value={pin} describedBy="pin-hint" />
          <PassphraseField id="pin-repeat" label="Repeat the PIN" value={repeat} />
          <button type="submit" disabled={!pin.value || !repeat.value}>
            Turn on PIN unlock
          </button>
        </>
      )}
      <OutcomeLine outcome={model.outcomes.pin.value} />
    </form>
  );
}

export function VaultSettings({ model }: { model: OptionsModel }) {
  const current = useSignal('');
  const next = useSignal('');
  const repeat = useSignal('');
  return (
    <section aria-labelledby="vault-heading">
      <h2 id="vault-heading">Vault</h2>
      <label class="inline">
        Lock after
        <input
          type="number"
          min={AUTO_LOCK_RANGE.min}
          max={AUTO_LOCK_RANGE.max}
          value={model.settings.value.autoLockMinutes}
          onChange={(e) => {
            const input = e.currentTarget;
            // A refused value must not stay in the box, looking saved.
            void model.setAutoLock(input.valueAsNumber).then((saved) => saved || (input.value = String(model.settings.value.autoLockMinutes)));
          }}
          aria-describedby="autolock-hint"
        />
        minutes without use
      </label>
      <OutcomeLine outcome={model.outcomes.autoLock.value} />
      <p id="autolock-hint" class="hint">
        Tokenkeep also locks when your computer locks and when the browser closes.
      </p>
      <form
        class="stack"
        aria-labelledby="change-heading"
        onSubmit={(e) => {
          e.preventDefault();
          void model.changePassphrase(current.value, next.value, repeat.value).then((ok) => {
            if (ok) current.value = next.value = repeat.value = '';
          });
        }}
      >
        <h3 id="change-heading">Change passphrase</h3>
        <PassphraseField id="current-pass" label="Current passphrase" value={current} />
        <PassphraseField id="new-pass" label="New passphrase" value={next} />
        <PassphraseField id="repeat-pass" label="Repeat new passphrase" value={repeat} />
        <button type="submit" disabled={!current.value || !next.value}>
          Change passphrase
        </button>
        <OutcomeLine outcome={model.outcomes.passphrase.value} />
      </form>
      <PinSettings model={model} />
    </section>
  );
}
