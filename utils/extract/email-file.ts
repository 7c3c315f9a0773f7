/**
 * .eml and header-led .txt files (what desktop clients save) -> MessageInput.
 * MIME parsing is postal-mime's job; we only pick the fields we trust: the
 * From address of the file's own top-level message. A forwarded message
 * attached inside it is ignored, so forwarding never launders a sender.
 */
import PostalMime from 'postal-mime';
import { parseMailDate } from './date';
import type { MessageInput } from './types';

/** Larger files are refused: no token email comes close, and parsing must stay bounded. */
export const MAX_EMAIL_BYTES = 25 * 1024 * 1024;

export class EmailFileError extends Error {
  override name = 'EmailFileError';
}

export async function readEmailFile(raw: string | ArrayBuffer | Uint8Array, htmlToText: (html: string) => string): Promise<MessageInput> {
  const size = typeof raw === 'string' ? raw.length : raw.byteLength;
  if (size > MAX_EMAIL_BYTES) throw new EmailFileError(`email file is larger than ${MAX_EMAIL_BYTES >> 20} MB`);
  const email = await PostalMime.parse(raw);
  const bodyText = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : '';
  const date = parseMailDate(email.date);
  return {
    sender: { name: email.from?.name ?? '', address: email.from?.address ?? '' },
    subject: email.subject ?? '',
    ...(date ? { date } : {}),
    ...(email.messageId ? { messageId: email.messageId } : {}),
    bodyText,
  };
}
