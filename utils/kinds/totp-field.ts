/**
 * A TOTP secret that can sit on any kind with a password: its field, its
 * recognition, and its two copy formats. Light on purpose: the popup loads
 * this, and otpauth (./otp) only when a code is made.
 */
import { totpParameterProblem } from './totp-bounds';
import type { CurrentCode, FieldSpec, Fields, FormatSpec } from './types';

export const TOTP_FIELD: FieldSpec = {
  name: 'totp',
  label: 'TOTP secret (MFA for API logins)',
  secret: true,
  optional: true,
  max: 2048,
  placeholder: 'base32 secret or otpauth://totp/…',
  hint: 'From the authenticator setup: the key under the QR code, or the QR code itself (Scan QR code).',
  problem(value) {
    const text = value.trim();
    if (/^otpauth:\/\/hotp\//i.test(text))
      return 'This is an HOTP (counter-based) link. Tokenkeep keeps time-based (TOTP) codes, which Salesforce and authenticator apps use.';
    if (/^otpauth:/i.test(text)) {
      if (!/^otpauth:\/\/totp\/[^?]*\?(?:.*&)?secret=/i.test(text)) return 'This otpauth:// link has no secret.';
      return otpauthParameters(text);
    }
    return /^[A-Za-z2-7\s=-]+$/.test(text) ? undefined : 'A TOTP secret is base32: the letters A–Z and the digits 2–7.';
  },
};

/** totpParameterProblem, read from a link's own parameters (no library: the popup checks as the user types). */
function otpauthParameters(text: string): string | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(text).searchParams;
  } catch {
    return 'This otpauth:// link cannot be read.';
  }
  const number = (name: string, fallback: number) => (params.has(name) ? Number(params.get(name)) : fallback);
  const secret = (params.get('secret') ?? '').replace(/[\s=-]/g, '');
  return totpParameterProblem({
    digits: number('digits', 6),
    period: number('period', 30),
    algorithm: (params.get('algorithm') ?? 'SHA1').toUpperCase(),
    secretBytes: Math.floor((secret.length * 5) / 8),
  });
}

/** Who issued an otpauth:// link: its issuer parameter, else the label's part before a colon ("GitHub:alex"). */
export function otpauthIssuer(value: string): string {
  try {
    const url = new URL(value.trim());
    const label = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
    return (url.searchParams.get('issuer') ?? (label.includes(':') ? label.slice(0, label.indexOf(':')) : '')).trim();
  } catch {
    return '';
  }
}

/** A bare TOTP secret as authenticator setups show it: base32, often in groups of four ("JBSW Y3DP EHPK 3PXP"). */
export function isBareTotpSecret(value: string): boolean {
  const text = value.trim().replace(/[\s-]/g, '');
  return /^[A-Z2-7]{16,128}=*$/.test(text) && text.replace(/=+$/, '').length % 8 !== 1;
}

/** An otpauth://totp link: the secret, and the account it names as the username when it looks like one. */
export function recogniseOtpauth(value: string): Fields | undefined {
  const text = value.trim();
  if (!/^otpauth:\/\/[a-z]+\//i.test(text)) return undefined;
  let account = '';
  try {
    const label = decodeURIComponent(new URL(text).pathname.replace(/^\/+/, ''));
    account = label.includes(':') ? label.slice(label.indexOf(':') + 1).trim() : label.trim();
  } catch {
    // The save names what is wrong with it.
  }
  return { totp: text, ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(account) ? { username: account } : {}) };
}

const code = async (fields: Fields, now: number) => (await import('./otp')).totpNow(fields.totp!, now).code;

/** `totp` and `password+totp`; the latter is legacy where the kind says why (Salesforce: it rides on login()). */
export function totpFormats(legacy?: string): FormatSpec[] {
  return [
    { name: 'totp', label: 'current code', needs: ['totp'], text: (f, { now }) => code(f, now) },
    {
      name: 'password+totp',
      label: 'password + current code',
      ...(legacy ? { legacy } : {}),
      needs: ['password', 'totp'],
      text: async (f, { now }) => f.password! + (await code(f, now)),
    },
  ];
}

/** Stores the TOTP in one form (and checks it with otpauth). */
export async function normalizeTotp(fields: Fields): Promise<Fields> {
  if (!fields.totp) return fields;
  return { ...fields, totp: (await import('./otp')).canonicalTotp(fields.totp) };
}

/** A kind's `codes`: the current code of a TOTP secret, with otpauth loaded only now. */
export const totpCodes = async (secret: string, at: number): Promise<CurrentCode> => (await import('./otp')).totpNow(secret, at);
