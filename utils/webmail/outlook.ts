/**
 * Outlook on the web (outlook.live.com, outlook.office.com, outlook.office365.com).
 * The reading pane holds one region per opened message; the body is the
 * element with role="document". Its class names are generated and change
 * often, so roles and test ids come first and the generic fallback backs
 * this adapter up.
 */
import { selectorAdapter } from './selector-adapter';

export const outlook = selectorAdapter({
  id: 'outlook',
  message: '[role="region"]:has([role="document"])',
  sender: [{ selector: '[aria-label^="From"], .OZZZK' }, { selector: 'span[title*="@"]', attr: 'title' }],
  senderName: { selector: '[aria-label^="From"], .OZZZK' },
  body: '[role="document"]',
  subject: [{ selector: '[role="heading"] [title]', attr: 'title' }, { selector: '[role="heading"]' }],
  date: [{ selector: '[data-testid="SentReceivedSavedTime"]' }],
});
