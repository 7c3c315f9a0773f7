import { useSignal, useSignalEffect } from '@preact/signals';
import type { PopupModel } from './model';
import { PassphraseField } from './PassphraseField';

export function UnlockScreen({ model }: { model: PopupModel }) {
  const passphrase = useSignal('');
  const wait = useSignal(0);
  // The background keeps the wait after repeated failures; count it down to a
  // deadline here. The effect reads only the status: were it to read `wait`,
  // reaching zero would rerun it and restart the same wait forever.
  useSignalEffect(() => {
    const until = Date.now() + (model.status.value?.retryAfterMs ?? 0);
    const tick = () => (wait.value = Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    if (!tick()) return;
    const timer = setInterval(() => tick() || clearInterval(timer), 250);
    return () => clearInterval(timer);
  });
  const pending = model.status.value?.pending ?? 0;
  return (
    <form
      class="screen"
      aria-labelledby="unlock-title"
      onSubmit={(e) => {
        e.preventDefault();
        void model.unlock(passphrase.value).then(() => (passphrase.value = ''));
      }}
    >
      <h2 id="unlock-title">Unlock Tokenkeep</h2>
      {pending > 0 && (
        <p class="muted">
          {pending === 1 ? '1 token was' : `${pending} tokens were`} captured while locked; {pending === 1 ? 'it is' : 'they are'} added when you unlock.
        </p>
      )}
      <PassphraseField id="unlock-pass" label="Passphrase" value={passphrase} autoFocus />
      <button type="submit" class="primary wide" disabled={!passphrase.value || wait.value > 0 || model.busy.value}>
        {wait.value > 0 ? `Wait ${wait.value} s` : model.busy.value ? 'Unlocking…' : 'Unlock'}
      </button>
    </form>
  );
}
