import { useEffect, useRef } from 'preact/hooks';
import { GRANT_MINUTES } from '../../utils/bridge/consent';
import { shellWord } from '../../utils/kinds/text';
import type { ConsentModel } from './model';

/** What a terminal asks for, and the three answers. Deny is where focus starts: Enter never gives a secret away. */
export function Consent({ model }: { model: ConsentModel }) {
  const q = model.question.value;
  const deny = useRef<HTMLButtonElement>(null);
  // Focused when the question appears (autofocus applies only to a page's first load).
  useEffect(() => deny.current?.focus(), [q]);
  if (model.error.value) {
    return (
      <main class="consent">
        <h1>Tokenkeep</h1>
        <p role="alert">{model.error.value}</p>
      </main>
    );
  }
  if (!q) return <main class="consent" aria-busy="true" />;
  const subject = q.account ?? 'your account names';
  return (
    <main class="consent">
      <h1>A terminal asks for {q.account ? <strong>{q.account}</strong> : 'your account names'}</h1>
      {q.account && <p class="muted">{q.kind}</p>}
      <h2>It would get</h2>
      <ul class="consent-items">
        {q.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p>To {q.purpose}.</p>
      <h2>Asked by</h2>
      <p class="mono consent-command">{q.command.map(shellWord).join(' ')}</p>
      <p class="muted">
        in <span class="mono">{q.cwd}</span>
      </p>
      <p class="hint">The tokenkeep command reports these itself. Allow only a request you just made.</p>
      <div class="consent-actions">
        <button type="button" class="primary" disabled={model.sent.value} onClick={() => void model.answer('once')}>
          Allow once
        </button>
        <span class="consent-grant">
          <button type="button" disabled={model.sent.value} onClick={() => void model.answer({ minutes: model.minutes.value })}>
            Allow {q.account ? 'this account' : 'listing'} for
          </button>
          <select aria-label="Minutes to allow" value={model.minutes.value} onChange={(e) => (model.minutes.value = Number(e.currentTarget.value) as (typeof GRANT_MINUTES)[number])}>
            {GRANT_MINUTES.map((m) => (
              <option key={m} value={m}>
                {m} minutes
              </option>
            ))}
          </select>
        </span>
        <button type="button" class="danger-outline" ref={deny} disabled={model.sent.value} onClick={() => void model.answer('deny')}>
          Deny
        </button>
      </div>
      <p class="visually-hidden" aria-live="polite">
        {model.sent.value ? `Answered for ${subject}.` : ''}
      </p>
    </main>
  );
}
