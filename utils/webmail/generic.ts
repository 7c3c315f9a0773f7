/**
 * The layout-independent fallback. Webmails rename their generated class
 * names often; this adapter needs none of them. It finds text shaped like a
 * token email (a username line next to a token line), climbs from there to
 * the nearest address shown before that text (the sender), and reads the
 * subject from the nearest heading above. It runs only where no webmail
 * adapter sees an opened message, and only on a webmail's mail pages.
 *
 * What keeps it from trusting the wrong address:
 * - the sender comes before the token text: a webmail draws the header above
 *   the body, and the body is the only part a sender writes;
 * - the real header is outside the message body and before it, so climbing
 *   goes on past that first address, to the top of the page: every other
 *   address drawn above it must be Salesforce's too, and a header faked
 *   inside a body never beats the real one above it, however deep the body
 *   nests it; the header's own recipients, after the sender, do not count,
 *   nor does what a page holds but never draws (its title, where Gmail names
 *   the signed-in user, and its scripts);
 * - an address inside a body that sits in its own frame (Proton, iCloud) is
 *   never a sender;
 * - text that looks like an address but does not parse (a quoted local part)
 *   refuses the message, as an address that is not Salesforce's does;
 * - an address on a labelled line ("From: … <…>", "Username: …") is a field,
 *   never a sender, and quoted subtrees are skipped;
 * - the extractor still demands a Salesforce address.
 */
import { parseMailDate } from '../extract/date';
import { isSeparator } from '../extract/lines';
import { findTokenPairs } from '../extract/salesforce';
import { isSalesforceAddress } from '../extract/sender';
import { addressIn, bodyText, frameDocument, isQuoted, text } from './dom';
import type { OpenMessage, WebmailAdapter } from './types';

const ELEMENT = 1;
const TEXT = 3;
const BLOCK = /^(?:P|DIV|TD|TH|LI|PRE|BLOCKQUOTE|ARTICLE|SECTION|BODY|TABLE|TR|TBODY|MAIN|DD|DT)$/;
// A separator and a run of 20+ letters and digits: cheap test for "could hold a token".
const TOKEN_HINT = /[:\t\uff1a\ufe55\ufe13\u2236\ua789][ \t\u00a0\u200b-\u200f\u00ad\u2060\ufeff]*(?:\r?\n\s*)?[A-Za-z0-9\u200b-\u200f\u00ad\u2060\ufeff]{20}/;
const ADDRESS_ATTRS = ['email', 'data-email', 'data-hovercard-id', 'data-address', 'title'];
// Deep enough for any page: the climb goes to the top, so no nesting inside a body can hide the header above it.
const MAX_CLIMB = 512;

interface Candidate {
  el: Element;
  /** Undefined for text that looks like an address but is none we can read: that refuses the message. */
  address: string | undefined;
}

// What a page holds but never draws, where webmails keep the signed-in user's address (Gmail's title,
// every webmail's inline account data): no header is there, so none of it is a sender or a rival to one.
const UNDRAWN = /^(?:HEAD|TITLE|SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/i;

// An at sign between two non-blank characters: something meant as an address.
const ADDRESS_LIKE = /[^\s<>()[\]]@[^\s<>()[\]]/;

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

/** Addresses, or address-like text, shown in `root` outside `skip` and before it, in document order (through same-origin frames). */
function candidatesBefore(root: Element, skip: Element): Candidate[] {
  const found: Candidate[] = [];
  // The walk is in document order, so reaching `skip` ends what comes before it: a header is drawn above its body.
  let passed = false;
  walk(root, (node) => {
    if (passed || node === skip) {
      passed = true;
      return false;
    }
    if (node.nodeType === TEXT) {
      // Read the parent's whole text: a parser may split one address over several text nodes.
      const parent = node.parentElement;
      if (!(node as Text).data.includes('@') || !parent || found.at(-1)?.el === parent) return false;
      const value = parent.textContent ?? '';
      if (!hasSeparator(value)) {
        const address = addressIn(value);
        if (address || ADDRESS_LIKE.test(value)) found.push({ el: parent, address });
      }
      return false;
    }
    if (node.nodeType !== ELEMENT) return false;
    const el = node as Element;
    if (isQuoted(el) || UNDRAWN.test(el.tagName)) return false;
    for (const attr of ADDRESS_ATTRS) {
      const value = el.getAttribute(attr);
      if (!value?.includes('@') || hasSeparator(value.replace(/^mailto:/i, ''))) continue;
      const address = addressIn(value);
      if (address || ADDRESS_LIKE.test(value)) {
        found.push({ el, address });
        break;
      }
    }
    return true;
  });
  return found;
}

/**
 * The sender of the token text in `block`, or undefined to refuse it. The
 * first level above the text that shows an address is its header, and the
 * first address there is the sender (recipients follow it). Every level
 * above that, up to the top of the page, may show only Salesforce addresses.
 */
function senderOf(block: Element, hosts: Map<Document, Element>): { sender: Candidate; header: Element } | undefined {
  let inner: Element = block;
  let level = parentOf(block, hosts);
  let header: { sender: Candidate; header: Element } | undefined;
  for (let i = 0; level && i < MAX_CLIMB; i++) {
    if (isQuoted(level)) return undefined;
    // A body in a frame of its own is all body: nothing in it is a header.
    const inBodyFrame = level.ownerDocument === block.ownerDocument && hosts.has(block.ownerDocument);
    const candidates = inBodyFrame ? [] : candidatesBefore(level, inner);
    if (!header && candidates.length) {
      const [sender] = candidates;
      // One element naming two mailboxes (a title and a text that differ) is ambiguous.
      const same = candidates.filter((c) => c.el === sender!.el || c.el.contains(sender!.el) || sender!.el.contains(c.el));
      if (!sender!.address || same.some((c) => c.address?.toLowerCase() !== sender!.address!.toLowerCase())) return undefined;
      header = { sender: sender!, header: level };
    } else if (header && candidates.some((c) => !c.address || !isSalesforceAddress(c.address))) {
      return undefined;
    }
    inner = level;
    level = parentOf(level, hosts);
  }
  return header;
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
        const found = senderOf(block, hosts);
        if (!found) continue;
        const { sender, header } = found;
        // The body: the largest element between the token text and its header, in the token's own document.
        let body: Element = block;
        for (let el = block.parentElement; el?.parentElement && !el.contains(sender.el) && el !== header; el = el.parentElement) body = el;
        const date = dateIn(header, body);
        out.push({
          sender: {
            name: text(sender.el)
              .replace(/<[^>]*>|\S+@\S+/g, '')
              .trim(),
            address: sender.address!,
          },
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
