import { ErrorNotice } from './ErrorNotice';
import type { LoginSitesModel } from './login-sites-model';

/** The login pages Log in may open and fill, each with a way to take it back. */
export function LoginSites({ model }: { model: LoginSitesModel }) {
  const sites = model.sites.value;
  return (
    <section aria-labelledby="login-sites-heading" id="login-sites">
      <h2 id="login-sites-heading">Log in</h2>
      <p class="hint">
        The login pages Tokenkeep may open and fill when you choose Log in. It asked your browser for each one the first time you logged in there, and reads no
        other site. Remove one, and the next Log in there asks again.
      </p>
      {sites && sites.length === 0 && <p class="hint">None yet.</p>}
      {sites && sites.length > 0 && (
        <ul class="login-sites">
          {sites.map((origin) => (
            <li key={origin}>
              <span class="mono">{new URL(origin).host}</span>{' '}
              <button type="button" aria-label={`Remove ${new URL(origin).host}`} onClick={() => void model.remove(origin)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice text={model.notice.value} />
    </section>
  );
}
