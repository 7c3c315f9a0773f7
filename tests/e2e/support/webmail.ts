/** Fixture pages for the e2e tests, served under each webmail's real origin. */
import { GMAIL_CONVERSATION_URL } from '../../../scripts/lib/flows';
import { drift, withAccount } from '../../fixtures/drift';
import { WEBMAILS, type WebmailId } from '../../../utils/webmail/hosts';
import { gmailPage, gmailShell, outlookPage, tokenEmailHtml, tokenEmailSubject, WEBMAIL_PAGES, type PageMessage } from '../../fixtures/pages';

export function originOf(id: WebmailId): string {
  return WEBMAILS.find((w) => w.id === id)!.origins[0]!;
}

/** Where each webmail shows one opened message: its reading route, as a user who opened the email would be. */
const READING: Record<WebmailId, string> = {
  gmail: new URL(GMAIL_CONVERSATION_URL).pathname + new URL(GMAIL_CONVERSATION_URL).hash,
  outlook: '/mail/0/inbox/id/AAQkAGI2TG93AAA',
  yahoo: '/d/folders/1/messages/42',
  proton: '/u/0/inbox/Zm9vYmFy',
  fastmail: '/mail/Inbox/M1234',
  zoho: '/zm/#mail/folder/inbox/p/1700000000000',
  icloud: '/mail/',
};

export const readingUrl = (id: WebmailId) => `${originOf(id)}${READING[id]}`;

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

/** The signed-in user, where real pages keep their address: the title, inline account data, the account button. */
const ACCOUNT = 'jane.doe@acme.example.com';

/** A genuine token email on `id` after a redesign no adapter knows (classes renamed, wrappers added, attributes dropped). */
export function driftedTokenPage(id: WebmailId, username: string, token: string): string {
  return drift(withAccount(tokenPage(id, username, token), ACCOUNT), 'all');
}

/**
 * A Gmail thread after a redesign no adapter knows (classes renamed, wrappers
 * added, attributes dropped), so only the generic fallback reads it, with the
 * signed-in user's address on the page: a genuine token email,
 * then a newer one for the same username from someone else, whose body fakes
 * a Salesforce header above the token lines. Both would be offered together,
 * the spoof as the newer token, if the fallback trusted the fake header.
 */
export function driftedSpoofThread(username: string, genuineToken: string, spoofToken: string): string {
  const html = gmailPage({
    subject: tokenEmailSubject(),
    messages: [
      { from: 'support@salesforce.com', date: 'Mon, Nov 2, 2026, 9:14 AM', bodyHtml: tokenEmailHtml({ username, token: genuineToken }) },
      {
        from: 'mallory@evil.example',
        fromName: 'Mallory',
        date: 'Fri, Nov 20, 2026, 9:14 AM',
        bodyHtml: `<p>Salesforce &lt;support@salesforce.com&gt;</p><p>Fri, Nov 20, 2026, 9:14 AM</p>${tokenEmailHtml({ username, token: spoofToken })}`,
      },
    ],
  });
  return drift(withAccount(html, ACCOUNT), 'all');
}

/** The opened conversation of a Gmail page for one token email: what `#main` holds while it is open. */
export function gmailConversation(username: string, token: string): string {
  const page = gmailPage({ subject: tokenEmailSubject(), messages: [{ from: 'support@salesforce.com', bodyHtml: tokenEmailHtml({ username, token }) }] });
  return page.slice(page.indexOf('<div class="nH ha">'), page.lastIndexOf('</div></body>'));
}

/** Gmail with one token email open in `#main`, which a test can swap for the next one (`openConversation`). */
export function gmailShellWithMessage(username: string, token: string): string {
  return gmailShell().replace(
    '<div class="nH" role="main" id="main"></div>',
    `<div class="nH" role="main" id="main">${gmailConversation(username, token)}</div>`,
  );
}

/** Runs in the page (passed to evaluate with the HTML): the user opens another conversation. */
export function openConversation(html: string): void {
  document.getElementById('main')!.innerHTML = html;
}

/** Gmail with a thread of two token emails for one user, 18 days apart: the older token, then the newer. */
export function gmailThreadOfTwo(username: string, older: string, newer: string): string {
  return gmailPage({
    subject: 'Your new Salesforce security token',
    messages: [
      { from: 'support@salesforce.com', date: 'Mon, Nov 2, 2026, 9:14 AM', bodyHtml: tokenEmailHtml({ username, token: older }) },
      { from: 'support@salesforce.com', date: 'Fri, Nov 20, 2026, 9:14 AM', bodyHtml: tokenEmailHtml({ username, token: newer }) },
    ],
  });
}
