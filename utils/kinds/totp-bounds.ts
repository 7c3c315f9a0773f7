/**
 * What Tokenkeep accepts of a TOTP, whoever wrote the link or QR code: the
 * parameters authenticator apps and RFC 6238 use, and RFC 4226's 80-bit
 * floor for the secret. Anything beyond is refused rather than kept, since a
 * code is shown, copied and filled (100,000,000 digits would be 100 MB).
 */
export function totpParameterProblem(p: { digits: number; period: number; algorithm: string; secretBytes: number }): string | undefined {
  if (!(Number.isInteger(p.digits) && p.digits >= 6 && p.digits <= 8))
    return `This TOTP asks for ${String(p.digits).slice(0, 12)}-digit codes: authenticators make 6, 7 or 8.`;
  if (!(Number.isInteger(p.period) && p.period >= 15 && p.period <= 300))
    return `This TOTP changes its code every ${String(p.period).slice(0, 12)} seconds: Tokenkeep takes 15 to 300 (30 is usual).`;
  if (!['SHA1', 'SHA256', 'SHA512'].includes(p.algorithm)) return `This TOTP uses ${p.algorithm.slice(0, 20)}: authenticators use SHA1, SHA256 or SHA512.`;
  if (p.secretBytes < 10) return `This TOTP secret is too short (${p.secretBytes} bytes): authenticator secrets have at least 10 (16 base32 characters).`;
  return undefined;
}
