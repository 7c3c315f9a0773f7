import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { kindFor } from '../../utils/kinds';
import type { AccountSummary } from '../../utils/vault/account';
import { GroupBadge } from './GroupBadge';
import { CopyButton } from './CopyButton';
import { primaryOf } from './formats';
import type { PopupModel } from './model';

const subtitleOf = (a: AccountSummary) => ((field) => field && a.fields[field])(kindFor(a.kind).subtitle);

const MODE_TEXT = { password: 'Password only', 'password+token': 'Password + token', 'password+code': 'Password + current code' } as const;

/** One account's action on the page: Fill, or its one-click copy when a copy shortcut asked which account to use. */
function SiteAction({ account, model, host, focus }: { account: AccountSummary; model: PopupModel; host: string; focus: boolean }) {
  const button = useRef<HTMLButtonElement>(null);
  const pick = model.pick.value;
  // The shortcut opened the popup to choose: the first of the page's accounts has the keyboard.
  useEffect(() => void (focus && pick && button.current?.focus()), [focus, pick]);
  const format = pick === 'copy' ? primaryOf(account) : undefined;
  if (format) return <CopyButton account={account} format={format} model={model} class="primary copy" buttonRef={button} onCopy={model.donePicking} />;
  return (
    <button
      ref={button}
      type="button"
      class="primary"
      aria-label={`Fill ${account.label} on ${host}`}
      disabled={model.busy.value}
      onClick={() => {
        model.donePicking();
        void model.fill(account.id);
      }}
    >
      Fill
    </button>
  );
}

/**
 * The accounts that belong on the current tab's site, the page's own environment first, each
 * with its badge and its Fill button. Opened by a shortcut that found several, it asks which.
 */
export function SiteFill({ model }: { model: PopupModel }) {
  const host = model.tabHost.value;
  const accounts = model.siteAccounts.value;
  const pick = model.pick.value;
  if (!host || !accounts.length) return null;
  return (
    <section class="site-fill" aria-labelledby="site-fill-title">
      <h2 class="group-title" id="site-fill-title">
        On {host}
      </h2>
      {pick && accounts.length > 1 && (
        <p class="hint" role="status">
          {accounts.length} accounts fit this page: choose which to {pick}.
        </p>
      )}
      <ul class="rows">
        {accounts.map((a, i) => (
          <li key={a.id} class="row">
            <span class="row-main static">
              <span class="row-label">
                {a.label} <GroupBadge account={a} />
              </span>
              {subtitleOf(a) && <span class="row-sub">{subtitleOf(a)}</span>}
            </span>
            <SiteAction account={a} model={model} host={host} focus={i === 0} />
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
  // The kind names what could go after the password: "the security token", "the current code".
  const words = model.wordsFor(prompt.id);
  const missing = prompt.modes
    .filter((mode) => mode !== 'password')
    .map((mode) => `the ${words[mode === 'password+token' ? 'token' : 'code']}`)
    .join(' or ');
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
          <p id="fill-question">
            This form on {host} has no field for {missing}. What goes into its password field?
          </p>
          <label class="check">
            <input type="checkbox" checked={remember.value} onChange={(e) => (remember.value = e.currentTarget.checked)} /> Remember for {host}
          </label>
          <div class="actions">
            {prompt.modes.map((mode, i) => (
              <button
                key={mode}
                type="button"
                class={i === 1 ? 'primary' : undefined}
                autoFocus={i === 0}
                onClick={() => void model.fill(prompt.id, { mode, rememberMode: remember.value })}
              >
                {MODE_TEXT[mode]}
              </button>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
