/** Fastmail's thread view (Overture framework, "v-" class names). */
import { selectorAdapter } from './selector-adapter';

export const fastmail = selectorAdapter({
  id: 'fastmail',
  message: '.v-Message',
  sender: [{ selector: '.v-Message-sender', attr: 'title' }, { selector: '.v-Message-senderAddress' }],
  senderName: { selector: '.v-Message-sender' },
  body: '.v-Message-body',
  subject: [{ selector: '.v-Thread-title' }],
  date: [{ selector: 'time[datetime]', attr: 'datetime' }],
});
