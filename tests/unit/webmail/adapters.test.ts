import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../scripts/lib/dom';
import { WEBMAILS, type WebmailId } from '../../../utils/webmail/hosts';
import { adaptersFor, findCaptures, openMessages } from '../../../utils/webmail';
import { bodyHtml, LOCALISED } from '../../fixtures/languages';
import { tokenEmailHtml, WEBMAIL_PAGES } from '../../fixtures/pages';
import { stripLayoutHints } from '../../fixtures/strip';

const USER = 'dana.scully@fbi.example.gov';
const TOKEN = 'Ws4Ex7Rd1Tc9Yv3Ub6In0Om2';
const TOKEN_EMAIL = tokenEmailHtml({ username: USER, token: TOKEN });
const ids = WEBMAILS.map((w) => w.id);

const page = (id: WebmailId, over: Partial<Parameters<(typeof WEBMAIL_PAGES)['gmail']>[0]> = {}) =>
  parseDocument(WEBMAIL_PAGES[id]({ from: 'support@emea.salesforce.com', bodyHtml: TOKEN_EMAIL, ...over }));

const found = (doc: Document, id?: WebmailId) => findCaptures(doc, { webmail: id }).map((c) => [c.username, c.token, c.source]);

describe.each(ids)('%s', (id) => {
  it('reads the opened message: sender, subject, date and body', () => {
    const doc = page(id);
    expect(adaptersFor(doc).map((a) => a.id)).toEqual([id]);
    const [open] = openMessages(doc, { webmail: id });
    expect(open?.source).toBe(id);
    expect(open?.message.sender.address).toBe('support@emea.salesforce.com');
    expect(open?.message.sender.name).toBe('Salesforce');
    expect(open?.message.subject).toBe('Your new Salesforce security token');
    expect(open?.message.date).toMatch(/^2026-11-21T/);
    expect(found(doc, id)).toEqual([[USER, TOKEN, id]]);
  });

  it('captures every supported language', () => {
    for (const email of LOCALISED) {
      const doc = page(id, { subject: email.subject, bodyHtml: bodyHtml(email.body(USER, TOKEN)) });
      expect(found(doc, id), email.lang).toEqual([[USER, TOKEN, id]]);
    }
  });

  it.each([
    ['a lookalike domain', 'support@salesforce-security.com'],
    ['salesforce.com as a subdomain of another domain', 'support@salesforce.com.evil.tld'],
    ['a Cyrillic homoglyph', 'support@s\u0430lesforce.com'],
    ['a capital I for l', 'support@saIesforce.com'],
  ])('captures nothing from %s', (_, from) => {
    expect(found(page(id, { from }), id)).toEqual([]);
  });

  it('captures nothing when only the display name shows a Salesforce address', () => {
    expect(found(page(id, { from: 'mallory@evil.example', fromName: 'support@salesforce.com' }), id)).toEqual([]);
  });

  it('captures nothing from a token email forwarded or quoted by someone else', () => {
    const forwarded = `<p>FYI, see below.</p><p>---------- Forwarded message ---------<br>From: Salesforce &lt;support@salesforce.com&gt;<br>Subject: Your new Salesforce security token</p>${TOKEN_EMAIL}`;
    const quoted = `<p>Thanks!</p><blockquote>${TOKEN_EMAIL}</blockquote>`;
    for (const bodyHtmlText of [forwarded, quoted]) {
      expect(found(page(id, { from: 'colleague@acme.example', fromName: 'Colleague', bodyHtml: bodyHtmlText }), id)).toEqual([]);
    }
  });

  it('captures nothing from a copy embedded below a header line, even inside a Salesforce message', () => {
    const embedded = `<p>On Sat, Nov 21, 2026 at 9:14 AM Salesforce &lt;support@salesforce.com&gt; wrote:</p>${TOKEN_EMAIL}`;
    expect(found(page(id, { bodyHtml: embedded }), id)).toEqual([]);
  });

  it('captures nothing from a verification-code or password-reset email', () => {
    const code = '<p>Enter this verification code: <b>482913</b></p><p>Username: dana.scully@fbi.example.gov</p>';
    const reset = `<p>Username: ${USER}</p><p>Reset your password: <a href="https://login.salesforce.com/secur/forgotpassword.jsp?r=abc">https://login.salesforce.com/secur/forgotpassword.jsp?r=Ab12Cd34Ef56Gh78Ij90Kl</a></p>`;
    for (const body of [code, reset]) expect(found(page(id, { bodyHtml: body }), id)).toEqual([]);
  });

  it('still captures after a redesign strips every class, id, data-* and role (generic fallback)', () => {
    const doc = stripLayoutHints(page(id));
    expect(found(doc, id)).toEqual([[USER, TOKEN, 'generic']]);
    expect(found(stripLayoutHints(page(id, { from: 'support@salesforce-security.com' })), id)).toEqual([]);
  });

  it('reads markup inside the token: inline tags, <wbr>, zero-width characters and NBSP', () => {
    const tokenHtml = (t: string) => `<span>${t.slice(0, 5)}</span><wbr><b>${t.slice(5, 9)}</b>&#8203;${t.slice(9, 15)}&shy;${t.slice(15)}`;
    const body = tokenEmailHtml({ username: USER, token: TOKEN, tokenHtml }).replace('Username: ', 'Username:&nbsp;');
    expect(found(page(id, { bodyHtml: body }), id)).toEqual([[USER, TOKEN, id]]);
  });
});

