import { browser } from 'wxt/browser';
import { clipboardKeeper, documentClipboard, type ClipboardIo, type PendingClear } from '../../utils/clipboard';
import type { OffscreenRequest } from '../../utils/protocol/offscreen';

const ALARM = 'tokenkeep-clipboard';
/** Where the pending clear waits (a digest and a time, never the text): memory-only, and it outlives the worker. */
export const PENDING_KEY = 'clipboardPending';

export interface ClipboardHost {
  /** Writes the clipboard, and clears it after `clearAfterMs` if it still holds `text` (null: never). */
  copy(text: string, clearAfterMs: number | null): Promise<void>;
  /** Clears now what the last copy put there, if it is still there: the vault locked. */
  clearNow(): Promise<void>;
}

/** Chrome: the service worker has no DOM, so an offscreen document touches the clipboard for it. */
function offscreenClipboard(): ClipboardIo {
  let creating: Promise<void> | undefined;
  async function ask<T>(request: OffscreenRequest): Promise<T> {
    const url = browser.runtime.getURL('/offscreen.html');
    const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    if (!existing.length) {
      creating ??= browser.offscreen
        .createDocument({
          url,
          reasons: ['CLIPBOARD'],
          justification: 'Write copied credentials to the clipboard and clear them after the delay set in options.',
        })
        .finally(() => (creating = undefined));
      await creating;
    }
    const reply = (await browser.runtime.sendMessage(request)) as { ok: boolean; result?: T; message?: string } | undefined;
    if (!reply?.ok) throw new Error(reply?.message ?? 'The clipboard could not be reached.');
    return reply.result as T;
  }
  return {
    write: (text) => ask({ target: 'offscreen', type: 'clipboard.write', text }),
    clearIfHolds: (digest) => ask({ target: 'offscreen', type: 'clipboard.clearIf', digest }),
  };
}

/**
 * One keeper in the background of both browsers. The clear is due at a time
 * kept in storage.session, so it survives the worker (or Firefox's event
 * page) being unloaded: a timeout clears on time while the background is
 * awake, and an alarm wakes it otherwise (Chrome may hold a short alarm back
 * to 30 s, which only makes that fallback late).
 */
export function createClipboardHost(): ClipboardHost {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const keeper = clipboardKeeper({
    // Firefox: the background is a page with a DOM of its own.
    io: import.meta.env.FIREFOX ? documentClipboard(document) : offscreenClipboard(),
    pending: {
      get: async () => (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as PendingClear | undefined,
      set: (pending) => (pending ? browser.storage.session.set({ [PENDING_KEY]: pending }) : browser.storage.session.remove(PENDING_KEY)),
    },
    schedule(at) {
      clearTimeout(timer);
      timer = setTimeout(() => void keeper.clearIfOurs(), Math.max(0, at - Date.now()));
      void browser.alarms.create(ALARM, { when: at });
    },
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void keeper.clearIfOurs();
  });
  return {
    copy: keeper.copy,
    async clearNow() {
      clearTimeout(timer);
      await keeper.clearIfOurs({ early: true });
      await browser.alarms.clear(ALARM);
    },
  };
}
