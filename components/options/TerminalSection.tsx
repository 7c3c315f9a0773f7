import { ErrorNotice } from './ErrorNotice';
import { BRIDGE_STATUS_TEXT } from '../../utils/bridge/status';
import type { TerminalModel } from './terminal-model';

export function TerminalSection({ model }: { model: TerminalModel }) {
  const status = model.status.value;
  const on = !!status && status.state !== 'off';
  return (
    <section aria-labelledby="terminal-heading" id="terminal">
      <h2 id="terminal-heading">Terminal</h2>
      <p class="hint">
        The <span class="mono">tokenkeep</span> command gives an account’s secrets to one program’s environment (<span class="mono">tokenkeep run</span>), to a
        pipe, or to the sf CLI, so no <span class="mono">.env</span> file holds them. Every request opens a Tokenkeep window here first, naming the account,
        what it would get and the command that asks; nothing leaves while Tokenkeep is locked.
      </p>
      <ol class="steps">
        <li>
          <button type="button" onClick={() => void model.saveCommand()} disabled={!model.canSaveCommand}>
            Save tokenkeep.mjs
          </button>{' '}
          the command, in one file. It needs only Node.js 20 or later.
        </li>
        <li>
          Once, in a terminal, where you saved it: <code class="mono">node ~/Downloads/tokenkeep.mjs install</code>. It copies itself to{' '}
          <span class="mono">~/.local/share/tokenkeep</span>, tells your browsers where the bridge is, and adds the <span class="mono">tokenkeep</span> command
          to <span class="mono">~/.local/bin</span>.
        </li>
        <li>
          Turn it on below, then try <code class="mono">tokenkeep list</code>, or <code class="mono">tokenkeep run "Acme prod" -- npm start</code>.
        </li>
      </ol>
      <label class="check">
        <input
          type="checkbox"
          checked={on}
          disabled={!status || model.busy.value}
          onChange={(e) => void (e.currentTarget.checked ? model.enable() : model.disable())}
        />
        Let the tokenkeep command ask for accounts
      </label>
      {status && status.state !== 'off' && (
        <p role="status" aria-live="polite" class={status.state === 'failed' ? 'error' : undefined}>
          {status.state === 'failed' ? status.message : BRIDGE_STATUS_TEXT[status.state]}
        </p>
      )}
      <ErrorNotice text={model.notice.value} />
    </section>
  );
}
