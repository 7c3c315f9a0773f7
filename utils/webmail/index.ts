/**
 * Document -> captures: picks the webmail adapter, reads the opened messages
 * and runs the extractors. The content script and `npm run extract` both call
 * this, so what the CLI prints is what the extension offers.
 */
import { extractCaptures, type Capture } from '../extract';
import { fastmail } from './fastmail';
import { generic } from './generic';
import { gmail } from './gmail';
import type { WebmailId } from './hosts';
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

/**
 * Opened messages on the page. The specific adapters read the header the
 * webmail draws; only when none of them finds an opened message (a renamed
 * class, an unknown layout) does the generic fallback look.
 */
export function openMessages(doc: Document, webmail?: WebmailId, changed?: readonly Node[]): Array<{ source: AdapterId; message: OpenMessage }> {
  const adapters = adaptersFor(doc, webmail);
  const specific = adapters.flatMap((a) => a.messages(doc, changed).map((message) => ({ source: a.id, message })));
  if (specific.length) return specific;
  // "Nothing new" from an adapter that sees opened messages is not "a layout we cannot read".
  if (changed && adapters.some((a) => a.detect(doc))) return [];
  return generic.messages(doc, changed).map((message) => ({ source: generic.id, message }));
}

/** `changed`: the nodes added since the last call, to skip what cannot have changed (see WebmailAdapter). */
export function findCaptures(doc: Document, webmail?: WebmailId, changed?: readonly Node[]): FoundCapture[] {
  const seen = new Set<string>();
  return openMessages(doc, webmail, changed).flatMap(({ source, message }) =>
    extractCaptures(message)
      .filter((c) => {
        const key = `${c.username.toLowerCase()}\n${c.token}`;
        return !seen.has(key) && seen.add(key);
      })
      .map((c) => ({ ...c, source })),
  );
}
