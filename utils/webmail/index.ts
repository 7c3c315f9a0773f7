/**
 * Document -> captures: picks the webmail adapter, reads the opened messages
 * and runs the extractors. The content script and `npm run extract` both call
 * this, so what the CLI prints is what the extension offers.
 */
import { extractCaptures, type Capture } from '../extract';
import { fastmail } from './fastmail';
import { generic } from './generic';
import { gmail } from './gmail';
import { onMailRoute, type WebmailId } from './hosts';
import { icloud } from './icloud';
import { outlook } from './outlook';
import { proton } from './proton';
import type { AdapterId, OpenMessage, WebmailAdapter } from './types';
import { yahoo } from './yahoo';
import { zoho } from './zoho';

export type { OpenMessage, WebmailAdapter, AdapterId } from './types';

export const ADAPTERS: readonly WebmailAdapter[] = [gmail, outlook, yahoo, proton, fastmail, zoho, icloud];

export interface FoundCapture extends Capture {
  source: AdapterId;
}

/** The adapters to try: the one for the page's webmail, or, for a saved page, those whose layout matches. */
export function adaptersFor(doc: Document, webmail?: WebmailId): WebmailAdapter[] {
  if (webmail) return ADAPTERS.filter((a) => a.id === webmail);
  return ADAPTERS.filter((a) => a.detect(doc));
}

/** Where the page is, when known: the content script passes its own address; a saved page has none. */
export interface PageContext {
  webmail?: WebmailId;
  /** The page's address: the generic fallback reads only a webmail's mail pages (see WebmailSite.mailRoute). */
  url?: string;
  /** The nodes added since the last call, to skip what cannot have changed (see WebmailAdapter). */
  changed?: readonly Node[];
}

/**
 * Opened messages on the page. Where a webmail's own adapter sees an opened
 * message, its reading is final: a message whose header it cannot read is
 * refused, never handed to the fallback. Only when no adapter sees a message
 * at all (a redesign, an unknown layout), on a mail page, does the generic
 * fallback look.
 */
export function openMessages(doc: Document, { webmail, url, changed }: PageContext = {}): Array<{ source: AdapterId; message: OpenMessage }> {
  const adapters = adaptersFor(doc, webmail);
  if (adapters.some((a) => a.detect(doc))) return adapters.flatMap((a) => a.messages(doc, changed).map((message) => ({ source: a.id, message })));
  if (url !== undefined && !onMailRoute(url)) return [];
  return generic.messages(doc, changed).map((message) => ({ source: generic.id, message }));
}

export function findCaptures(doc: Document, context: PageContext = {}): FoundCapture[] {
  const seen = new Set<string>();
  return openMessages(doc, context).flatMap(({ source, message }) =>
    extractCaptures(message)
      .filter((c) => {
        const key = `${c.username.toLowerCase()}\n${c.token}`;
        return !seen.has(key) && seen.add(key);
      })
      .map((c) => ({ ...c, source })),
  );
}
