/**
 * Who sent a runtime message, told by exact origin: our own extension pages,
 * our content script on a webmail origin, or nobody we answer.
 */
import { webmailForOrigin } from '../webmail/hosts';

/** Who sent a message: one of our extension pages, or our content script on a webmail origin. */
export type SenderContext = 'page' | 'content';

export interface MessageSenderInfo {
  id?: string;
  url?: string;
  origin?: string;
}

/**
 * Classifies a runtime message sender by exact origin. Anything that is not
 * this extension, or not one of the webmail origins, gets `undefined` and is
 * dropped without a reply.
 */
export function classifySender(sender: MessageSenderInfo, extension: { id: string; origin: string }): SenderContext | undefined {
  if (sender.id !== extension.id) return undefined;
  const origin = sender.origin ?? originOf(sender.url);
  if (origin === extension.origin) return 'page';
  return webmailForOrigin(origin) ? 'content' : undefined;
}

/** scheme://host[:port]; also for extension schemes, where `URL.origin` is "null" in some engines. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.origin !== 'null') return u.origin;
    return u.host ? `${u.protocol}//${u.host}` : undefined;
  } catch {
    return undefined;
  }
}
