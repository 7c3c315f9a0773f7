/**
 * The attacks on capture that a security review reproduced, each refused:
 * the sender comes from the header the webmail draws, or the message is
 * refused; the generic fallback reads only mail pages, and never trusts an
 * address inside a body.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../scripts/lib/dom';
import { findCaptures } from '../../../utils/webmail';
import { onMailRoute } from '../../../utils/webmail/hosts';
import { gmailPage, outlookPage, tokenEmailHtml, tokenEmailSubject, WEBMAIL_PAGES, type PageMessage } from '../../fixtures/pages';
import { stripLayoutHints } from '../../fixtures/strip';

const USER = 'victim@acme.example.com';
const TOKEN = 'At4Ck7Rd1Tc9Yv3Ub6In0Om2';
const TOKEN_EMAIL = tokenEmailHtml({ username: USER, token: TOKEN });
const FAKE_HEADER = '<p>Salesforce &lt;support@salesforce.com&gt;</p><p>Sat, Nov 21, 2026, 9:14 AM</p>';

const captured = (html: string | Document, context: Parameters<typeof findCaptures>[1] = {}) =>
  findCaptures(typeof html === 'string' ? parseDocument(html) : html, context).map((c) => [c.username, c.token, c.source]);

/** A drifted page: every class, id, role and data-* gone, so no adapter recognises it. */
const drifted = (html: string) => stripLayoutHints(parseDocument(html));

describe('(a) the generic fallback reads only where a webmail shows mail', () => {
  // A page on the webmail's origin that draws a token email's parts, with no adapter's structure.
  const planted = `<!doctype html><html><body><main><h1>Team notes</h1><div><span>Salesforce &lt;support@salesforce.com&gt;</span><span title="Sat, Nov 21, 2026, 9:14 AM">Nov 21</span></div><div>${TOKEN_EMAIL}</div></main></body></html>`;

  it.each([
    ['a shared iCloud note', 'https://www.icloud.com/notes/0a1b2c3d4e5f#Team_notes'],
    ['a published Outlook calendar', 'https://outlook.live.com/calendar/published/00000000/calendar.html'],
    ['an Outlook calendar under owa', 'https://outlook.office365.com/owa/calendar/team@acme.example.com/published/calendar.html'],
    ['Gmail chat', 'https://mail.google.com/mail/u/0/#chat/dm/abc123'],
    ['the Gmail inbox list, where no conversation is open', 'https://mail.google.com/mail/u/0/#inbox'],
    ['Fastmail notes', 'https://app.fastmail.com/notes/note-1'],
    ['Zoho notes', 'https://mail.zoho.com/zm/#notes/all'],
    ['an address on no webmail at all', 'https://evil.example/mail/'],
  ])('refuses %s', (_, url) => {
    expect(onMailRoute(url)).toBe(false);
    expect(captured(planted, { url })).toEqual([]);
  });

  it('reads the same structure on a mail page, so the route is what refused it', () => {
    for (const url of [
      'https://www.icloud.com/mail/',
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmqfsPHBNRvXwkNnSVvp',
      'https://outlook.live.com/mail/0/inbox/id/AAQkAG',
      'https://mail.zoho.com/zm/#mail/folder/inbox/p/1',
    ]) {
      expect(onMailRoute(url), url).toBe(true);
      expect(captured(planted, { url }), url).toEqual([[USER, TOKEN, 'generic']]);
    }
  });
});

