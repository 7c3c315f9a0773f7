import type { BannerModel } from './model';

/**
 * The save offer shown over the webmail. Handlers ignore synthetic events:
 * a page script may dispatch a click, but only a real user saves.
 */
export function CaptureBanner({ model }: { model: BannerModel }) {
  const { newest, olderCount, state, error, queued } = model;
  const trusted = (action: () => void) => (e: Event) => {
    if (e.isTrusted) action();
  };
  const busy = state.value === 'saving';
  const date = newest.date ? new Date(newest.date).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : undefined;
  return (
    <div
      class="banner"
      role="dialog"
      aria-labelledby="tk-title"
      aria-describedby="tk-desc"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && e.isTrusted) model.dismiss();
      }}
    >
      <div class="title-row">
        <svg class="logo" viewBox="0 0 128 128" aria-hidden="true">
          <rect x="4" y="4" width="120" height="120" rx="28" fill="#0b5cad" />
          <circle cx="48" cy="64" r="22" fill="none" stroke="#fff" stroke-width="12" />
          <path d="M68 64h40M92 64v16M106 64v12" fill="none" stroke="#fff" stroke-width="12" stroke-linecap="round" />
        </svg>
        <h2 id="tk-title">{state.value === 'saved' ? 'Saved to Tokenkeep' : 'Save this Salesforce token?'}</h2>
      </div>
      <div id="tk-desc" class="details">
        <p class="username">{newest.username}</p>
        <p class="from">
          From {newest.sender.name ? `${newest.sender.name} ` : ''}&lt;{newest.sender.address}&gt;
          {date ? ` · ${date}` : ''}
        </p>
        {olderCount.value > 0 && (
          <p class="older">
            {olderCount.value === 1 ? '1 older token' : `${olderCount.value} older tokens`} in this thread will be kept in the history.
          </p>
        )}
        {state.value === 'saved' && queued.value && <p class="older">Tokenkeep is locked: the token is sealed and added when you unlock.</p>}
        {state.value === 'error' && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
      </div>
      {state.value !== 'saved' && (
        <div class="actions">
          <button type="button" class="save" disabled={busy} onClick={trusted(model.save)}>
            Save
          </button>
          <button type="button" class="dismiss" disabled={busy} onClick={trusted(model.dismiss)}>
            Not now
          </button>
        </div>
      )}
    </div>
  );
}
