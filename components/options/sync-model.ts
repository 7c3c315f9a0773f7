/**
 * The options page's sync section as signals: the status the background
 * reports, and turning sync on (joining with the synced vault's passphrase
 * where one is already there), off, or removing the synced copy.
 */
import { signal } from '@preact/signals';
import { errorMessage } from '../../utils/common/errors';
import type { Client } from '../../utils/protocol/client';
import { SYNC_REMOVE_CONFIRMATION } from '../../utils/protocol/messages';
import type { SyncStatus } from '../../utils/sync/controller';
import type { Outcome } from './model';

export function createSyncModel({ client, browserName }: { client: Client; browserName: string }) {
  const status = signal<SyncStatus | null>(null);
  const outcome = signal<Outcome>(null);
  const busy = signal(false);

  async function act(action: () => Promise<SyncStatus>, done?: (s: SyncStatus) => string | null) {
    busy.value = true;
    outcome.value = null;
    try {
      status.value = await action();
      const message = done?.(status.value);
      if (message) outcome.value = { ok: true, message };
      return true;
    } catch (err) {
      outcome.value = { ok: false, message: errorMessage(err) };
      return false;
    } finally {
      busy.value = false;
    }
  }

  return {
    browserName,
    status,
    outcome,
    busy,
    load: () => act(() => client({ type: 'sync.status' })),
    enable: (passphrase?: string) =>
      act(
        () => client({ type: 'sync.enable', ...(passphrase ? { passphrase } : {}) }),
        // Said as it is: Tokenkeep writes to the browser's sync storage; whether the browser carries it anywhere is the browser's own setting.
        (s) => (s.state === 'needs-passphrase' ? null : `${syncOnMessage(browserName)} ${s.last?.notices.join(' ') ?? ''}`.trim()),
      ),
    disable: () =>
      act(
        () => client({ type: 'sync.disable' }),
        () => 'Sync is off. The accounts on this browser are as they were.',
      ),
    remove: () =>
      act(
        () => client({ type: 'sync.remove', confirm: SYNC_REMOVE_CONFIRMATION }),
        () => `The synced copy is removed from ${browserName} sync. This browser’s vault is untouched.`,
      ),
  };
}

export type SyncModel = ReturnType<typeof createSyncModel>;

/** Where each browser's own sync setting for extensions is: without it, what Tokenkeep writes stays on this computer. */
const EXTENSION_SYNC_SETTING: Record<string, string> = {
  Chrome: 'Settings › You and Google › Sync › Manage what you sync › Extensions',
  Firefox: 'Settings › Sync › Add-ons',
};

export function syncOnMessage(browserName: string): string {
  const where = EXTENSION_SYNC_SETTING[browserName];
  return `Tokenkeep now writes this vault, encrypted, to ${browserName}’s sync storage. It reaches your other browsers only where ${browserName} sync is on with extensions included${where ? ` (${where})` : ''}, here and there: Tokenkeep cannot see that setting.`;
}
