import { describe, expect, it } from 'vitest';
import { extractSalesforce, isTokenShaped } from '../../../utils/extract/salesforce';
import type { MessageInput } from '../../../utils/extract/types';
import { textOf } from '../../../utils/webmail/text';
import { parseDocument } from '../../../scripts/lib/dom';

const SF = { name: 'Salesforce', address: 'support@salesforce.com' };
const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';

function message(bodyText: string, over: Partial<MessageInput> = {}): MessageInput {
  return { sender: SF, subject: 'Your new Salesforce security token', bodyText, ...over };
}

const ENGLISH = `Hello Jane,

We are sending this message because you recently changed your password or requested to reset your security token.

Username: jane.doe@acme.com
Security token (case-sensitive): ${TOKEN}

Thanks,
Salesforce Customer Support`;

describe('extractSalesforce', () => {
  it('captures the username and token of the English email', () => {
    expect(extractSalesforce(message(ENGLISH, { date: '2026-11-21T09:14:00.000Z', messageId: '<m1>' }))).toEqual([
      {
        provider: 'salesforce',
        username: 'jane.doe@acme.com',
        token: TOKEN,
        sender: SF,
        subject: 'Your new Salesforce security token',
        date: '2026-11-21T09:14:00.000Z',
        messageId: '<m1>',
      },
    ]);
  });

  it('captures the legacy format', () => {
    const body = 'Dear Admin,\nHere is your new security token.\nUsername: legacy.admin@example.net\nSecurity Token: lc1zG8D0G3uJkibKy9xQyW7q';
    expect(extractSalesforce(message(body)).map((c) => [c.username, c.token])).toEqual([['legacy.admin@example.net', 'lc1zG8D0G3uJkibKy9xQyW7q']]);
  });

  it('keeps a sandbox suffix on the username', () => {
    const [c] = extractSalesforce(message(`Username: jane.doe@acme.com.uat\nSecurity token: BW3dZWIBeSg7xOdd1Ryc7oi8`));
    expect(c?.username).toBe('jane.doe@acme.com.uat');
  });

  it('captures the token when the lines come in the other order', () => {
    expect(extractSalesforce(message(`Token: ${TOKEN}\nUser: a@b.io`)).map((c) => c.username)).toEqual(['a@b.io']);
  });

  it.each([
    ['a lookalike domain', 'support@salesforce-security.com'],
    ['a subdomain trick', 'support@salesforce.com.verify-login.io'],
    ['a homoglyph', 'support@saIesforce.com'],
  ])('captures nothing from %s', (_, address) => {
    expect(extractSalesforce(message(ENGLISH, { sender: { name: 'Salesforce', address } }))).toEqual([]);
  });

  it('never trusts a display name that shows a Salesforce address', () => {
    const sender = { name: 'support@salesforce.com', address: 'attacker@example.com' };
    expect(extractSalesforce(message(ENGLISH, { sender }))).toEqual([]);
  });

  it('captures nothing from a verification-code email', () => {
    const body = 'You recently logged in from a new device. Enter this verification code: 482913\nUsername: jane.doe@acme.com';
    expect(extractSalesforce(message(body))).toEqual([]);
  });

  it('captures nothing from a password-reset-link email', () => {
    const body = 'Username: jane.doe@acme.com\nReset your password: https://login.salesforce.com/secur/forgotpassword.jsp?r=AbCdEfGhIjKlMnOpQrStUv12';
    expect(extractSalesforce(message(body))).toEqual([]);
  });

  it('needs the two lines to be adjacent', () => {
    expect(extractSalesforce(message(`Username: a@b.com\nSome sentence in between.\nToken: ${TOKEN}`))).toEqual([]);
  });

  it('ignores a token in a quoted reply', () => {
    expect(extractSalesforce(message(`Thanks!\n> Username: a@b.com\n> Security token: ${TOKEN}`))).toEqual([]);
  });

  it('ignores zero-width characters, NBSP and soft hyphens around and inside the token', () => {
    const body = `Username:\u00a0jane.doe@acme.com\nSecurity\u00a0token:\u00a0PVmuq\u200bFRxEP0\u00adLG40W\u2060Uka5vPJjG\ufeff`;
    expect(extractSalesforce(message(body)).map((c) => c.token)).toEqual([TOKEN]);
  });

  it('reads a token split by inline markup and <wbr> in the HTML body', () => {
    const html = `<p>Username: <a href="mailto:jane.doe@acme.com">jane.doe@acme.com</a><br>Security token: <b>PVmuq</b><span>FRxEP0</span><wbr>LG40W<i>Uka5vPJjG</i></p>`;
    const body = textOf(parseDocument(html));
    expect(extractSalesforce(message(body)).map((c) => c.token)).toEqual([TOKEN]);
  });

  it('does not join a token across block elements', () => {
    const body = textOf(parseDocument(`<p>Username: a@b.com<br>Security token: <div>PVmuqFRxEP</div>0LG40WUka5vPJjG</p>`));
    expect(extractSalesforce(message(body))).toEqual([]);
  });
});

describe('isTokenShaped', () => {
  it.each(['PVmuqFRxEP0LG40WUka5vPJjG', 'lc1zG8D0G3uJkibKy9xQyW7q', 'abcdefghijklmnopqrst1', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcd'])('accepts %s', (t) =>
    expect(isTokenShaped(t)).toBe(true),
  );
  it.each([
    'short1A',
    'a'.repeat(31),
    'abcdefghijklmnopqrstuvwx',
    'ABCDEFGHIJKLMNOPQRSTUVWX',
    '01234567890123456789012',
    'PVmuqFRxEP0LG40WUka5vPJj-',
    'PVmuqFRxEP0LG40WUka5vPJjé',
  ])('refuses %s', (t) => expect(isTokenShaped(t)).toBe(false));
});
