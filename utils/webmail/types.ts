import type { MessageInput } from '../extract/types';
import type { WebmailId } from './hosts';

/** A message the user has open in a webmail's reading view. */
export interface OpenMessage extends MessageInput {
  /** The element holding the body; lets the content script tell messages apart. */
  bodyRoot: Element;
}

export type AdapterId = WebmailId | 'generic';

export interface WebmailAdapter {
  id: AdapterId;
  /** For saved pages with no URL: does this document look like this webmail's reading view? */
  detect(doc: Document): boolean;
  /** The opened messages on the page. List previews are never messages. */
  messages(doc: Document): OpenMessage[];
}
