/**
 * Property-based tests: whatever the message, the extractor never throws,
 * and never returns a token or username that is not in the input (ignoring
 * the invisible characters it is documented to skip).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractCaptures } from '../../../utils/extract';
import { isInvisible } from '../../../utils/extract/lines';
import { isTokenShaped, isUsernameShaped } from '../../../utils/extract/salesforce';
import { LOCALISED } from '../../fixtures/languages';

const SF = { name: 'Salesforce', address: 'support@salesforce.com' };
const visible = (s: string) =>
  Array.from(s)
    .filter((ch) => !isInvisible(ch.charCodeAt(0)))
    .join('');

// Text made of the pieces that matter to the extractor, in random order.
const piece = fc.oneof(
  fc.string(),
  fc.constantFrom(':', '：', '\t', '\n', '\r\n', ' ', '\u00a0', '\u200b', '\u00ad', '> ', '-----', '<a@b.co>', '[mailto:', 'Username: ', 'Token: '),
  fc.stringMatching(/^[A-Za-z0-9]{18,32}$/),
  fc.emailAddress(),
);
const messageText = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('extractor properties', () => {
  it('never throws and only returns tokens and usernames present in the input', () => {
    fc.assert(
      fc.property(messageText, (bodyText) => {
        const captures = extractCaptures({ sender: SF, subject: 's', bodyText });
        const plain = visible(bodyText);
        for (const c of captures) {
          expect(isTokenShaped(c.token)).toBe(true);
          expect(isUsernameShaped(c.username)).toBe(true);
          expect(plain).toContain(c.token);
          expect(plain).toContain(c.username);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the token of a real email wherever it is embedded in noise', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALISED), fc.string(), fc.string(), (email, before, after) => {
        // Noise goes on its own lines, without separators or angle-bracket addresses.
        const clean = (s: string) => s.replace(/[:：\t<>\r\n\-_=[\]\uff1a\ufe55\ufe13\u2236\ua789]/g, ' ');
        const bodyText = `${clean(before)}\n\n${email.body('a.b@example.org', 'Zx8Cv7Bn6Mm5Lk4Jh3Gf2Ds1')}\n\n${clean(after)}`;
        expect(extractCaptures({ sender: SF, subject: email.subject, bodyText }).map((c) => c.token)).toEqual(['Zx8Cv7Bn6Mm5Lk4Jh3Gf2Ds1']);
      }),
      { numRuns: 500 },
    );
  });

  it('never captures anything from a sender that is not Salesforce', () => {
    fc.assert(
      fc.property(fc.emailAddress(), messageText, (address, bodyText) => {
        fc.pre(!/@(.+\.)?salesforce\.com$/i.test(address));
        expect(
          extractCaptures({
            sender: { name: 'support@salesforce.com', address },
            subject: 's',
            bodyText: `${bodyText}\nUsername: a@b.co\nToken: Zx8Cv7Bn6Mm5Lk4Jh3Gf2Ds1`,
          }),
        ).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
