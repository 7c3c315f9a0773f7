/**
 * The layout-independent fallback. Webmails rename their generated class
 * names often; this adapter needs none of them. It finds text shaped like a
 * token email (a username line next to a token line), climbs from there to
 * the nearest address shown outside that text (the sender), and reads the
 * subject from the nearest heading above.
 *
 * What keeps it from trusting the wrong address:
 * - an address on a labelled line ("From: … <…>", "Username: …") is a field,
 *   never a sender, so a forwarded header or the username cannot be taken for one;
 * - quoted subtrees are skipped, and the extractor refuses text below an
 *   embedded header or a forward separator;
 * - the extractor still demands a salesforce.com address.
 * Its known limit: a plain "Name <address>" line written above the token
 * inside an email body can pass for the sender. The specific adapters read
 * the header the webmail itself draws and do not have that limit; this one
 * runs only where they find no opened message.
 */
import { parseMailDate } from '../extract/date';
import { isSeparator } from '../extract/lines';
import { findTokenPairs } from '../extract/salesforce';
import { addressIn, bodyText, frameDocument, isQuoted, text } from './dom';
import type { OpenMessage, WebmailAdapter } from './types';

const ELEMENT = 1;
const TEXT = 3;
const BLOCK = /^(?:P|DIV|TD|TH|LI|PRE|BLOCKQUOTE|ARTICLE|SECTION|BODY|TABLE|TR|TBODY|MAIN|DD|DT)$/;
// A separator and a run of 20+ letters and digits: cheap test for "could hold a token".
const TOKEN_HINT = /[:\t\uff1a\ufe55\ufe13\u2236\ua789][ \t\u00a0\u200b-\u200f\u00ad\u2060\ufeff]*(?:\r?\n\s*)?[A-Za-z0-9\u200b-\u200f\u00ad\u2060\ufeff]{20}/;
const ADDRESS_ATTRS = ['email', 'data-email', 'data-hovercard-id', 'data-address', 'title'];
const MAX_CLIMB = 16;

interface Candidate {
  el: Element;
  address: string;
  /** How surely this is the mailbox and not a display name: attribute > "<address>" text > bare text. */
  strength: 3 | 2 | 1;
}

/** Could this added node hold a token email? Most fail on length alone. */
function mayHoldToken(node: Node): boolean {
  if (!node.isConnected) return false;
  const text = node.textContent;
  return !!text && text.length >= 24 && TOKEN_HINT.test(text);
}

/** Depth-first walk; `visit` returns false to skip a subtree. */
function walk(root: Node, visit: (node: Node) => boolean): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (!visit(node)) continue;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Element or, when we reach the top of a frame's document, the iframe hosting it. */
function parentOf(el: Element, hosts: Map<Document, Element>): Element | null {
  return el.parentElement ?? hosts.get(el.ownerDocument) ?? null;
}

function hasSeparator(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (isSeparator(line.charCodeAt(i))) return true;
  return false;
}

/** The likeliest sender among candidates: the strongest kind, then the first in document order. */
function bestSender(candidates: Candidate[]): Candidate | undefined {
  const strongest = Math.max(0, ...candidates.map((c) => c.strength));
  return candidates.find((c) => c.strength === strongest);
}

/** Addresses shown in `root` outside `skip`, in document order (through same-origin frames). */
function candidatesIn(root: Element, skip: Element): Candidate[] {
  const found: Candidate[] = [];
  walk(root, (node) => {
    if (node === skip) return false;
    if (node.nodeType === TEXT) {
      const data = (node as Text).data;
      if (data.includes('@') && !hasSeparator(node.parentElement?.textContent ?? data)) {
        const address = addressIn(data);
        if (address && node.parentElement) found.push({ el: node.parentElement, address, strength: data.includes('<') ? 2 : 1 });
      }
      return false;
    }
    if (node.nodeType !== ELEMENT) return false;
    const el = node as Element;
    if (isQuoted(el)) return false;
    for (const attr of ADDRESS_ATTRS) {
      const value = el.getAttribute(attr);
      const address = value && !hasSeparator(value.replace(/^mailto:/i, '')) ? addressIn(value) : undefined;
      if (address) {
        found.push({ el, address, strength: 3 });
        break;
      }
    }
    return true;
  });
  return found;
}

