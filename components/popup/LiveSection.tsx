import type { AccountSummary } from '../../utils/vault/account';
import { canMint } from './live-model';
import type { PopupModel } from './model';

const timeText = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * An account that mints: "Open org" and "Check", and what the last check
 * found (the org and user, or Salesforce's refusal in words), and when a
 * token last worked. Kept in memory for the browser session only.
 */
export function LiveSection({ account, model }: { account: AccountSummary; model: PopupModel }) {
  if (!canMint(account)) return null;
  const status = model.live.statuses.value[account.id] ?? {};
  const { check } = status;
  return (
    <section class="live" aria-labelledby="live-title">
      <h3 id="live-title">Access token</h3>
      <p class="muted">Made here when needed, kept in memory until it nears its end or Tokenkeep locks. The secret it is made from never leaves the browser.</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => model.live.open(account.id)}>
          Open org
        </button>
        <button type="button" onClick={() => model.live.check(account.id)}>
          Check that it works
        </button>
      </div>
      {check && (
        <p class={check.ok ? 'live-check' : 'live-check notice error'} role={check.ok ? undefined : 'alert'}>
          {check.ok ? `Worked at ${timeText(check.at)}: org ${check.orgId}, user ${check.username}.` : `Failed at ${timeText(check.at)}: ${check.message}`}
        </p>
      )}
      {status.workedAt && (!check || check.at !== status.workedAt) && <p class="muted">A token last worked at {timeText(status.workedAt)}.</p>}
    </section>
  );
}
