/**
 * Notices opened messages as the webmail renders them. The observer callback
 * only arms a timer; the scan runs once per quiet period, so a page that
 * churns its DOM all day pays almost nothing.
 */
import type { WebmailId } from './hosts';
import { findCaptures, type FoundCapture } from './index';

export interface WatchOptions {
  /** Quiet time after the last mutation before scanning. */
  delayMs?: number;
}

export function watchCaptures(
  doc: Document,
  webmail: WebmailId,
  onFound: (captures: FoundCapture[]) => void,
  { delayMs = 150 }: WatchOptions = {},
): () => void {
  const view = doc.defaultView!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const scan = () => {
    timer = undefined;
    const found = findCaptures(doc, webmail);
    if (found.length) onFound(found);
  };
  const observer = new view.MutationObserver(() => {
    if (timer === undefined) timer = setTimeout(scan, delayMs);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  scan();
  return () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  };
}
