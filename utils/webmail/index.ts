/**
 * Document -> captures: picks the webmail adapter, reads the opened messages
 * and runs the extractors. The content script and `npm run extract` both call
 * this, so what the CLI prints is what the extension offers.
 */
import { extractCaptures, type Capture } from '../extract';
import { gmail } from './gmail';
import type { WebmailId } from './hosts';
import type { AdapterId, OpenMessage, WebmailAdapter } from './types';

export type { OpenMessage, WebmailAdapter, AdapterId } from './types';

export const ADAPTERS: readonly WebmailAdapter[] = [gmail];

export interface FoundCapture extends Capture {
  source: AdapterId;
}

/** The adapters to try: the one for the page's webmail, or, for a saved page, those whose layout matches. */
export function adaptersFor(doc: Document, webmail?: WebmailId): WebmailAdapter[] {
  if (webmail) return ADAPTERS.filter((a) => a.id === webmail);
  return ADAPTERS.filter((a) => a.detect(doc));
}

export function openMessages(doc: Document, webmail?: WebmailId): Array<{ source: AdapterId; message: OpenMessage }> {
  return adaptersFor(doc, webmail).flatMap((a) => a.messages(doc).map((message) => ({ source: a.id, message })));
}

export function findCaptures(doc: Document, webmail?: WebmailId): FoundCapture[] {
  return openMessages(doc, webmail).flatMap(({ source, message }) =>
    extractCaptures(message).map((c) => ({ ...c, source })),
  );
}
