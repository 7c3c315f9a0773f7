import { useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { kindFor, loginOriginOf } from '../../utils/kinds';
import { formatsOf } from './formats';
import type { AccountSummary } from '../../utils/vault/account';
import { CopyButton } from './CopyButton';
import { canMint } from './live-model';
import type { PopupModel } from './model';

/** Moves focus among the menu's items with the arrow keys, Home and End. */
function onMenuKey(e: KeyboardEvent, close: () => void) {
  const items = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const go = (i: number) => items[(i + items.length) % items.length]?.focus();
  if (e.key === 'ArrowDown') go(at + 1);
  else if (e.key === 'ArrowUp') go(at - 1);
  else if (e.key === 'Home') go(0);
  else if (e.key === 'End') go(items.length - 1);
  else if (e.key === 'Escape' || e.key === 'Tab') close();
  else return;
  if (e.key !== 'Tab') e.preventDefault();
  e.stopPropagation();
}

/** The row's "More" menu: every copy format the account has, then details, edit and delete. */
export function CopyMenu({ account, model }: { account: AccountSummary; model: PopupModel }) {
  const open = useSignal(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const menuId = `menu-${account.id}`;
  // A newer Tokenkeep's kind: only its details are offered here.
  const opaque = !!kindFor(account.kind).opaque;
  const login = loginOriginOf(account);
  const loginHost = login && new URL(login).host;
  const close = (refocus = true) => {
    open.value = false;
    if (refocus) trigger.current?.focus();
  };
  const act = (action: () => void) => () => {
    close();
    action();
  };
  return (
    <div
      class="menu-wrap"
      onFocusOut={(e) => {
        if (open.value && !(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) close(false);
      }}
    >
      <button
        ref={trigger}
        type="button"
        class="icon-button"
        aria-label={`More for ${account.label}`}
        aria-haspopup="menu"
        aria-expanded={open.value}
        aria-controls={open.value ? menuId : undefined}
        onClick={() => {
          open.value = !open.value;
          if (open.value) requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${CSS.escape(menuId)} [role="menuitem"]:not([disabled])`)?.focus());
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open.value && (
        <div id={menuId} role="menu" class="menu" aria-label={`Copy and manage ${account.label}`} onKeyDown={(e) => onMenuKey(e, close)}>
          {formatsOf(account).map((format) => (
            <CopyButton key={format.name} account={account} format={format} model={model} role="menuitem" onCopy={close} />
          ))}
          <hr />
          {loginHost && (
            <button type="button" role="menuitem" onClick={act(() => model.logIn(account.id))}>
              Log in at {loginHost}
            </button>
          )}
          {canMint(account) && (
            <>
              <button type="button" role="menuitem" onClick={act(() => model.live.open(account.id))}>
                Open org
              </button>
              <button type="button" role="menuitem" onClick={act(() => model.live.check(account.id))}>
                Check that it works
              </button>
            </>
          )}
          {model.tabHost.value && !opaque && (
            <button type="button" role="menuitem" onClick={act(() => void model.fill(account.id))}>
              Fill on {model.tabHost.value}
            </button>
          )}
          <button type="button" role="menuitem" onClick={act(() => model.showDetails(account.id))}>
            Details and history
          </button>
          {!opaque && (
            <button type="button" role="menuitem" onClick={act(() => void model.edit(account.id))}>
              Edit…
            </button>
          )}
        </div>
      )}
    </div>
  );
}