describe('(b) a From the adapter cannot read refuses the message; it never falls back', () => {
  const withBodyFrom = `<p>From: Salesforce &lt;support@salesforce.com&gt;</p>${FAKE_HEADER}${TOKEN_EMAIL}`;

  it('a quoted local part on Gmail', () => {
    expect(
      captured(gmailPage({ subject: tokenEmailSubject(), messages: [{ from: '"sales force"@evil.example', bodyHtml: withBodyFrom }] }), { webmail: 'gmail' }),
    ).toEqual([]);
  });

  it('the same with a body of more than 2,000 top-level nodes, read in a full scan', () => {
    const padding = '<span>.</span>'.repeat(2500);
    const doc = parseDocument(
      gmailPage({ subject: tokenEmailSubject(), messages: [{ from: '"sales force"@evil.example', bodyHtml: padding + withBodyFrom }] }),
    );
    expect(captured(doc, { webmail: 'gmail', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmqfsPHBNRvXwkNnSVvp' })).toEqual([]);
  });

  it('under drift, text that looks like an address but does not parse refuses the message', () => {
    const doc = drifted(WEBMAIL_PAGES.outlook({ from: '"sales force"@evil.example', fromName: 'sales force', bodyHtml: withBodyFrom }));
    expect(captured(doc, { webmail: 'outlook' })).toEqual([]);
  });
});

describe('(c) a header that names two addresses is refused', () => {
  it('an Outlook display name holding <support@salesforce.com>, with an address in a title inside the body', () => {
    const body = `<p><span title="support@salesforce.com">Salesforce</span></p>${TOKEN_EMAIL}`;
    const page = WEBMAIL_PAGES.outlook({ from: 'mallory@evil.example', fromName: 'Salesforce <support@salesforce.com>', bodyHtml: body });
    expect(captured(page, { webmail: 'outlook' })).toEqual([]);
  });

  it('a sender element whose title and text name different mailboxes, under drift', () => {
    const page = WEBMAIL_PAGES.icloud({ from: 'mallory@evil.example', bodyHtml: TOKEN_EMAIL }).replace(
      'title="mallory@evil.example">mallory@evil.example',
      'title="mallory@evil.example">support@salesforce.com',
    );
    expect(captured(drifted(page), { webmail: 'icloud' })).toEqual([]);
  });
});

describe('(d) under drift, a header faked inside the body never beats the real one', () => {
  it.each(['gmail', 'outlook', 'yahoo', 'proton', 'fastmail', 'zoho', 'icloud'] as const)('on %s', (id) => {
    const page = WEBMAIL_PAGES[id]({ from: 'mallory@evil.example', fromName: 'Mallory', bodyHtml: FAKE_HEADER + TOKEN_EMAIL });
    expect(captured(drifted(page), { webmail: id })).toEqual([]);
  });

  it('however deep the body nests the fake', () => {
    const nested = `${'<div>'.repeat(40)}${FAKE_HEADER}${TOKEN_EMAIL}${'</div>'.repeat(40)}`;
    const page = WEBMAIL_PAGES.gmail({ from: 'mallory@evil.example', fromName: 'Mallory', bodyHtml: nested });
    expect(captured(drifted(page), { webmail: 'gmail' })).toEqual([]);
  });

  it('nor does a subject that reads like a Salesforce sender', () => {
    const page = WEBMAIL_PAGES.outlook({ from: 'mallory@evil.example', subject: 'Salesforce <support@salesforce.com>', bodyHtml: TOKEN_EMAIL });
    expect(captured(drifted(page), { webmail: 'outlook' })).toEqual([]);
  });

  it('while a genuine message still captures, with its recipients shown after the sender', () => {
    const page = WEBMAIL_PAGES.gmail({ from: 'support@salesforce.com', bodyHtml: TOKEN_EMAIL }).replace(
      '</h3>',
      '</h3><div>to <span title="victim@acme.example.com">me</span></div>',
    );
    expect(captured(drifted(page), { webmail: 'gmail' })).toEqual([[USER, TOKEN, 'generic']]);
  });

  it('and a thread of two genuine token emails gives both', () => {
    const messages: PageMessage[] = [
      { from: 'support@salesforce.com', bodyHtml: tokenEmailHtml({ username: USER, token: 'Od4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' }) },
      { from: 'support@salesforce.com', bodyHtml: TOKEN_EMAIL },
    ];
    expect(captured(drifted(outlookPage({ subject: tokenEmailSubject(), messages })), { webmail: 'outlook' }).map((c) => c[1])).toEqual([
      'Od4Ab7Cd0Ef3Gh6Ij9Kl2Mn5',
      TOKEN,
    ]);
  });
});

describe('Developer Edition orgs', () => {
  it('capture a token email from info@salesforcedevs.com, and nothing else new', () => {
    expect(captured(WEBMAIL_PAGES.gmail({ from: 'info@salesforcedevs.com', bodyHtml: TOKEN_EMAIL }), { webmail: 'gmail' })).toEqual([[USER, TOKEN, 'gmail']]);
    expect(captured(WEBMAIL_PAGES.gmail({ from: 'info@mail.salesforcedevs.com', bodyHtml: TOKEN_EMAIL }), { webmail: 'gmail' })).toEqual([]);
  });
});
