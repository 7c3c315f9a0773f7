/** Small DOM helpers shared by the webmail adapters. */
import { findAddress } from '../extract/sender';
import { textOf } from './text';

const QUOTE_CLASSES = [
  'gmail_quote',
  'gmail_extra',
  'yahoo_quoted',
  'protonmail_quote',
  'moz-cite-prefix',
  'OutlookMessageHeader',
  'zmail_extra',
  'apple-mail-quote',
];
const QUOTE_IDS = ['divRplyFwdMsg', 'appendonsend'];

/** Quoted and forwarded copies inside a message: someone else's words, never a capture source. */
export function isQuoted(el: Element): boolean {
  if (el.tagName.toUpperCase() === 'BLOCKQUOTE') return true;
  const id = el.getAttribute('id');
  if (id && QUOTE_IDS.includes(id)) return true;
  const cls = el.getAttribute('class');
  return !!cls && QUOTE_CLASSES.some((c) => cls.split(/\s+/).includes(c));
}

/** Body text of a message, without quoted copies. */
export function bodyText(root: Element): string {
  return textOf(root, { skip: isQuoted });
}

export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The document inside an iframe: live when same-origin (Proton and iCloud
 * render bodies this way), else parsed from its srcdoc attribute, which lives
 * in the parent page. Parsed documents never run scripts. Null when neither
 * is available (a cross-origin body cannot be tied to its sender).
 */
export function frameDocument(frame: Element): Document | null {
  let live: Document | null = null;
  try {
    live = (frame as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    live = null;
  }
  if (live?.body?.firstChild) return live;
  const srcdoc = frame.getAttribute('srcdoc');
  const Parser = frame.ownerDocument.defaultView?.DOMParser;
  return srcdoc && Parser ? new Parser().parseFromString(srcdoc, 'text/html') : live;
}

/** The element holding the message body, looking through an iframe when the body is one. */
export function bodyElement(el: Element | null): Element | null {
  if (!el) return null;
  if (el.tagName.toUpperCase() === 'IFRAME') return frameDocument(el)?.body ?? null;
  return el;
}

/** The sender address in an attribute or text such as "Salesforce <support@salesforce.com>". */
export function addressIn(value: string | null | undefined): string | undefined {
  return value ? findAddress(value) : undefined;
}

/** Did any of the changed nodes land inside `root`, or wrap it? Without a change list, everything may have. */
export function touchedBy(root: Node, changed: readonly Node[] | undefined): boolean {
  if (!changed) return true;
  for (const node of changed) {
    if (node.isConnected && (root.contains(node) || node.contains(root))) return true;
  }
  return false;
}
