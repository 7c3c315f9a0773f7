/**
 * Chrome's offscreen document: a page that lives on after the popup closes,
 * where the service worker (which has no DOM) writes the clipboard and where
 * the timer that clears it runs.
 */
import { browser } from 'wxt/browser';
import { clipboardKeeper, documentClipboard } from '../../utils/clipboard';
import { parseOffscreenRequest } from '../../utils/messages';

let timer: ReturnType<typeof setTimeout> | undefined;
const keeper = clipboardKeeper({
  io: documentClipboard(document),
  schedule(at) {
    clearTimeout(timer);
    timer = setTimeout(() => void keeper.clearIfOurs(), Math.max(0, at - Date.now()));
  },
});

browser.runtime.onMessage.addListener((raw, sender) => {
  // Only the service worker talks to this page; everything else on the channel is for the background.
  if (sender.id !== browser.runtime.id || sender.tab || sender.url !== browser.runtime.getURL('/background.js')) return undefined;
  const request = parseOffscreenRequest(raw);
  if (!request) return undefined;
  return keeper.copy(request.text, request.clearAfterMs).then(
    () => ({ ok: true }),
    (err: Error) => ({ ok: false, message: err.message }),
  );
});
