import { useSignal } from '@preact/signals';
import type { Account } from '../../utils/vault/account';
import type { PopupModel } from './model';

/** Captured accounts arrive without a password; this is where the user adds it. */
export function PasswordForm({ account, model }: { account: Account; model: PopupModel }) {
  const value = useSignal('');
  const inputId = `password-${account.id}`;
  return (
    <form
      class="password-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.value) void model.setPassword(account, value.value);
      }}
    >
      <label for={inputId}>Password for {account.label}</label>
      <div class="password-row">
        <input
          id={inputId}
          type="password"
          autocomplete="off"
          value={value.value}
          onInput={(e) => (value.value = e.currentTarget.value)}
        />
        <button type="submit" disabled={!value.value}>
          Save
        </button>
      </div>
    </form>
  );
}
