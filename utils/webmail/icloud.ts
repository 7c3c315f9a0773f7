/** iCloud Mail: the body sits in a same-origin iframe beside the message header. */
import { selectorAdapter } from './selector-adapter';

export const icloud = selectorAdapter({
  id: 'icloud',
  message: '.thread-detail-pane',
  sender: [{ selector: '.sender-address', attr: 'title' }, { selector: '.sender-address' }],
  senderName: { selector: '.sender-name' },
  body: 'iframe.message-body-frame',
  subject: [{ selector: '.thread-subject' }],
  date: [{ selector: '.message-date' }],
});
