import { effect } from '@preact/signals-core';
import { h, render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CaptureBanner } from '../components/banner/CaptureBanner';
import css from '../components/banner/banner.css?inline';
import { createBannerModel } from '../components/banner/model';
import { mountShadowHost, type MountedHost } from '../components/banner/mount';
import type { Capture } from '../utils/extract/types';
import { createClient } from '../utils/messages-client';
import { WEBMAIL_MATCHES, webmailForOrigin } from '../utils/webmail/hosts';
import type { FoundCapture } from '../utils/webmail';
import { watchCaptures } from '../utils/webmail/watch';

export default defineContentScript({
  matches: WEBMAIL_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const webmail = webmailForOrigin(location.origin);
    if (!webmail) return;
    const client = createClient((message) => browser.runtime.sendMessage(message));

    // Offers made on this page, by username+token, so a re-render never re-offers.
    const handled = new Set<string>();
    const queue: Capture[][] = [];
    let shown: MountedHost | undefined;

    const key = (c: Capture) => `${c.username.toLowerCase()}\n${c.token}`;

    function showNext() {
      if (shown || ctx.isInvalid) return;
      const group = queue.shift();
      if (!group) return;
      shown = mountShadowHost(document, 'tokenkeep-banner', css);
      const host = shown;
      let stopRender = () => {};
      const close = () => {
        stopRender();
        render(null, host.container);
        host.remove();
        shown = undefined;
        showNext();
      };
      const model = createBannerModel(group, {
        async save(captures) {
          // Oldest first, so each newer token supersedes the one before it.
          for (const capture of [...captures].reverse()) await client({ type: 'capture.save', capture });
        },
        async dismiss(captures) {
          for (const capture of captures) await client({ type: 'capture.dismiss', capture });
        },
        close,
      });
      // Re-render whenever a signal the banner reads changes.
      stopRender = effect(() => render(h(CaptureBanner, { model }), host.container));
    }

    async function offer(found: FoundCapture[]) {
      const fresh = found.filter((c) => !handled.has(key(c)));
      fresh.forEach((c) => handled.add(key(c)));
      const statuses = await Promise.all(
        fresh.map(({ source: _source, ...capture }) =>
          client({ type: 'capture.status', capture }).then(
            (r) => ({ capture, status: r.status }),
            () => ({ capture, status: 'error' as const }),
          ),
        ),
      );
      const byUser = new Map<string, Capture[]>();
      for (const { capture, status } of statuses) {
        if (status !== 'new') continue;
        const user = capture.username.toLowerCase();
        byUser.set(user, [...(byUser.get(user) ?? []), capture]);
      }
      queue.push(...byUser.values());
      showNext();
    }

    const stop = watchCaptures(document, webmail.id, (found) => void offer(found));
    ctx.onInvalidated(() => {
      stop();
      shown?.remove();
    });
  },
});