function blockOf(node: Node): Element | null {
  let el = node.nodeType === ELEMENT ? (node as Element) : node.parentElement;
  while (el && !BLOCK.test(el.tagName.toUpperCase())) el = el.parentElement;
  return el;
}

/** The smallest elements whose text holds a username/token pair. */
function tokenBlocks(doc: Document): Element[] {
  const blocks = new Set<Element>();
  walk(doc.body ?? doc.documentElement, (node) => {
    if (node.nodeType === ELEMENT) return !isQuoted(node as Element) && !/^(?:SCRIPT|STYLE|TEMPLATE|HEAD)$/i.test((node as Element).tagName);
    if (node.nodeType === TEXT && /[:\t\uff1a]/.test((node as Text).data)) {
      let el = blockOf(node);
      for (let i = 0; el && i < 4; i++, el = el.parentElement) {
        if (findTokenPairs(bodyText(el)).length) {
          blocks.add(el);
          break;
        }
      }
    }
    return false;
  });
  // Keep the innermost: an ancestor of another block adds nothing.
  return [...blocks].filter((b) => ![...blocks].some((o) => o !== b && b.contains(o)));
}

function subjectBefore(el: Element): string {
  const doc = el.ownerDocument;
  let subject = '';
  for (const heading of doc.querySelectorAll('h1, h2, h3, [role="heading"]')) {
    // eslint-disable-next-line no-bitwise
    if (heading.compareDocumentPosition(el) & 4 /* el follows heading */ && !heading.contains(el)) subject = text(heading);
  }
  return subject || doc.title;
}

function dateIn(scope: Element, skip: Element): string | undefined {
  const time = scope.querySelector('time[datetime]');
  const fromTime = time && !skip.contains(time) ? parseMailDate(time.getAttribute('datetime')) : undefined;
  if (fromTime) return fromTime;
  let date: string | undefined;
  walk(scope, (node) => {
    if (date || node === skip) return false;
    if (node.nodeType === ELEMENT) {
      date = parseMailDate((node as Element).getAttribute('title'));
      return !date;
    }
    if (node.nodeType === TEXT) date = parseMailDate((node as Text).data);
    return false;
  });
  return date;
}

/** Same-origin frames, recursively, with the iframe element that hosts each. */
function framesOf(doc: Document, hosts: Map<Document, Element>, depth = 0): Document[] {
  if (depth > 3) return [];
  const docs: Document[] = [];
  for (const frame of doc.querySelectorAll('iframe')) {
    const inner = frameDocument(frame);
    if (!inner || hosts.has(inner)) continue;
    hosts.set(inner, frame);
    docs.push(inner, ...framesOf(inner, hosts, depth + 1));
  }
  return docs;
}

export const generic: WebmailAdapter = {
  id: 'generic',
  detect: () => true,
  messages(doc, changed) {
    // Most scans follow changes that hold no token-shaped text at all: stop there.
    if (changed && !changed.some(mayHoldToken)) return [];
    const hosts = new Map<Document, Element>();
    const out: OpenMessage[] = [];
    for (const d of [doc, ...framesOf(doc, hosts)]) {
      const root = d.body ?? d.documentElement;
      if (!root || !TOKEN_HINT.test(root.textContent ?? '')) continue;
      for (const block of tokenBlocks(d)) {
        // Climb until something outside the token text shows an address: that is the sender.
        // The body is the largest element climbed through in the token's own document.
        let inner: Element = block;
        let body: Element = block;
        let sender: Candidate | undefined;
        let level = parentOf(block, hosts);
        for (let i = 0; level && i < MAX_CLIMB && !sender; i++) {
          if (isQuoted(level)) break;
          sender = bestSender(candidatesIn(level, inner));
          if (!sender) {
            inner = level;
            if (level.ownerDocument === block.ownerDocument) body = level;
            level = parentOf(level, hosts);
          }
        }
        if (!sender || !level) continue;
        const date = dateIn(level, inner);
        out.push({
          sender: { name: text(sender.el).replace(/<[^>]*>|\S+@\S+/g, '').trim(), address: sender.address },
          subject: subjectBefore(sender.el),
          ...(date ? { date } : {}),
          bodyText: bodyText(body),
          bodyRoot: body,
        });
      }
    }
    return out;
  },
};
