/**
 * Salesforce security-token emails. Recognised by structure, in any language:
 * a field whose value has the shape of a token, with a username field (email
 * format) on the line just before or after it. The sender's address must be
 * on salesforce.com; nothing in the body or the display name can stand in.
 */
import { alnumFieldAt, fieldAfter, fieldBefore, forEachSeparator, lineStartAt, type Field } from './lines';
import { isSalesforceAddress } from './sender';
import { SALESFORCE } from '../kinds/salesforce-name';
import type { Capture, MessageInput } from './types';

// Salesforce usernames have email format; sandbox ones carry a suffix (".uat").
const USERNAME =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const MAX_USERNAME = 80;
const MIN_TOKEN = 20;
const MAX_TOKEN = 30;
// What follows an embedded message's header line ("From: Salesforce <support@…>",
// "… <support@…> wrote:", Outlook's "[mailto:…]") is a copy, not the message.
const ANGLE_ADDRESS = /^<[^\s<>@]+@[^\s<>]+>/;

/** Tokens are random letters and digits: demand at least two of lower, upper, digit so a long word never passes. */
export function isTokenShaped(value: string): boolean {
  const n = value.length;
  if (n < MIN_TOKEN || n > MAX_TOKEN) return false;
  let lower = 0;
  let upper = 0;
  let digit = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else return false;
  }
  return lower + upper + digit >= 2;
}

export function isUsernameShaped(value: string): boolean {
  return value.length <= MAX_USERNAME && USERNAME.test(value);
}

/** Start of the first line made of 5+ dashes, underscores or equals signs (mail clients' separators), or text.length. */
function firstSeparatorLine(text: string): number {
  let first = text.length;
  for (const rule of ['-----', '_____', '=====']) {
    for (let i = text.indexOf(rule); i !== -1 && i < first; i = text.indexOf(rule, i + rule.length)) {
      const start = lineStartAt(text, i);
      if (/^[ \t]*$/.test(text.slice(start, i))) {
        first = start;
        break;
      }
    }
  }
  return first;
}

/** Position of the first "<user@host>" or "[mailto:" in the text, or text.length. */
function firstEmbeddedHeader(text: string): number {
  const mailto = text.indexOf('[mailto:');
  const limit = mailto === -1 ? text.length : mailto;
  for (let i = text.indexOf('<'); i !== -1 && i < limit; i = text.indexOf('<', i + 1)) {
    if (ANGLE_ADDRESS.test(text.slice(i, i + 256))) return i;
  }
  return limit;
}

function usernameBeside(text: string, token: Field): Field | undefined {
  const before = fieldBefore(text, token.start);
  if (before && isUsernameShaped(before.value)) return before;
  const after = fieldAfter(text, token.end);
  return after && isUsernameShaped(after.value) ? after : undefined;
}

export interface TokenPair {
  username: string;
  token: string;
  /** Where the pair starts in the text. */
  at: number;
}

/**
 * Username/token pairs in the text, in order, whoever sent it: the structural
 * half of extraction. The generic webmail adapter uses it to find a token
 * email's body before it knows the sender.
 */
export function findTokenPairs(text: string): TokenPair[] {
  // Keyed by the token's hash: a string key would cost a slow read of a slice per candidate.
  const found = new Map<number, TokenPair[]>();
  // Computed on the first candidate only: most messages have none.
  let cutoff: number | undefined;
  let embeddedAt: number | undefined;
  forEachSeparator(text, (sep) => {
    const token = alnumFieldAt(text, sep, MIN_TOKEN, MAX_TOKEN);
    // Two kinds of character at least, as isTokenShaped demands, read off the scan.
    if (!token || !(token.kinds & (token.kinds - 1))) return;
    // Everything below a forward/reply separator was written by someone else.
    cutoff ??= firstSeparatorLine(text);
    if (token.start >= cutoff) return;
    const user = usernameBeside(text, token);
    if (!user) return;
    embeddedAt ??= firstEmbeddedHeader(text);
    const at = Math.min(token.start, user.start);
    if (embeddedAt < at) return;
    const pair = { username: user.value, token: token.value, at };
    const same = found.get(token.hash);
    if (!same) found.set(token.hash, [pair]);
    else if (!same.some((p) => p.token === pair.token && p.username === pair.username)) same.push(pair);
  });
  return [...found.values()].flat().sort((a, b) => a.at - b.at);
}

export function extractSalesforce(message: MessageInput): Capture[] {
  if (!isSalesforceAddress(message.sender.address)) return [];
  return findTokenPairs(message.bodyText).map(({ username, token }) => ({
    provider: SALESFORCE,
    username,
    token,
    sender: { name: message.sender.name, address: message.sender.address.trim() },
    subject: message.subject,
    ...(message.date ? { date: message.date } : {}),
    ...(message.messageId ? { messageId: message.messageId } : {}),
  }));
}
