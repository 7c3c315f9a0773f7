/**
 * Gmail's conversation view. Each opened message is a `div.adn` holding its
 * header (sender in `span.gD[email]`, date in `span.g3[title]`) and its body
 * in `div.a3s`. Collapsed messages have no `.a3s` and the inbox list has no
 * `.adn`, so neither can yield a capture.
 */
import { parseMailDate } from '../extract/date';
import { bodyText, text } from './dom';
import type { OpenMessage, WebmailAdapter } from './types';

export const gmail: WebmailAdapter = {
  id: 'gmail',
  detect: (doc) => doc.querySelector('div.adn .a3s, h2.hP') !== null,
  messages(doc) {
    const subject = text(doc.querySelector('h2.hP'));
    const out: OpenMessage[] = [];
    for (const message of doc.querySelectorAll('div.adn')) {
      const body = message.querySelector('div.a3s');
      const from = message.querySelector('span.gD[email]') ?? message.querySelector('h3 [email]');
      const address = from?.getAttribute('email');
      if (!body || !from || !address) continue;
      const dateEl = message.querySelector('span.g3[title]');
      const date = parseMailDate(dateEl?.getAttribute('title'));
      const messageId = message.getAttribute('data-legacy-message-id') ?? message.getAttribute('data-message-id') ?? undefined;
      out.push({
        sender: { name: from.getAttribute('name') ?? text(from), address },
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
