import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../scripts/lib/dom';
import { findCaptures, openMessages } from '../../../utils/webmail';
import { gmailPage, gmailTokenPage, tokenEmailHtml } from '../../fixtures/pages';

const TOKEN = 'Xk29fPqL0mZr7TbV4nWc1yHs';

describe('Gmail adapter', () => {
  it('reads sender, subject, date and body of an opened message', () => {
    const doc = parseDocument(gmailTokenPage({ username: 'a@b.com', token: TOKEN, from: 'support@emea.salesforce.com', date: 'Sat, Nov 21, 2026, 9:14 AM' }));
    const [found] = openMessages(doc, { webmail: 'gmail' });
    expect(found?.source).toBe('gmail');
    expect(found?.message).toMatchObject({
      sender: { name: 'Salesforce', address: 'support@emea.salesforce.com' },
      subject: 'Your new Salesforce security token',
      date: new Date(2026, 10, 21, 9, 14).toISOString(),
    });
    expect(found?.message.bodyText).toContain(`Security token (case-sensitive): ${TOKEN}`);
  });

  it('captures each token of a thread with its own date', () => {
    const doc = parseDocument(
      gmailPage({
        subject: 'Your new Salesforce security token',
        messages: [
          {
            from: 'support@salesforce.com',
            date: 'Mon, Nov 2, 2026, 9:14 AM',
            bodyHtml: tokenEmailHtml({ username: 'ops@acme.com', token: 'wpwPPt2FmFQ3K0RmNb7r6cOHh' }),
          },
          {
            from: 'support@salesforce.com',
            date: 'Fri, Nov 20, 2026, 9:14 AM',
            bodyHtml: tokenEmailHtml({ username: 'ops@acme.com', token: 'yDIEfTpBUz4HXmLlaZD7imDy6' }),
          },
        ],
      }),
    );
    expect(findCaptures(doc).map((c) => [c.token, c.date])).toEqual([
      ['wpwPPt2FmFQ3K0RmNb7r6cOHh', new Date(2026, 10, 2, 9, 14).toISOString()],
      ['yDIEfTpBUz4HXmLlaZD7imDy6', new Date(2026, 10, 20, 9, 14).toISOString()],
    ]);
  });

  it("never takes the sender from a display name, only from the header's email attribute", () => {
    const doc = parseDocument(gmailTokenPage({ username: 'a@b.com', token: TOKEN, from: 'attacker@example.com', fromName: 'support@salesforce.com' }));
    expect(findCaptures(doc)).toEqual([]);
  });

  it('ignores a token email quoted or forwarded inside a message from someone else, and inside a Salesforce one', () => {
    const quoted = `<p>FYI</p><div class="gmail_quote">---------- Forwarded message ---------<br>From: Salesforce &lt;support@salesforce.com&gt;<br>${tokenEmailHtml({ username: 'a@b.com', token: TOKEN })}</div>`;
    for (const from of ['colleague@acme.com', 'support@salesforce.com']) {
      const doc = parseDocument(gmailPage({ subject: 'Fwd: Your new Salesforce security token', messages: [{ from, bodyHtml: quoted }] }));
      expect(findCaptures(doc)).toEqual([]);
    }
    const blockquote = `<p>see below</p><blockquote>${tokenEmailHtml({ username: 'a@b.com', token: TOKEN })}</blockquote>`;
    const doc = parseDocument(gmailPage({ subject: 'Re: token', messages: [{ from: 'support@salesforce.com', bodyHtml: blockquote }] }));
    expect(findCaptures(doc)).toEqual([]);
  });

  it('never reads the inbox list, even when a preview line shows a token', () => {
    const doc = parseDocument(
      `<div role="main"><table class="F cf zt"><tr class="zA"><td><span email="support@salesforce.com" class="zF">Salesforce</span></td><td><span class="bog">Your new Salesforce security token</span><span class="y2"> - Username: a@b.com Security token (case-sensitive): ${TOKEN}</span></td></tr></table></div>`,
    );
    expect(findCaptures(doc, { webmail: 'gmail' })).toEqual([]);
  });

  it('skips collapsed messages, which have no body', () => {
    const html = gmailTokenPage({ username: 'a@b.com', token: TOKEN }).replace(/<div class="ii gt">[\s\S]*?<\/div><\/div><\/div><\/div>/, '</div></div>');
    expect(findCaptures(parseDocument(html))).toEqual([]);
  });
});
