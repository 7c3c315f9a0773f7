import { useSignal, useSignalEffect, type Signal } from '@preact/signals';
import type { PopupModel } from './model';
import { PassphraseField } from './PassphraseField';

/**
 * Seconds left of a wait the background set (after wrong passphrases or PINs), counted down to a
 * deadline. The effect reads only the status: were it to read the count, reaching zero would
 * rerun it and restart the same wait forever.
 */
function useWait(model: PopupModel, of: 'retryAfterMs' | 'pinRetryAfterMs'): Signal<number> {
  const wait = useSignal(0);
  useSignalEffect(() => {
    const until = Date.now() + (model.status.value?.[of] ?? 0);
    const tick = () => (wait.value = Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    if (!tick()) return;
    const timer = setInterval(() => tick() || clearInterval(timer), 250);
    return () => clearInterval(timer);
  });
  return wait;
}

export function UnlockScreen({ model }: { model: PopupModel }) {
  const passphrase = useSignal('');
  const pin = useSignal('');
  const usePassphrase = useSignal(false);
  const status = model.status.value;
  const withPin = status?.pin === 'ready' && !usePassphrase.value;
  const wait = useWait(model, withPin ? 'pinRetryAfterMs' : 'retryAfterMs');
  const error = model.unlockError.value;
  const pending = status?.pending ?? 0;
  const value = withPin ? pin : passphrase;
  return (
    <form
      class="screen"
      aria-labelledby="unlock-title"
      onSubmit={(e) => {
        e.preventDefault();
        void (withPin ? model.unlockWithPin(pin.value) : model.unlock(passphrase.value)).then(() => (value.value = ''));
      }}
    >
      <h2 id="unlock-title">Unlock Tokenkeep</h2>
      {pending > 0 && (
        <p class="muted">
          {pending === 1 ? '1 token was' : `${pending} tokens were`} captured while locked; {pending === 1 ? 'it is' : 'they are'} added when you unlock.
        </p>
      )}
      {withPin ? (
        <PassphraseField key="pin" id="unlock-pin" label="PIN" value={pin} autoFocus invalid={!!error} describedBy={error ? 'unlock-error' : undefined} />
      ) : (
        <PassphraseField
          key="pass"
          id="unlock-pass"
          label="Passphrase"
          value={passphrase}
          autoFocus
          invalid={!!error}
          describedBy={error ? 'unlock-error' : 'unlock-hint'}
        />
      )}
      {error && (
        <p id="unlock-error" class="hint hint-error" role="alert">
          {error}
        </p>
      )}
      {!withPin && status?.pin === 'on' && !error && (
        <p id="unlock-hint" class="hint">
          PIN unlock works again once the passphrase has opened Tokenkeep in this browser session.
        </p>
      )}
      <button type="submit" class="primary wide" disabled={!value.value || wait.value > 0 || model.busy.value}>
        {wait.value > 0 ? `Wait ${wait.value} s` : model.busy.value ? 'Unlocking…' : 'Unlock'}
      </button>
      {status?.pin === 'ready' && (
        <button
          type="button"
          class="link"
          onClick={() => {
            usePassphrase.value = !usePassphrase.value;
            model.unlockError.value = null;
          }}
        >
          {withPin ? 'Use the passphrase instead' : 'Use the PIN instead'}
        </button>
      )}
    </form>
  );
}
