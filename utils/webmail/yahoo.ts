/** Yahoo Mail: stable data-test-id attributes on every part of the message view. */
import { selectorAdapter } from './selector-adapter';

export const yahoo = selectorAdapter({
  id: 'yahoo',
  message: '[data-test-id="message-view"]',
  sender: [{ selector: '[data-test-id="message-from"] [data-test-id="email-pill"]', attr: 'title' }, { selector: '[data-test-id="message-from"]' }],
  senderName: { selector: '[data-test-id="message-from"] [data-test-id="email-pill"] span span' },
  body: '[data-test-id="message-view-body-content"]',
  subject: [{ selector: '[data-test-id="message-group-subject-text"]' }],
  date: [{ selector: '[data-test-id="message-date"]', attr: 'title' }],
});
