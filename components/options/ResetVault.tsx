import { useSignal } from '@preact/signals';
import { RESET_CONFIRMATION } from '../../utils/protocol/messages';
import type { OptionsModel } from './model';
import { OutcomeLine } from './VaultSettings';

export function ResetVault({ model }: { model: OptionsModel }) {
  const confirmation = useSignal('');
  return (
    <section aria-labelledby="reset-heading" class="danger-zone">
      <h2 id="reset-heading">Reset vault</h2>
      <p class="hint">
        Deletes every account, token and password Tokenkeep keeps, and the passphrase. It cannot be undone; export a backup first. Your settings stay.
      </p>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void model.reset(confirmation.value).then((ok) => ok && (confirmation.value = ''));
        }}
      >
        <label for="reset-confirm">Type “{RESET_CONFIRMATION}” to confirm</label>
        <input id="reset-confirm" autocomplete="off" value={confirmation.value} onInput={(e) => (confirmation.value = e.currentTarget.value)} />
        <button type="submit" class="danger" disabled={confirmation.value !== RESET_CONFIRMATION}>
          Delete everything
        </button>
      </form>
      <OutcomeLine outcome={model.outcomes.reset.value} />
    </section>
  );
}
