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

// Past this many added nodes, one full scan is cheaper than checking each; and collecting them is most
// of the cost while a page churns (each record's node list is made for the content script's world).
const MAX_TRACKED = 256;
// How long the watcher stops listening to a page that churns past that.
const DEAF_MS = 250;

export function watchCaptures(
  doc: Document,
  webmail: WebmailId,
  onFound: (captures: FoundCapture[]) => void,
  { quietMs = 40, maxWaitMs = 1000 }: WatchOptions = {},
): () => void {
  const view = doc.defaultView!;
  // This world's own clock: the page's (view.performance) costs a trip across worlds on every read.
  const now = () => performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastScan = now();
  // Changes since the last scan, and since the last tick: the mutation callback only sets these.
  let pending = false;
  let recent = false;
  let observed = new WeakSet<Document>();
  // Off while the page churns heavily: see onChange.
  let listening = true;
  let deafUntil = 0;
  // Nodes added since the last scan; undefined means "look at everything".
  let changed: Node[] | undefined;

  let leading = false;
  // Runs while changes may go on, every quietMs or sooner: scans on the leading edge, once changes
  // pause, or when the longest wait is over, and goes idle once there is nothing new to read.
  function tick() {
    timer = undefined;
    if (!listening) {
      // Deaf, the page is taken to be changing still, until listening again shows a tick without change.
      recent = true;
      if (now() >= deafUntil) listen();
    }
    if (!pending) return;
    if (leading || !recent || now() - lastScan >= maxWaitMs) scan();
    leading = recent = false;
    timer = setTimeout(tick, Math.max(0, Math.min(quietMs, lastScan + maxWaitMs - now())));
  }
  // Called for every mutation batch the page makes all day, so it reads no clock: a change to a quiet
  // page is read on the next task (the banner comes within a frame or two); the ticks see the rest.
  const onChange = () => {
    pending = true;
    if (timer !== undefined) {
      recent = true;
      // Churning past what is worth tracking node by node: stop listening for a while, then listen
      // again and, once a tick goes by without a change, read the page whole (the longest wait still
      // holds). A few batches of records a second instead of one a frame: delivering them into this
      // world is most of what the content script costs a busy page.
      if (!changed) {
        observer.disconnect();
        listening = false;
        deafUntil = now() + DEAF_MS;
      }
    } else {
      leading = true;
      timer = setTimeout(tick, 0);
    }
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
  /** Same-origin frames whose documents are live (a parsed srcdoc is a snapshot, and cannot change). */
  const liveFrames = () =>
    Array.from(doc.querySelectorAll('iframe'), (frame) => {
      const inner = frameDocument(frame);
      return inner && inner === (frame as HTMLIFrameElement).contentDocument ? inner : undefined;
    }).filter((d): d is Document => !!d);
  function listen() {
    listening = true;
    observed = new WeakSet();
    for (const d of [doc, ...liveFrames()]) observe(d);
  }

  function scan() {
    pending = false;
    lastScan = now();
    const since = changed;
    changed = [];
    for (const inner of liveFrames()) {
      // A frame seen for the first time counts as changed as a whole.
      if (!observed.has(inner)) {
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
