import type { OptionsModel } from './model';

const CHOICES: Array<[string, number | null]> = [
  ['10 seconds', 10],
  ['20 seconds', 20],
  ['30 seconds', 30],
  ['45 seconds', 45],
  ['1 minute', 60],
  ['2 minutes', 120],
  ['5 minutes', 300],
  ['Never', null],
];

export function ClipboardSettings({ model }: { model: OptionsModel }) {
  const current = model.settings.value.clipboardSeconds;
  return (
    <section aria-labelledby="clipboard-heading">
      <h2 id="clipboard-heading">Clipboard</h2>
      <label class="inline">
        Clear the clipboard after
        {/* Named apart from its own value: a select inside its label takes the chosen option into its name ("…after 30 seconds"). */}
        <select
          aria-label="Clear the clipboard after"
          value={String(current)}
          onChange={(e) => void model.setClipboardSeconds(e.currentTarget.value === 'null' ? null : Number(e.currentTarget.value))}
        >
          {CHOICES.map(([name, seconds]) => (
            <option key={name} value={String(seconds)}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <p class="hint">Only if it still holds what Tokenkeep copied: anything you copied since is left alone.</p>
    </section>
  );
}
