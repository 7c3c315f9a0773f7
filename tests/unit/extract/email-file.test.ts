import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../scripts/lib/dom';
import { extractCaptures } from '../../../utils/extract';
import { EmailFileError, MAX_EMAIL_BYTES, readEmailFile } from '../../../utils/extract/email-file';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/email/${name}`, import.meta.url));

async function captures(raw: string | Uint8Array) {
  return extractCaptures(await readEmailFile(raw, htmlToText)).map((c) => [c.username, c.token, c.sender.address, c.date]);
}

describe('readEmailFile', () => {
  it('reads a quoted-printable .eml with its date', async () => {
    expect(await captures(fixture('token-qp.eml'))).toEqual([
      ['dev.user@example.org', 'vUumrLN0wjymFcbtaL0AMVBnC', 'support@salesforce.com', '2026-11-21T09:14:00.000Z'],
    ]);
  });
  it('falls back to the HTML part when there is no text part', async () => {
    expect(await captures(fixture('token-html-only.eml'))).toEqual([
      ['html.only@example.org', 'Ty7Kq2Lm9Pz4Wx1Nb6Vc3Rd8', 'support@emea.salesforce.com', '2026-11-19T08:00:00.000Z'],
    ]);
  });
  it('ignores a token email forwarded as an attachment by someone else', async () => {
    expect(await captures(fixture('forwarded-as-attachment.eml'))).toEqual([]);
  });
  it('reads a header-led .txt as saved by desktop clients', async () => {
    expect(await captures(fixture('token-saved.txt'))).toEqual([
      ['txt.user@example.org', 'Hn3Jk8Lp2Qr7St1Uv6Wx0Yz4', 'support@salesforce.com', '2026-11-18T10:30:00.000Z'],
    ]);
  });
  it('refuses a file larger than any token email, before parsing it', async () => {
    await expect(readEmailFile(new Uint8Array(MAX_EMAIL_BYTES + 1), htmlToText)).rejects.toBeInstanceOf(EmailFileError);
  });
});
