/**
 * Chrome's offscreen document: the service worker has no DOM, so this page
 * writes the clipboard for it, and checks and clears it when the worker's
 * keeper says a clear is due. It keeps no state of its own.
 */
import { browser } from 'wxt/browser';
import { answering } from '../../utils/protocol/answering';
import { documentClipboard } from '../../utils/clipboard';
import { parseOffscreenRequest } from '../../utils/protocol/offscreen';

const clipboard = documentClipboard(document);

browser.runtime.onMessage.addListener(
  answering((raw, sender: { id?: string; tab?: unknown; url?: string }) => {
    // Only the service worker talks to this page; everything else on the channel is for the background.
    if (sender.id !== browser.runtime.id || sender.tab || sender.url !== browser.runtime.getURL('/background.js')) return undefined;
    const request = parseOffscreenRequest(raw);
    if (!request) return undefined;
    const done = request.type === 'clipboard.write' ? clipboard.write(request.text).then(() => undefined) : clipboard.clearIfHolds(request.digest);
    return done.then(
      (result) => ({ ok: true, result }),
      (err: Error) => ({ ok: false, message: err.message }),
    );
  }),
);
