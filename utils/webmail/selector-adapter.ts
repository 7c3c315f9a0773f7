/**
 * Most webmails lay a message out the same way: a container holding a
 * sender chip, a date and a body. An adapter is then just the selectors for
 * those parts; this turns such a spec into a WebmailAdapter.
 */
import { parseMailDate } from '../extract/date';
import type { WebmailId } from './hosts';
import { addressIn, bodyElement, bodyText, text, touchedBy } from './dom';
import type { OpenMessage, WebmailAdapter } from './types';

/** Where a value lives: an element (the message itself when no selector), and the attribute to read (its text when absent). */
export interface Pick {
  selector?: string;
  attr?: string;
}

export interface AdapterSpec {
  id: WebmailId;
  /** One element per opened message. */
  message: string;
  /** Inside the message (or, failing that, the document): where the sender's address is. Tried in order. */
  sender: Pick[];
  /** The sender's display name; the sender element's text otherwise. */
  senderName?: Pick;
  /** The body element or the iframe that holds it. */
  body: string;
  /** Document-level subject. */
  subject: Pick[];
  date?: Pick[];
  messageId?: Pick;
}

function read(scope: Element | Document, pick: Pick): string | undefined {
  const el = pick.selector ? scope.querySelector(pick.selector) : scope.nodeType === 1 ? (scope as Element) : null;
  if (!el) return undefined;
  return (pick.attr ? el.getAttribute(pick.attr) : text(el)) ?? undefined;
}

function first(scope: Element | Document, picks: Pick[] | undefined, parse: (v: string) => string | undefined = (v) => v || undefined): string | undefined {
  for (const pick of picks ?? []) {
    const raw = read(scope, pick);
    const value = raw === undefined ? undefined : parse(raw);
    if (value) return value;
  }
  return undefined;
}

/**
 * The sender's address from the message's header, or undefined to refuse the
 * message. The first pick that finds an element outside the body decides: it
 * must give exactly one address, or the header is ambiguous ("Salesforce
 * <support@salesforce.com>" as a display name before the real address) or
 * unreadable (a quoted local part), and no later pick gets a say, least of all
 * something inside the body.
 */
function headerSender(message: Element, bodyHost: Element, picks: Pick[]): string | undefined {
  for (const pick of picks) {
    const elements = (pick.selector ? Array.from(message.querySelectorAll(pick.selector)) : [message]).filter(
      (el) => (el === message || !bodyHost.contains(el)) && (!pick.attr || el.hasAttribute(pick.attr)),
    );
    if (!elements.length) continue;
    const found = elements.map((el) => addressIn(pick.attr ? el.getAttribute(pick.attr) : text(el)));
    const first = found[0];
    return first && found.every((a) => a?.toLowerCase() === first.toLowerCase()) ? first : undefined;
  }
  return undefined;
}

export function selectorAdapter(spec: AdapterSpec): WebmailAdapter {
  return {
    id: spec.id,
    // An opened message is one with a body: the inbox list and collapsed messages have none.
    detect: (doc) => Array.from(doc.querySelectorAll(spec.message)).some((m) => m.querySelector(spec.body) !== null),
    messages(doc, changed) {
      const subject = first(doc, spec.subject) ?? '';
      const out: OpenMessage[] = [];
      for (const message of doc.querySelectorAll(spec.message)) {
        const bodyHost = message.querySelector(spec.body);
        const body = bodyElement(bodyHost);
        if (!bodyHost || !body) continue;
        if (!touchedBy(message, changed) && !(body.ownerDocument !== doc && touchedBy(body, changed))) continue;
        const address = headerSender(message, bodyHost, spec.sender);
        if (!address) continue;
        const name = (spec.senderName && read(message, spec.senderName)) || '';
        const date = first(message, spec.date, parseMailDate);
        const messageId = spec.messageId && read(message, spec.messageId);
        out.push({
          sender: { name: name.replace(/<[^>]*>/g, '').trim(), address },
          subject,
          ...(date ? { date } : {}),
          ...(messageId ? { messageId } : {}),
          bodyText: bodyText(body),
          bodyRoot: body,
        });
      }
      return out;
    },
  };
}
