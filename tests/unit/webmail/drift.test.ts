/**
 * Capture through a webmail redesign, both ways at once: a genuine token
 * email is still captured when no adapter recognises the page any more, and
 * a header faked inside an attacker's body is never taken over the real one,
 * which is drawn outside the body and before it. Every webmail, every kind of
 * drift (tests/fixtures/drift.ts), with the signed-in user's address where
 * real pages keep it (the title, inline account data, the account button).
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../scripts/lib/dom';
import { findCaptures } from '../../../utils/webmail';
import { WEBMAILS, type WebmailId } from '../../../utils/webmail/hosts';
import { drift, DRIFTS, withAccount } from '../../fixtures/drift';
import { tokenEmailHtml, WEBMAIL_PAGES } from '../../fixtures/pages';

const USER = 'victim@acme.example.com';
const ACCOUNT = 'jane.doe@acme.example.com';
const TOKEN = 'Dr4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
const TOKEN_EMAIL = tokenEmailHtml({ username: USER, token: TOKEN });
const IDS = WEBMAILS.map((w) => w.id);

/** What each webmail shows on its reading route (the fallback reads only there). */
const READING: Record<WebmailId, string> = {
  gmail: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmqfsPHBNRvXwkNnSVvp',
  outlook: 'https://outlook.live.com/mail/0/inbox/id/AAQkAGI2TG93AAA',
  yahoo: 'https://mail.yahoo.com/d/folders/1/messages/42',
  proton: 'https://mail.proton.me/u/0/inbox/Zm9vYmFy',
  fastmail: 'https://app.fastmail.com/mail/Inbox/M1234',
  zoho: 'https://mail.zoho.com/zm/#mail/folder/inbox/p/1700000000000',
  icloud: 'https://www.icloud.com/mail/',
};

const captured = (id: WebmailId, html: string) => findCaptures(parseDocument(html), { webmail: id, url: READING[id] }).map((c) => [c.username, c.token]);
const page = (id: WebmailId, from: string, bodyHtml: string, fromName?: string) =>
  withAccount(WEBMAIL_PAGES[id]({ from, bodyHtml, ...(fromName ? { fromName } : {}) }), ACCOUNT);

// Ways to fake a Salesforce header inside a body: as a header is drawn, nested deep, and as a table of its own.
const FAKES = {
  'a header line': `<p>Salesforce &lt;support@salesforce.com&gt;</p><p>Sat, Nov 21, 2026, 9:14 AM</p>${TOKEN_EMAIL}`,
  'nested 40 deep': `${'<div>'.repeat(40)}<div><span>Salesforce</span> <span>&lt;support@salesforce.com&gt;</span></div>${TOKEN_EMAIL}${'</div>'.repeat(40)}`,
  'a header of its own around the token': `<div><div><span title="support@salesforce.com">Salesforce</span><span>support@salesforce.com</span><span title="Sat, Nov 21, 2026, 9:14 AM">Nov 21</span></div><div>${TOKEN_EMAIL}</div></div>`,
};

describe('under drift, a genuine token email is captured', () => {
  it.each(IDS.flatMap((id) => DRIFTS.map((d) => [id, d] as const)))('on %s, %s', (id, kind) => {
    expect(captured(id, drift(page(id, 'support@salesforce.com', TOKEN_EMAIL), kind))).toEqual([[USER, TOKEN]]);
  });

  it.each(IDS)('and on %s before any drift, by its own adapter, with the signed-in user on the page', (id) => {
    expect(findCaptures(parseDocument(page(id, 'support@emea.salesforce.com', TOKEN_EMAIL)), { webmail: id, url: READING[id] }).map((c) => c.source)).toEqual([
      id,
    ]);
  });
});

describe('under drift, a Salesforce header faked inside the body never beats the real one', () => {
  it.each(IDS.flatMap((id) => DRIFTS.flatMap((d) => Object.keys(FAKES).map((f) => [id, d, f] as const))))('on %s, %s: %s', (id, kind, fake) => {
    expect(captured(id, drift(page(id, 'mallory@evil.example', FAKES[fake as keyof typeof FAKES], 'Mallory'), kind))).toEqual([]);
  });

  it.each(IDS.flatMap((id) => DRIFTS.map((d) => [id, d] as const)))('nor a sender named Salesforce at another domain, on %s, %s', (id, kind) => {
    expect(captured(id, drift(page(id, 'support@salesforce.com.evil.example', TOKEN_EMAIL), kind))).toEqual([]);
  });
});
