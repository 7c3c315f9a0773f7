/**
 * Proton Mail renders each message body into a same-origin iframe; the
 * adapter reads it from the parent page, next to the sender it belongs to.
 */
import { selectorAdapter } from './selector-adapter';

export const proton = selectorAdapter({
  id: 'proton',
  message: 'article.message-container, [data-testid^="message-view-"]',
  sender: [{ selector: '[data-testid="recipients:sender"] [data-testid="recipients:item-address"]' }, { selector: '[data-testid="recipients:sender"]' }],
  senderName: { selector: '[data-testid="recipients:sender"] .message-recipient-item-label' },
  body: 'iframe[data-testid="content-iframe"], [data-testid="message-content:body"]',
  subject: [{ selector: '[data-testid="conversation-header:subject"]', attr: 'title' }, { selector: '[data-testid="conversation-header:subject"]' }],
  date: [{ selector: 'time[datetime]', attr: 'datetime' }],
});
