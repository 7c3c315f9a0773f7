import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { ARMING_MS, GRANT_MINUTES, type ConsentOption } from '../../utils/bridge/consent';
import { shellWord } from '../../utils/kinds/text';
import type { ConsentModel } from './model';

function Items({ option }: { option: ConsentOption }) {
  return (
    <>
      <ul class="consent-items">
        {option.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      {option.origins?.length ? (
        <p class="muted">Tokenkeep makes it at {option.origins.map((o) => new URL(o).host).join(' and ')}; the secret it is made from stays here.</p>
      ) : null}
    </>
  );
}

/**
 * What a terminal asks for, and the answers. Deny is where focus starts, so
 * Enter never gives a secret away, and the Allow buttons stay inert for a
 * moment after the window shows, as browsers do for permission prompts: keys
 * or clicks meant for another window do not answer this one. What the
 * account is and what would leave stay at the top, whatever the command
 * line's length: its box scrolls on its own.
 */
export function Consent({ model }: { model: ConsentModel }) {
  const q = model.question.value;
  const deny = useRef<HTMLButtonElement>(null);
  const armed = useSignal(false);
  const picked = useSignal<number | undefined>(undefined);
  useEffect(() => {
    // Focused when the question appears (autofocus applies only to a page's first load), and armed a moment later.
    deny.current?.focus();
    armed.value = false;
    picked.value = q?.options.length === 1 ? 0 : undefined;
    const timer = setTimeout(() => (armed.value = true), ARMING_MS);
    return () => clearTimeout(timer);
  }, [q]);
  if (model.error.value) {
    return (
      <main class="consent">
        <h1>Tokenkeep</h1>
        <p role="alert">{model.error.value}</p>
      </main>
    );
  }
  if (!q) return <main class="consent" aria-busy="true" />;
  const [only] = q.options.length === 1 ? q.options : [];
  const several = q.options.length > 1;
  const allowOff = model.sent.value || !armed.value || (picked.value === undefined && q.options.length > 0);
  const allow = (grant: 'once' | (typeof GRANT_MINUTES)[number]) =>
    void model.answer({ allow: grant, ...(picked.value !== undefined ? { option: picked.value } : {}) });
  const subject = only?.account ?? (several ? 'the account you picked' : q.gives ? 'the orgs offered' : 'your account names');
  return (
    <main class="consent">
      {q.gives ? (
        <>
          <h1>
            A terminal offers {q.gives.length} {q.gives.length === 1 ? 'org' : 'orgs'} from the sf CLI
          </h1>
          <ul class="consent-items">
            {q.gives.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      ) : q.problem ? (
        <>
          <h1>A terminal asked for something Tokenkeep cannot give</h1>
          <p role="alert">{q.problem}</p>
        </>
      ) : only ? (
        <>
          <h1>
            A terminal asks for <strong>{only.account}</strong>
          </h1>
          <p class="muted">{only.kind}</p>
          <h2>It would get</h2>
          <Items option={only} />
        </>
      ) : several ? (
        <fieldset class="consent-options">
          <legend>
            <h1>A terminal asks for one of {q.options.length} accounts: pick it</h1>
          </legend>
          {q.options.map((option, i) => (
            <label key={i} class="consent-option">
              <input type="radio" name="account" checked={picked.value === i} onChange={() => (picked.value = i)} />
              <span>
                <strong>{option.account}</strong> <span class="muted">{option.kind}</span>
                <Items option={option} />
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <>
          <h1>A terminal asks for your account names</h1>
          <ul class="consent-items">
            {(q.items ?? []).map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
      {!q.problem && <p>To {q.purpose}.</p>}
      {q.program && !q.problem && (
        <p>
          It goes to <span class="mono">{q.program}</span>, which reads it from a pipe: it is never written to a file.
        </p>
      )}
      <h2>Asked by</h2>
      <pre class="mono consent-command" tabIndex={0} aria-label="The command line that asks">
        {q.command.map(shellWord).join(' ')}
      </pre>
      <p class="muted">
        in <span class="mono">{q.cwd}</span>
      </p>
      <p class="hint">The tokenkeep command reports these itself. Allow only a request you just made.</p>
      {model.notice.value && (
        <p role="alert" class="notice error">
          {model.notice.value}
        </p>
      )}
      <div class="consent-actions">
        {!q.problem && (
          <>
            <button type="button" class="primary" disabled={allowOff} onClick={() => allow('once')}>
              {q.gives ? 'Add to Tokenkeep' : 'Allow once'}
            </button>
            {!q.gives && (
              <span class="consent-grant">
                <button type="button" disabled={allowOff} onClick={() => allow(model.minutes.value)}>
                  Allow {q.options.length ? 'this account' : 'listing'} for
                </button>
                <select
                  aria-label="Minutes to allow"
                  value={model.minutes.value}
                  onChange={(e) => (model.minutes.value = Number(e.currentTarget.value) as (typeof GRANT_MINUTES)[number])}
                >
                  {GRANT_MINUTES.map((m) => (
                    <option key={m} value={m}>
                      {m} minutes
                    </option>
                  ))}
                </select>
              </span>
            )}
          </>
        )}
        <button type="button" class="danger-outline" ref={deny} disabled={model.sent.value} onClick={() => void model.answer('deny')}>
          {q.problem ? 'Close' : 'Deny'}
        </button>
      </div>
      {!q.problem && !q.gives && (
        <p class="hint">
          Allowing for some minutes lets this same request, for what is listed above, through without asking, from any command, until then or until Tokenkeep
          locks. Anything else is asked.
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {model.sent.value ? `Answered for ${subject}.` : ''}
      </p>
    </main>
  );
}
