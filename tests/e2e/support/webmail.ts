/** Fixture pages for the e2e tests, served under each webmail's real origin. */
import { WEBMAILS, type WebmailId } from '../../../utils/webmail/hosts';
import { gmailPage, outlookPage, tokenEmailHtml, tokenEmailSubject, WEBMAIL_PAGES, type PageMessage } from '../../fixtures/pages';

export function originOf(id: WebmailId): string {
  return WEBMAILS.find((w) => w.id === id)!.origins[0]!;
}

export function tokenPage(id: WebmailId, username: string, token: string, over: Partial<PageMessage> = {}): string {
  return WEBMAIL_PAGES[id]({ from: 'support@salesforce.com', bodyHtml: tokenEmailHtml({ username, token }), ...over });
}

/**
 * A Gmail conversation whose first message has a body of about `bytes` of
 * plain prose, followed by a token email: the content script must neither
 * hang the page nor give up before the second message.
 */
export function hugeThenTokenPage(bytes: number, username: string, token: string): string {
  const paragraph = '<p>Quarterly figures, appendix and notes. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>';
  return gmailPage({
    subject: 'Big newsletter, then a token',
    messages: [
      { from: 'news@example.com', fromName: 'Newsletter', bodyHtml: paragraph.repeat(Math.ceil(bytes / paragraph.length)) },
      { from: 'support@salesforce.com', bodyHtml: tokenEmailHtml({ username, token }) },
    ],
  });
}

export interface Control {
  username: string;
  token: string;
}

/**
 * A page on `id` that shows `suspect`, a message that must not be offered,
 * and then a genuine token email for `control`. Banners come one at a time,
 * in the order of the messages, so the first banner names the control
 * unless the suspect was offered. That makes "nothing offered" a positive
 * check: no waiting for something not to happen.
 */
export function suspectThenControl(id: 'gmail' | 'outlook', suspect: PageMessage, control: Control): string {
  const messages = [suspect, { from: 'support@salesforce.com', bodyHtml: tokenEmailHtml(control) }];
  return id === 'gmail' ? gmailPage({ subject: tokenEmailSubject(), messages }) : outlookPage({ subject: tokenEmailSubject(), messages });
}
