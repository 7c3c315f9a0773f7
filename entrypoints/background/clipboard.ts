import { browser } from 'wxt/browser';
import { clipboardKeeper, documentClipboard, type PendingClear } from '../../utils/clipboard';
import type { OffscreenRequest } from '../../utils/messages';

const ALARM = 'tokenkeep-clipboard';
const PENDING_KEY = 'clipboardPending';

export interface ClipboardHost {
  /** Writes the clipboard, and clears it after `clearAfterMs` if it still holds `text` (null: never). */
  copy(text: string, clearAfterMs: number | null): Promise<void>;
}

/**
 * Chrome: the service worker has no DOM, so an offscreen document writes the
 * clipboard and keeps the timer that clears it, after the popup has closed.
 */
function offscreenHost(): ClipboardHost {
  let creating: Promise<void> | undefined;
  async function ensureDocument() {
    const url = browser.runtime.getURL('/offscreen.html');
    const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    if (existing.length) return;
    creating ??= browser.offscreen
      .createDocument({ url, reasons: ['CLIPBOARD'], justification: 'Write copied credentials to the clipboard and clear them after the delay set in options.' })
      .finally(() => (creating = undefined));
    await creating;
  }
  return {
    async copy(text, clearAfterMs) {
      await ensureDocument();
      const request: OffscreenRequest = { target: 'offscreen', type: 'clipboard.write', text, clearAfterMs };
      const reply = (await browser.runtime.sendMessage(request)) as { ok: boolean; message?: string } | undefined;
      if (!reply?.ok) throw new Error(reply?.message ?? 'The clipboard could not be written.');
    },
  };
}

/**
 * Firefox: the background is a page with a DOM. Firefox may unload it while
 * idle, so the clear is also set as an alarm, and what it needs (a digest of
 * the copied text, never the text) waits in storage.session.
 */
function backgroundPageHost(): ClipboardHost {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const keeper = clipboardKeeper({
    io: documentClipboard(document),
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
  return keeper;
}

export function createClipboardHost(): ClipboardHost {
  return import.meta.env.FIREFOX ? backgroundPageHost() : offscreenHost();
}
