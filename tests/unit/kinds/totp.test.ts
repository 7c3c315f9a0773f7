/** TOTP secrets on any kind: codes by RFC 6238's vectors, links and their bounds. */
import { describe, expect, it } from 'vitest';
import { checkFields } from '../../../utils/kinds/check';
import { totpNow } from '../../../utils/kinds/otp';
import { kind, sf, text } from './helpers';

describe('TOTP (otpauth, RFC 6238 test vectors)', () => {
  // RFC 6238 Appendix B: the ASCII seeds "1234567890" repeated to 20, 32 and 64 bytes, 8 digits.
  const seed = (bytes: number) => Buffer.from('1234567890'.repeat(7).slice(0, bytes)).toString('base64');
  const base32 = (b64: string) => {
    const bytes = Buffer.from(b64, 'base64');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = '';
    for (const b of bytes) bits += b.toString(2).padStart(8, '0');
    return bits
      .match(/.{1,5}/g)!
      .map((c) => alphabet[parseInt(c.padEnd(5, '0'), 2)])
      .join('');
  };
  const uri = (alg: string, bytes: number) => `otpauth://totp/rfc?secret=${base32(seed(bytes))}&algorithm=${alg}&digits=8&period=30`;
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1234567890, '89005924', '91819424', '93441116'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('at %i s', (t, sha1, sha256, sha512) => {
    expect(totpNow(uri('SHA1', 20), t * 1000).code).toBe(sha1);
    expect(totpNow(uri('SHA256', 32), t * 1000).code).toBe(sha256);
    expect(totpNow(uri('SHA512', 64), t * 1000).code).toBe(sha512);
  });
  it('copies the current code, and the password with it, at the time asked', async () => {
    const f = { ...sf, totp: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
    expect(await text('salesforce', 'totp', f, 59_000)).toBe('287082');
    expect(await text('salesforce', 'password+totp', f, 59_000)).toBe('Pa55!word287082');
    expect(totpNow(f.totp, 59_000).remaining).toBe(1);
  });
  it('refuses an HOTP link, a secret that is not base32, and one too short to be real', async () => {
    const save = (totp: string) => checkFields(kind('salesforce'), { username: 'a@b.co', totp });
    await expect(save('otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1')).rejects.toThrow(/HOTP/);
    await expect(save('not base32 at all!')).rejects.toThrow(/base32/);
    await expect(save('JBSWY3DP')).rejects.toThrow(/too short/);
    await expect(save('jbsw y3dp ehpk 3pxp')).resolves.toMatchObject({ totp: 'JBSWY3DPEHPK3PXP' });
  });
  it.each([
    ['digits=100000000', /100000000-digit codes/],
    ['digits=4', /4-digit/],
    ['period=0', /every 0 seconds|period/i],
    ['period=86400', /every 86400 seconds/],
    ['algorithm=MD5', /MD5|algorithm/],
    ['algorithm=SHA3-256', /SHA3-256/],
  ])('refuses an otpauth link with %s, before and at save', async (param, message) => {
    const uri = `otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&${param}`;
    expect(kind('salesforce').fields.find((f) => f.name === 'totp')!.problem!(uri)).toMatch(message);
    await expect(checkFields(kind('salesforce'), { username: 'a@b.co', totp: uri })).rejects.toThrow(message);
  });
  it('holds a link with other parameters to the same 80-bit floor, and keeps one within bounds', async () => {
    const save = (totp: string) => checkFields(kind('salesforce'), { username: 'a@b.co', totp });
    await expect(save('otpauth://totp/x?secret=JBSWY3DP&digits=8')).rejects.toThrow(/too short/);
    await expect(save('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=8&period=60&algorithm=SHA256')).resolves.toMatchObject({
      totp: expect.stringMatching(/^otpauth:.*digits=8/),
    });
  });
  it('puts the code only where a one-time-code field is: its fill role is code', () => {
    expect(kind('salesforce').fill).toMatchObject({ code: 'totp', password: 'password', token: 'token' });
  });
});
