import { useSignal } from '@preact/signals';
import { PassphraseField } from '../popup/PassphraseField';
import type { OptionsModel } from './model';
import { OutcomeLine } from './VaultSettings';

export function BackupSection({ model }: { model: OptionsModel }) {
  const file = useSignal<File | null>(null);
  const passphrase = useSignal('');
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup</h2>
      <p class="hint">A backup is one encrypted file. It opens only with the passphrase the vault had when you made it.</p>
      <button type="button" onClick={() => void model.exportBackup()}>
        Export backup
      </button>
      <form
        class="stack"
        aria-labelledby="restore-heading"
        onSubmit={(e) => {
          e.preventDefault();
          if (file.value) void model.importBackup(file.value, passphrase.value).then((ok) => ok && (passphrase.value = ''));
        }}
      >
        <h3 id="restore-heading">Import a backup</h3>
        <label class="file">
          Backup file
          <input type="file" accept=".json,application/json" onChange={(e) => (file.value = e.currentTarget.files?.[0] ?? null)} />
        </label>
        <PassphraseField id="backup-pass" label="Passphrase of that backup" value={passphrase} />
        <button type="submit" disabled={!file.value || !passphrase.value}>
          Import backup
        </button>
      </form>
      <OutcomeLine outcome={model.outcomes.backup.value} />
    </section>
  );
}
