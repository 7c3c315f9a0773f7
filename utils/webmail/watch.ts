/**
 * Notices opened messages as the webmail renders them. A scan runs soon
 * after the page changes (leading edge, so a banner appears within a frame
 * or two), then at most once per interval while the page keeps changing, so
 * a webmail that churns its DOM all day pays almost nothing. Same-origin
 * iframes (where Proton and iCloud render bodies) are observed too.
 */
import { frameDocument } from './dom';
import type { WebmailId } from './hosts';
import { findCaptures, type FoundCapture } from './index';

export interface WatchOptions {
  /** How long changes must pause before the trailing scan. */
  quietMs?: number;
  /** Longest time between two scans while the page keeps changing. */
  maxWaitMs?: number;
}

// Past this many added nodes, one full scan is cheaper than checking each.
const MAX_TRACKED = 2000;

export function watchCaptures(
  doc: Document,
  webmail: WebmailId,
  onFound: (captures: FoundCapture[]) => void,
  { quietMs = 40, maxWaitMs = 1000 }: WatchOptions = {},
): () => void {
  const view = doc.defaultView!;
  const now = () => view.performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastScan = now();
  let lastChange = -Infinity;
  const observed = new WeakSet<Document>();
  // Nodes added since the last scan; undefined means "look at everything".
  let changed: Node[] | undefined;

  const arm = (delay: number) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, delay));
  };
  let leading = false;
  // Runs when the timer fires: scan on a leading edge, when the page is quiet,
  // or when the longest wait is over; otherwise wait on.
  function tick() {
    timer = undefined;
    const t = now();
    if (leading || t - lastChange >= quietMs || t - lastScan >= maxWaitMs) scan();
    else arm(Math.min(lastChange + quietMs, lastScan + maxWaitMs) - t);
  }
  const onChange = () => {
    const t = now();
    const wasQuiet = t - lastChange >= quietMs && t - lastScan >= quietMs;
    lastChange = t;
    if (timer !== undefined) return; // the pending tick decides
    leading = wasQuiet;
    arm(wasQuiet ? 0 : Math.min(quietMs, lastScan + maxWaitMs - t));
  };
  // Runs for every mutation batch the page makes all day: indexed loops, as
  // for-of over each record's NodeList allocates an iterator per record
  // (measured: most of the content script's cost under churn).
  const observer = new view.MutationObserver((records) => {
    if (changed) {
      for (let r = 0; r < records.length && changed; r++) {
        const added = records[r]!.addedNodes;
        for (let i = 0; i < added.length; i++) changed.push(added[i]!);
        if (changed.length > MAX_TRACKED) changed = undefined;
      }
    }
    onChange();
  });
  const observe = (d: Document) => {
    if (observed.has(d) || !d.documentElement) return;
    observed.add(d);
    observer.observe(d.documentElement, { childList: true, subtree: true });
  };

  function scan() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    leading = false;
    lastScan = now();
    const since = changed;
    changed = [];
    for (const frame of doc.querySelectorAll('iframe')) {
      const inner = frameDocument(frame);
      // Only live frames can change; a parsed srcdoc is a snapshot. A frame seen
      // for the first time counts as changed as a whole.
      if (inner && inner === (frame as HTMLIFrameElement).contentDocument && !observed.has(inner)) {
        observe(inner);
        since?.push(inner.documentElement);
      }
    }
    // The address is read at each scan: webmails change it without reloading.
    const found = findCaptures(doc, { webmail, url: view.location.href, changed: since });
    if (found.length) onFound(found);
  }

  observe(doc);
  // An iframe finishing its load changes nothing in this document, but its
  // load event (caught on the way down) does; its new document is read whole.
  const onLoad = (event: Event) => {
    if ((event.target as Element).tagName === 'IFRAME') {
      const inner = frameDocument(event.target as Element);
      if (inner?.documentElement) changed?.push(inner.documentElement);
      onChange();
    }
  };
  doc.addEventListener('load', onLoad, true);
  scan();
  return () => {
    observer.disconnect();
    doc.removeEventListener('load', onLoad, true);
    if (timer !== undefined) clearTimeout(timer);
  };
}
