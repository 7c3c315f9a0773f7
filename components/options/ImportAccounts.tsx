import { useSignal } from '@preact/signals';
import { fieldName, KINDS, kindFor } from '../../utils/kinds';
import { actionWords } from '../../utils/import/actions';
import { PassphraseField } from '../popup/PassphraseField';
import type { ImportAccountsModel, ImportRow } from './import-accounts-model';

const FORMATS =
  'Bitwarden (.json, also password-protected), 1Password (.1pux, .csv), KeePass and KeePassXC (.kdbx), ORGanizer (.json), Chrome, Edge and Firefox passwords (.csv), .env files';

const CHOOSABLE = KINDS.filter((k) => !k.opaque);

/** A field as the preview names it: its label, without the aside in brackets ("TOTP secret"). */
const shortName = (kind: string) => (field: string) => fieldName(kindFor(kind), field).replace(/\s*\(.*\)$/, '');

const outcome = (row: ImportRow) => (row.candidate.problem ? `Skipped: ${row.candidate.problem}` : actionWords(row.action));

/** One entry of the preview: its tick, its kind, the fields it brings (names only), what it will do, and the pages it could fill on. */
function Entry({ model, row, index }: { model: ImportAccountsModel; row: ImportRow; index: number }) {
  const { candidate } = row;
  const choosing = useSignal(false);
  const title = CHOOSABLE.find((k) => k.name === candidate.kind)?.title ?? candidate.kind;
  const disabled = !!candidate.problem || row.action?.action === 'skip';
  return (
    <li class={disabled ? 'skipped' : undefined}>
      <label class="entry-name">
        <input type="checkbox" checked={row.ticked} disabled={disabled} onChange={(e) => void model.toggle(index, e.currentTarget.checked)} />
        <strong>{candidate.label}</strong>
      </label>
      {choosing.value ? (
        <select
          aria-label={`Kind of ${candidate.label}`}
          value={candidate.kind}
          autoFocus
          onChange={(e) => void model.setKind(index, e.currentTarget.value).then(() => (choosing.value = false))}
          onBlur={() => (choosing.value = false)}
        >
          {CHOOSABLE.map((k) => (
            <option key={k.name} value={k.name}>
              {k.title}
            </option>
          ))}
        </select>
      ) : (
        // A list of every kind in each of a thousand rows would slow the preview: the list comes on a click.
        <button type="button" class="link" aria-label={`Change the kind of ${candidate.label}, now ${title}`} onClick={() => (choosing.value = true)}>
          {title}
        </button>
      )}
      <span class="entry-fields">{Object.keys(candidate.fields).map(shortName(candidate.kind)).join(', ') || 'no fields'}</span>
      <span class="entry-outcome">{outcome(row)}</span>
      {candidate.left.length > 0 && <span class="hint">Not kept: {candidate.left.join(', ')}</span>}
      {candidate.offeredSites.map((site) => (
        <label key={site} class="entry-site">
          <input type="checkbox" checked={candidate.sites.includes(site)} onChange={(e) => void model.toggleSite(index, site, e.currentTarget.checked)} />
          Fill on {new URL(site).host}
        </label>
      ))}
    </li>
  );
}

/** Options › Import from another tool: a file, its password where it has one, the preview, and one confirmation. */
export function ImportAccounts({ model }: { model: ImportAccountsModel }) {
  const password = useSignal('');
  const state = model.state.value;
  const rows = model.rows.value;
  const chosen = rows.filter((r) => r.ticked).length;
  return (
    <section id="import-accounts" aria-labelledby="import-accounts-heading">
      <h2 id="import-accounts-heading">Import from another tool</h2>
      <p class="hint">
        Reads {FORMATS}. You see every entry before anything is saved; an entry for an account you already have adds to it and removes nothing.
      </p>
      <label class="file">
        Export file
        <input
          type="file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void file.arrayBuffer().then((buffer) => model.pick({ name: file.name, bytes: new Uint8Array(buffer) }));
          }}
        />
      </label>
      {state.step === 'password' && (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void model.open(password.value).then(() => (password.value = ''));
          }}
        >
          <p class="error">{state.message}</p>
          <PassphraseField id="import-password" label={`Password of ${state.file}`} value={password} />
          <button type="submit" disabled={!password.value}>
            Open
          </button>
        </form>
      )}
      <div role="status" aria-live="polite" class="import-result">
        {state.step === 'reading' && <p>Reading {state.file}…</p>}
        {state.step === 'error' && (
          <p class="error">
            {state.file}: {state.message}
          </p>
        )}
        {state.step === 'done' && <p class="ok">{state.message}</p>}
        {state.step === 'preview' && (
          <p>
            {rows.length} {rows.length === 1 ? 'entry' : 'entries'} in {state.file} ({state.format}). Nothing is saved until you import.
          </p>
        )}
        {state.step === 'preview' && state.message && <p class="error">{state.message}</p>}
      </div>
      {state.step === 'reading' && (
        // An encrypted export's key derivation can take seconds: the page stays usable, and this ends it.
        <button type="button" onClick={() => model.cancel()}>
          Cancel reading
        </button>
      )}
      {state.step === 'preview' && (
        <>
          <ul class="imports import-preview" aria-label="Entries to import">
            {rows.map((row, i) => (
              <Entry key={i} model={model} row={row} index={i} />
            ))}
          </ul>
          <div class="inline">
            <button type="button" disabled={!chosen || state.busy} onClick={() => void model.confirm()}>
              Import {chosen} {chosen === 1 ? 'entry' : 'entries'}
            </button>
            <button type="button" onClick={() => model.cancel()}>
              Cancel
            </button>
          </div>
        </>
      )}
    </section>
  );
}
