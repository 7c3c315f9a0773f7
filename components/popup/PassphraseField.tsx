import type { Signal } from '@preact/signals';

/** A passphrase input with a show/hide toggle; never autocompleted or spell-checked. */
export function PassphraseField({
  id,
  label,
  value,
  autoFocus,
  describedBy,
  invalid,
  inputMode,
}: {
  id: string;
  label: string;
  value: Signal<string>;
  autoFocus?: boolean;
  describedBy?: string;
  invalid?: boolean;
  inputMode?: 'numeric';
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="password"
        autocomplete="off"
        spellcheck={false}
        autoFocus={autoFocus}
        aria-describedby={describedBy}
        aria-invalid={invalid ? 'true' : undefined}
        inputMode={inputMode}
        value={value.value}
        onInput={(e) => (value.value = e.currentTarget.value)}
      />
    </div>
  );
}
