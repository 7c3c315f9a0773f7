/**
 * The options page's terminal section as signals. Turning the bridge on asks
 * the browser for the nativeMessaging permission first, in the click itself,
 * as browsers require; then the background starts the host. The section
 * follows the status the background publishes (`watch`), rather than asking
 * for it again and again: in Chrome those messages would keep the background
 * from the restart that gives it the API.
 */
import { signal } from '@preact/signals';
import type { BridgeStatus } from '../../utils/bridge/status';
import { errorMessage } from '../../utils/common/errors';
import type { Client } from '../../utils/protocol/client';

export const NOT_ALLOWED = 'The browser did not allow Tokenkeep to talk to programs on this computer, so the bridge stays off.';

export interface TerminalModelDeps {
  client: Client;
  requestPermission: () => Promise<boolean>;
  /** Calls back with each status the background publishes. */
  watch: (onStatus: (status: BridgeStatus) => void) => void;
  /** Hands the tokenkeep.mjs the extension ships to the browser's download. */
  saveCommand?: () => Promise<void>;
}

export function createTerminalModel({ client, requestPermission, watch, saveCommand }: TerminalModelDeps) {
  const status = signal<BridgeStatus | null>(null);
  const busy = signal(false);
  /** What went wrong on this page (the permission refused, a request failed); the bridge's own state is in `status`. */
  const notice = signal<string | null>(null);
  // Statuses the background published: the latest is the truth, over the reply to a request sent before it.
  let published = 0;

  watch((next) => {
    published++;
    status.value = next;
  });

  async function act(action: () => Promise<BridgeStatus>) {
    busy.value = true;
    notice.value = null;
    const before = published;
    try {
      const reply = await action();
      if (published === before) status.value = reply;
    } catch (err) {
      notice.value = errorMessage(err);
      // The switch stays usable: turning it on again is how to retry.
      if (!status.value) status.value = { state: 'off' };
    } finally {
      busy.value = false;
    }
  }

  return {
    status,
    busy,
    notice,
    load: () => act(() => client({ type: 'bridge.status' })),
    enable() {
      // Asked before anything else awaits: the browser grants a permission only during the click.
      const asked = requestPermission().catch(() => false);
      return act(async () => {
        if (await asked) return client({ type: 'bridge.enable' });
        throw new Error(NOT_ALLOWED);
      });
    },
    disable: () => act(() => client({ type: 'bridge.disable' })),
    canSaveCommand: !!saveCommand,
    async saveCommand() {
      notice.value = null;
      await saveCommand?.().catch((err) => (notice.value = `Tokenkeep could not save tokenkeep.mjs: ${errorMessage(err)}`));
    },
  };
}

export type TerminalModel = ReturnType<typeof createTerminalModel>;
