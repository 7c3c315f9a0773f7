/**
 * Salesforce security-token emails. Recognised by structure, in any language:
 * a field whose value is a username (email format) and, on the next line, a
 * field whose value has the shape of a token. The sender's address must be on
 * salesforce.com; nothing in the body or the display name can stand in for it.
 */
import { parseFields, type Field } from './fields';
import { isSalesforceAddress } from './sender';
import type { Capture, MessageInput } from './types';

// Salesforce usernames have email format; sandbox ones carry a suffix (".uat").
const USERNAME = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const MAX_USERNAME = 80;
const TOKEN = /^[A-Za-z0-9]{20,30}$/;

/** Tokens are random letters and digits: demand at least two of lower, upper, digit so a long word never passes. */
export function isTokenShaped(value: string): boolean {
  if (!TOKEN.test(value)) return false;
  const classes = Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/[0-9]/.test(value));
  return classes >= 2;
}

export function isUsernameShaped(value: string): boolean {
  return value.length <= MAX_USERNAME && USERNAME.test(value);
}

function pairAt(a: Field, b: Field): { username: string; token: string } | undefined {
  if (b.line !== a.line + 1) return undefined;
  if (isUsernameShaped(a.value) && isTokenShaped(b.value)) return { username: a.value, token: b.value };
  if (isTokenShaped(a.value) && isUsernameShaped(b.value)) return { username: b.value, token: a.value };
  return undefined;
}

export function extractSalesforce(message: MessageInput): Capture[] {
  if (!isSalesforceAddress(message.sender.address)) return [];
  const fields = parseFields(message.bodyText);
  const captures: Capture[] = [];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < fields.length; i++) {
    const pair = pairAt(fields[i]!, fields[i + 1]!);
    if (!pair) continue;
    const key = `${pair.username}\n${pair.token}`;
    if (seen.has(key)) continue;
    seen.add(key);
    captures.push({
      provider: 'salesforce',
      ...pair,
      sender: { name: message.sender.name, address: message.sender.address.trim() },
      subject: message.subject,
      ...(message.date ? { date: message.date } : {}),
      ...(message.messageId ? { messageId: message.messageId } : {}),
    });
    i++;
  }
  return captures;
}
