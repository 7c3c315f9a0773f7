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
  /** Does this document show an opened message in this webmail's layout? Picks adapters for saved pages. */
  detect(doc: Document): boolean;
  /**
   * The opened messages on the page. List previews are never messages.
   * With `changed` (the nodes added since the last look), only messages that
   * could differ are read again: the content script's scans stay cheap while
   * the rest of the page churns.
   */
  messages(doc: Document, changed?: readonly Node[]): OpenMessage[];
}
