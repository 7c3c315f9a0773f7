import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AccountSummary } from '../../utils/vault/account';
import type { PopupModel } from './model';

/**
 * The account's current TOTP code and its countdown. The background makes
 * the code (the secret never reaches the popup), and is asked again when the
 * period turns over. Its copy button is the kind's own totp format, beside the others.
 */
export function TotpCode({ account, model }: { account: Pick<AccountSummary, 'id' | 'label'>; model: PopupModel }) {
  const code = useSignal<{ code: string; remaining: number } | null>(null);
  const failed = useSignal(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const load = async () => {
      try {
        const next = await model.code(account.id);
        if (stopped) return;
        code.value = next;
        tick();
      } catch {
        failed.value = true;
      }
    };
    const tick = () => {
      timer = setTimeout(() => {
        const current = code.value;
        if (!current || current.remaining <= 1) void load();
        else {
          code.value = { ...current, remaining: current.remaining - 1 };
          tick();
        }
      }, 1000);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [account.id]);
  if (failed.value) return <p class="notice">The TOTP secret of {account.label} cannot make a code: Edit to check it.</p>;
  const current = code.value;
  return (
    <div class="totp" role="group" aria-label="Current TOTP code">
      <span class="totp-code mono" aria-live="off">
        {current ? `${current.code.slice(0, Math.ceil(current.code.length / 2))} ${current.code.slice(Math.ceil(current.code.length / 2))}` : '··· ···'}
      </span>
      <span class="totp-left" aria-label={current ? `${current.remaining} seconds left` : undefined}>
        {current ? `${current.remaining} s` : ''}
      </span>
    </div>
  );
}