describe('generic fallback', () => {
  it('takes over, on later changes too, when a redesign renames the message container but keeps the subject heading', () => {
    const doc = parseDocument(WEBMAIL_PAGES.gmail({ from: 'support@salesforce.com', bodyHtml: TOKEN_EMAIL }).replace('class="adn ads"', 'class="zz9"'));
    const added = doc.querySelector('div.a3s')!;
    expect(openMessages(doc, { webmail: 'gmail', changed: [added] }).map((m) => m.source)).toEqual(['generic']);
    expect(found(doc, 'gmail')).toEqual([[USER, TOKEN, 'generic']]);
  });

  it('reads only what changed: nothing when the changes hold no token-shaped text', () => {
    const doc = stripLayoutHints(page('gmail'));
    const unrelated = doc.createElement('div');
    unrelated.textContent = 'Live update: 3 new messages in Promotions';
    doc.body.append(unrelated);
    expect(openMessages(doc, { webmail: 'gmail', changed: [unrelated] })).toEqual([]);
    expect(openMessages(doc, { webmail: 'gmail' }).map((m) => m.source)).toEqual(['generic']);
  });

  it('takes the sender from outside the token text, never the username inside it', () => {
    const doc = stripLayoutHints(page('gmail', { from: 'support@salesforce.com' }));
    const [open] = openMessages(doc, { webmail: 'gmail' });
    expect(open?.source).toBe('generic');
    expect(open?.message.sender.address).toBe('support@salesforce.com');
    expect(open?.message.subject).toBe('Your new Salesforce security token');
  });

  it('refuses a forwarded header line in the body as a sender', () => {
    const body = `<p>From: Salesforce &lt;support@salesforce.com&gt;</p>${TOKEN_EMAIL}`;
    expect(found(stripLayoutHints(page('outlook', { from: 'mallory@evil.example', bodyHtml: body })), 'outlook')).toEqual([]);
  });

  it('never reads a list of messages: previews are single lines', () => {
    const list = parseDocument(
      `<table><tr><td><span title="support@salesforce.com">Salesforce</span></td><td>Your new Salesforce security token - Username: ${USER} Security token (case-sensitive): ${TOKEN}</td></tr></table>`,
    );
    expect(findCaptures(list)).toEqual([]);
  });
});
