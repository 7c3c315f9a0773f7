import type { Ref } from 'preact';
import { buttonText, copyButtonLabel } from '../../utils/common/format';
import type { FormatSpec } from '../../utils/kinds';
import type { AccountSummary } from '../../utils/vault/account';
import { ready } from './formats';
import type { PopupModel } from './model';

/**
 * One copy: its words on the button, its full name for assistive technology, and, for a legacy
 * format, a calm mark on the button and the reason in words as its description (a tooltip alone
 * reaches neither keyboard nor screen-reader users).
 */
export function CopyButton({
  account,
  format,
  model,
  class: className,
  role,
  onCopy,
  buttonRef,
}: {
  account: AccountSummary;
  format: FormatSpec;
  model: PopupModel;
  class?: string;
  role?: 'menuitem';
  onCopy?: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  const why = format.legacy ? `legacy-${format.name}-${account.id}-${role ?? className ?? ''}`.replace(/[^\w-]/g, '_') : undefined;
  return (
    <button
      ref={buttonRef}
      type="button"
      class={className}
      role={role}
      data-copy={format.name}
      disabled={!ready(account, format) || undefined}
      aria-label={copyButtonLabel(format.label, account.label)}
      aria-describedby={why}
      onClick={() => {
        onCopy?.();
        void model.copy(account.id, format.name);
      }}
    >
      {buttonText(format.label)}
      {why && (
        <>
          <span class="legacy" aria-hidden="true" />
          <span id={why} class="visually-hidden">
            Legacy: {format.legacy}
          </span>
        </>
      )}
    </button>
  );
}
