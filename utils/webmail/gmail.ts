/**
 * Gmail's conversation view. Each opened message is a `div.adn` holding its
 * header (sender in `span.gD[email]`, date in `span.g3[title]`) and its body
 * in `div.a3s`. Collapsed messages have no `.a3s` and the inbox list has no
 * `.adn`, so neither can yield a capture.
 */
import { selectorAdapter } from './selector-adapter';

export const gmail = selectorAdapter({
  id: 'gmail',
  message: 'div.adn',
  sender: [
    { selector: 'span.gD[email]', attr: 'email' },
    { selector: 'h3 [email]', attr: 'email' },
  ],
  senderName: { selector: 'span.gD[email]', attr: 'name' },
  body: 'div.a3s',
  subject: [{ selector: 'h2.hP' }],
  date: [{ selector: 'span.g3[title]', attr: 'title' }],
  messageId: { attr: 'data-legacy-message-id' },
});
