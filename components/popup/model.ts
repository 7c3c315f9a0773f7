/**
 * The popup's state as signals, made by a factory so tests and the pop-out
 * window each get their own. Components read these signals and call the
 * actions; they hold no state of their own beyond form inputs.
 */
import { signal } from '@preact/signals';
import { COPY_LABELS, copyValue, type CopyKind } from '../../utils/format';
import type { Client } from '../../utils/messages-client';
import type { Account } from '../../utils/vault/account';

export interface ClipboardWriter {
  writeText(text: string): Promise<void>;
}

export type LoadState = 'loading' | 'ready' | 'error';

export function createPopupModel({ client, clipboard }: { client: Client; clipboard: ClipboardWriter }) {
  const accounts = signal<Account[]>([]);
  const state = signal<LoadState>('loading');
  const error = signal<string | null>(null);
  /** A short message for the status line: what was copied or saved. */
  const notice = signal<string | null>(null);

  function fail(err: unknown) {
    error.value = err instanceof Error ? err.message : String(err);
  }

  async function load() {
    try {
      accounts.value = (await client({ type: 'accounts.list' })).accounts;
      state.value = 'ready';
      error.value = null;
    } catch (err) {
      state.value = 'error';
      fail(err);
    }
  }

  async function copy(account: Account, kind: CopyKind) {
    const value = copyValue(account, kind);
    if (value === undefined) return;
    try {
      await clipboard.writeText(value);
      notice.value = `${COPY_LABELS[kind].replace(/^Copy/, 'Copied')} for ${account.label}`;
    } catch (err) {
      fail(err);
    }
  }

  async function setPassword(account: Account, password: string) {
    try {
      const { account: updated } = await client({ type: 'account.setPassword', id: account.id, password });
      accounts.value = accounts.value.map((a) => (a.id === updated.id ? updated : a));
      notice.value = `Password saved for ${updated.label}`;
    } catch (err) {
      fail(err);
    }
  }

  return { accounts, state, error, notice, load, copy, setPassword };
}

export type PopupModel = ReturnType<typeof createPopupModel>;
