/** Small DOM helpers shared by the webmail adapters. */
import { textOf } from './text';

const QUOTE_CLASSES = ['gmail_quote', 'gmail_extra', 'yahoo_quoted', 'protonmail_quote', 'moz-cite-prefix', 'OutlookMessageHeader'];
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
