import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import css from '../components/banner/banner.css?inline';
import { createBannerModel } from '../components/banner/model';
import { guardBanner } from '../components/banner/guard';
import { mountShadowHost } from '../components/banner/mount';
import { renderBanner } from '../components/banner/view';
import { createClient } from '../utils/protocol/client';
import { readSettings, SETTINGS_KEY } from '../utils/settings';
import { onMailRoute, WEBMAIL_MATCHES, webmailForOrigin } from '../utils/webmail/hosts';
import { createOfferQueue } from '../utils/webmail/offers';
import { watchCaptures } from '../utils/webmail/watch';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  // Webmails that host their app in a frame still get a watcher; frames with a
  // same-origin parent are read by the parent's watcher instead (see below).
  allFrames: true,
  runAt: 'document_idle',
  async main(ctx) {
    const webmail = webmailForOrigin(location.origin);
    if (!webmail) return;
    // A same-origin parent reads this frame's DOM directly, next to the sender
    // it belongs to; a watcher here would only see a body without its header.
    if (window !== window.top && window.frameElement) return;

    const client = createClient((message) => browser.runtime.sendMessage(message));
    const offers = createOfferQueue(async (capture) => (await client({ type: 'capture.status', capture })).status === 'new');
    /** Takes the banner on screen away, if there is one. */
    let shown: (() => void) | undefined;
    let stopWatching: (() => void) | undefined;

    function showNext() {
      if (shown || ctx.isInvalid || !stopWatching) return;
      const group = offers.next();
      if (!group) return;
      const host = mountShadowHost(document, 'tokenkeep-banner', css);
      let stopRender = () => {};
      const remove = (shown = () => {
        stopRender();
        host.remove();
        shown = undefined;
      });
      const close = () => {
        remove();
        showNext();
      };
      const model = createBannerModel(group, {
        async save(captures) {
          let queued = false;
          // Oldest first, so each newer token supersedes the one before it.
          for (const capture of [...captures].reverse()) queued = (await client({ type: 'capture.save', capture })).outcome === 'queued' || queued;
          return queued;
        },
        async dismiss(captures) {
          for (const capture of captures) await client({ type: 'capture.dismiss', capture });
        },
        close,
      });
      stopRender = renderBanner(host.container, model, guardBanner(host.host));
    }

    // Watch only while capture is on for this webmail and the page shows mail (an opened Gmail
    // conversation, Outlook's mail and not its calendar...): elsewhere the page may churn all day for nothing.
    let captureOn = false;
    function apply() {
      const enabled = captureOn && onMailRoute(location.href);
      if (enabled && !stopWatching) {
        stopWatching = watchCaptures(document, webmail!.id, (found) => void offers.add(found).then(showNext));
      } else if (!enabled && stopWatching) {
        stopWatching();
        stopWatching = undefined;
        offers.clear();
        shown?.();
      }
    }

    const stored = await browser.storage.local.get(SETTINGS_KEY);
    captureOn = readSettings(stored[SETTINGS_KEY]).capture[webmail.id];
    apply();
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !changes[SETTINGS_KEY]) return;
      captureOn = readSettings(changes[SETTINGS_KEY].newValue).capture[webmail.id];
      apply();
    };
    browser.storage.onChanged.addListener(onChanged);
    // Webmails move between views without loading a page: hash routes fire hashchange, and WXT
    // reports the rest (history.pushState) as wxt:locationchange.
    ctx.addEventListener(window, 'hashchange', apply);
    ctx.addEventListener(window, 'popstate', apply);
    ctx.addEventListener(window, 'wxt:locationchange', apply);
    ctx.onInvalidated(() => {
      browser.storage.onChanged.removeListener(onChanged);
      captureOn = false;
      apply();
    });
  },
});
