import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../scripts/lib/dom';
import { extractCaptures } from '../../../utils/extract';
import { textOf } from '../../../utils/webmail/text';
import { bodyHtml, LOCALISED } from '../../fixtures/languages';

const SF = { name: 'Salesforce', address: 'support@salesforce.com' };
const USER = 'jane.doe@acme.com';
const TOKEN = 'Nq3Xr8Tz1Vb6Kw0Lp5Hs9Dy2';

describe.each(LOCALISED)('the $lang email', ({ subject, body }) => {
  it('yields the username and token from plain text', () => {
    expect(extractCaptures({ sender: SF, subject, bodyText: body(USER, TOKEN) }).map((c) => [c.username, c.token])).toEqual([[USER, TOKEN]]);
  });
  it('yields them from the HTML body as a webmail renders it', () => {
    const bodyText = textOf(parseDocument(bodyHtml(body(USER, TOKEN))));
    expect(extractCaptures({ sender: SF, subject, bodyText }).map((c) => [c.username, c.token])).toEqual([[USER, TOKEN]]);
  });
  it('yields nothing from a lookalike sender', () => {
    expect(extractCaptures({ sender: { name: 'Salesforce', address: 'support@salesforce.co' }, subject, bodyText: body(USER, TOKEN) })).toEqual([]);
  });
});
