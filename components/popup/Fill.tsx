import { useSignal } from '@preact/signals';
import { kindFor } from '../../utils/kinds';
import type { AccountSummary } from '../../utils/vault/account';
import type { PopupModel } from './model';

const subtitleOf = (a: AccountSummary) => ((field) => field && a.fields[field])(kindFor(a.kind).subtitle);

const MODE_TEXT = { password: 'Password only', 'password+token': 'Password + token', 'password+code': 'Password + current code' } as const;

/** The accounts that belong on the current tab's site, each with its Fill button. */
export function SiteFill({ model }: { model: PopupModel }) {
  const host = model.tabHost.value;
  const accounts = model.siteAccounts.value;
  if (!host || !accounts.length) return null;
  return (
    <section class="site-fill" aria-labelledby="site-fill-title">
      <h2 class="group-title" id="site-fill-title">
        On {host}
      </h2>
      <ul class="rows">
        {accounts.map((a) => (
          <li key={a.id} class="row">
            <span class="row-main static">
              <span class="row-label">{a.label}</span>
              {subtitleOf(a) && <span class="row-sub">{subtitleOf(a)}</span>}
            </span>
            <button type="button" class="primary" aria-label={`Fill ${a.label} on ${host}`} disabled={model.busy.value} onClick={() => void model.fill(a.id)}>
              Fill
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the popup asks before a fill: whether to add a new site, and what goes into a password field without a token field. */
export function FillQuestion({ model }: { model: PopupModel }) {
  const prompt = model.prompt.value;
  const remember = useSignal(true);
  if (!prompt) return null;
  const host = new URL(prompt.origin).host;
  return (
    <div class="confirm fill-question" role="alertdialog" aria-labelledby="fill-question">
      {prompt.kind === 'confirm-site' ? (
        <>
          <p id="fill-question">
            Fill {prompt.label} on <strong>{prompt.origin}</strong> and remember it?
          </p>
          <div class="actions">
            <button type="button" class="primary" autoFocus onClick={() => void model.fill(prompt.id, { confirmSite: true })}>
              Fill and remember
            </button>
            <button type="button" onClick={() => model.dismissPrompt()}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <>
          <p id="fill-question">This form on {host} has no field for the {prompt.modes.includes('password+token') ? 'security token' : 'one-time code'}. What goes into its password field?</p>
          <label class="check">
            <input type="checkbox" checked={remember.value} onChange={(e) => (remember.value = e.currentTarget.checked)} /> Remember for {host}
          </label>
          <div class="actions">
            {prompt.modes.map((mode, i) => (
              <button key={mode} type="button" class={i === 1 ? 'primary' : undefined} autoFocus={i === 0} onClick={() => void model.fill(prompt.id, { mode, rememberMode: remember.value })}>
                {MODE_TEXT[mode]}
              </button>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
