/** Zoho Mail's preview pane. */
import { selectorAdapter } from './selector-adapter';

export const zoho = selectorAdapter({
  id: 'zoho',
  message: '.zmPreview',
  sender: [{ selector: '.zmPVFrom[data-email]', attr: 'data-email' }, { selector: '.zmPVEmail' }],
  senderName: { selector: '.zmPVFrom' },
  body: '.zmPVMailContent, iframe.zmPVMailFrame',
  subject: [{ selector: '.zmPVSubject', attr: 'title' }, { selector: '.zmPVSubject' }],
  date: [{ selector: '.zmPVDate' }],
});
