import type { OptionsModel } from './model';

/** For desktop-mail users: save a token from a saved .eml or .txt file, through the same extractor and sender check. */
export function ImportEmail({ model }: { model: OptionsModel }) {
  const state = model.importState.value;
  return (
    <section id="import" aria-labelledby="import-heading">
      <h2 id="import-heading">Import email file</h2>
      <p class="hint">
        Read your mail in a desktop client? Save the “Your new Salesforce security token” email as a file (.eml, or .txt with its headers) and open it here.
        Only an email sent from a salesforce.com address is accepted.
      </p>
      <label class="file">
        Email file
        <input
          type="file"
          accept=".eml,.txt,message/rfc822,text/plain"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void model.importFile(file);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <div role="status" aria-live="polite" class="import-result">
        {state.kind === 'reading' && <p>Reading {state.file}…</p>}
        {state.kind === 'error' && (
          <p class="error">
            {state.file}: {state.message}
          </p>
        )}
        {state.kind === 'done' && state.rows.length === 0 && (
          <p class="error">No Salesforce security token from a salesforce.com sender was found in {state.file}.</p>
        )}
        {state.kind === 'done' && state.rows.length > 0 && (
          <ul class="imports">
            {state.rows.map((row, i) => (
              <li key={`${row.capture.username}-${i}`}>
                <span>
                  <strong>{row.capture.username}</strong> · from {row.capture.sender.address}
                  {row.capture.date ? ` · ${new Date(row.capture.date).toLocaleString()}` : ''}
                </span>
                {row.state === 'saved' ? (
                  <span class="ok">{row.message}</span>
                ) : (
                  <button
                    type="button"
                    disabled={row.state === 'saving'}
                    onClick={() => void model.saveImported(i)}
                    aria-label={`Save token for ${row.capture.username}`}
                  >
                    Save
                  </button>
                )}
                {row.state === 'error' && <span class="error">{row.message}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
