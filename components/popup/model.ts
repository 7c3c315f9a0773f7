/**
 * The popup's state as signals, made by a factory so tests and the pop-out
 * window each get their own. Components read these signals and call the
 * actions; they hold no state of their own beyond form inputs.
 */
import { computed, signal } from '@preact/signals';
import { COPY_LABELS, copyValue, type CopyKind } from '../../utils/format';
import type { Client } from '../../utils/messages-client';
import type { Account } from '../../utils/vault/account';
import type { MergedCapture, VaultStatus } from '../../utils/vault/service';
import type { RecordProblem } from '../../utils/vault/vault';

export interface ClipboardWriter {
  writeText(text: string): Promise<void>;
}

export type Screen = 'loading' | 'uninitialized' | 'locked' | 'unlocked' | 'error';

function describeMerged(merged: MergedCapture[]): string | null {
  if (!merged.length) return null;
  const names = [...new Set(merged.map((m) => m.username))].join(', ');
  return `${merged.length === 1 ? '1 token' : `${merged.length} tokens`} captured while locked ${merged.length === 1 ? 'was' : 'were'} added: ${names}.`;
}

export function createPopupModel({ client, clipboard }: { client: Client; clipboard: ClipboardWriter }) {
  const status = signal<VaultStatus | null>(null);
  const failed = signal(false);
  const accounts = signal<Account[]>([]);
  const problems = signal<RecordProblem[]>([]);
  const error = signal<string | null>(null);
  /** A short message for the status line: what was copied, saved or merged. */
  const notice = signal<string | null>(null);
  const busy = signal(false);
  const screen = computed<Screen>(() => (failed.value ? 'error' : (status.value?.state ?? 'loading')));

  function fail(err: unknown) {
    error.value = err instanceof Error ? err.message : String(err);
  }

  async function run(action: () => Promise<void>) {
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (err) {
      fail(err);
    } finally {
      busy.value = false;
    }
  }

  async function loadAccounts() {
    const list = await client({ type: 'accounts.list' });
    accounts.value = list.accounts;
    problems.value = list.problems;
  }

  async function refresh() {
    try {
      status.value = await client({ type: 'vault.status' });
      if (status.value.state === 'unlocked') await loadAccounts();
    } catch (err) {
      failed.value = true;
      fail(err);
    }
  }

  return {
    status,
    screen,
    accounts,
    problems,
    error,
    notice,
    busy,
    /** Kept for callers that only need the account list. */
    load: refresh,
    refresh,

    setup: (passphrase: string, repeat: string) =>
      run(async () => {
        if (passphrase !== repeat) throw new Error('The two passphrases differ.');
        await client({ type: 'vault.setup', passphrase });
        notice.value = 'Tokenkeep is ready. Open a Salesforce token email to capture a token.';
        await refresh();
      }),

    unlock: (passphrase: string) =>
      run(async () => {
        try {
          const { merged } = await client({ type: 'vault.unlock', passphrase });
          notice.value = describeMerged(merged);
        } finally {
          await refresh();
        }
      }),

    lock: () =>
      run(async () => {
        await client({ type: 'vault.lock' });
        accounts.value = [];
        notice.value = null;
        await refresh();
      }),

    async copy(account: Account, kind: CopyKind) {
      const value = copyValue(account, kind);
      if (value === undefined) return;
      try {
        await clipboard.writeText(value);
        notice.value = `${COPY_LABELS[kind].replace(/^Copy/, 'Copied')} for ${account.label}`;
      } catch (err) {
        fail(err);
      }
    },

    setPassword: (account: Account, password: string) =>
      run(async () => {
        const { account: updated } = await client({ type: 'account.setPassword', id: account.id, password });
        accounts.value = accounts.value.map((a) => (a.id === updated.id ? updated : a));
        notice.value = `Password saved for ${updated.label}`;
      }),
  };
}

export type PopupModel = ReturnType<typeof createPopupModel>;
