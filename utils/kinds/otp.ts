/**
 * Time-based one-time codes (RFC 6238), through otpauth. Loaded on demand:
 * the popup never bundles it, and the background and the CLI load it when a
 * code is asked for or a secret is saved.
 */
import { Secret, TOTP, URI } from 'otpauth';
import { totpParameterProblem } from './totp-bounds';

const BASE32 = /^[A-Z2-7]+=*$/;

/** The TOTP, once its parameters are within what authenticators use; a clear Error otherwise. */
function bounded(totp: TOTP): TOTP {
  const problem = totpParameterProblem({ digits: totp.digits, period: totp.period, algorithm: totp.algorithm, secretBytes: totp.secret.bytes.length });
  if (problem) throw new Error(problem);
  return totp;
}

/** The TOTP a stored value (a base32 secret or an otpauth:// URI) stands for; throws a clear Error otherwise. */
export function parseTotp(value: string): TOTP {
  const text = value.trim();
  if (/^otpauth:/i.test(text)) {
    let parsed;
    try {
      parsed = URI.parse(text);
    } catch (err) {
      throw new Error(`This otpauth:// link cannot be read: ${err instanceof Error ? err.message : 'it is malformed'}.`);
    }
    if (!(parsed instanceof TOTP))
      throw new Error('This is an HOTP (counter-based) link. Tokenkeep keeps time-based (TOTP) codes, which Salesforce and authenticator apps use.');
    return bounded(parsed);
  }
  const base32 = text.replace(/[\s-]/g, '').toUpperCase();
  if (!BASE32.test(base32)) throw new Error('A TOTP secret is base32: the letters A–Z and the digits 2–7.');
  return bounded(new TOTP({ secret: Secret.fromBase32(base32), algorithm: 'SHA1', digits: 6, period: 30 }));
}

/** The form a TOTP is stored in: the bare base32 secret when it uses the defaults, else the otpauth:// URI. */
export function canonicalTotp(value: string): string {
  const totp = parseTotp(value);
  const defaults = totp.algorithm === 'SHA1' && totp.digits === 6 && totp.period === 30;
  return defaults ? totp.secret.base32 : totp.toString();
}

export interface TotpNow {
  code: string;
  /** Whole seconds until the next code. */
  remaining: number;
  period: number;
}

export function totpNow(value: string, now: number): TotpNow {
  const totp = parseTotp(value);
  const periodMs = totp.period * 1000;
  return { code: totp.generate({ timestamp: now }), remaining: Math.ceil((periodMs - (now % periodMs)) / 1000), period: totp.period };
}
