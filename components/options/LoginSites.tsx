import { ErrorNotice } from './ErrorNotice';
import type { LoginSitesModel } from './login-sites-model';

/** The hosts Tokenkeep may reach (login pages Log in fills, Salesforce hosts it makes access tokens at), each with a way to take it back. */
export function LoginSites({ model }: { model: LoginSitesModel }) {
  const sites = model.sites.value;
  return (
    <section aria-labelledby="login-sites-heading" id="login-sites">
      <h2 id="login-sites-heading">Sites Tokenkeep may reach</h2>
      <p class="hint">
        The login pages Tokenkeep may open and fill when you choose Log in, and the Salesforce hosts where it makes access tokens (Open org, Check, tokenkeep
        token). It asked your browser for each one the first time you needed it there, and reads no other site. Remove one, and the next use there asks again.
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
