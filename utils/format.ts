/**
 * What each copy button puts on the clipboard. One table, so the popup, the
 * keyboard command and the tests agree on every string.
 */
import type { TokenKind } from './token-kind';
import type { Account } from './vault/account';

export const COPY_FORMATS = ['username', 'password', 'token', 'password+token', 'env', 'jsforce', 'simple-salesforce', 'auth-header'] as const;

export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Accessible names: each says exactly what the button copies. */
export const FORMAT_LABELS: Record<CopyFormat, string> = {
  username: 'Copy username',
  password: 'Copy password',
  token: 'Copy token',
  'password+token': 'Copy password + token',
  env: 'Copy env block',
  jsforce: 'Copy jsforce JSON',
  'simple-salesforce': 'Copy simple-salesforce JSON',
  'auth-header': 'Copy Authorization header',
};

type Parts = Pick<Account, 'provider' | 'username' | 'password' | 'token' | 'loginUrl' | 'environment'>;

/** The formats that make sense for an account of this kind, the most used first. */
export function formatsFor(provider: TokenKind | 'other'): CopyFormat[] {
  switch (provider) {
    case 'salesforce':
      return ['password+token', 'username', 'password', 'token', 'env', 'jsforce', 'simple-salesforce'];
    case 'aws':
      return ['token', 'password', 'env'];
    case 'atlassian':
      return ['token', 'auth-header', 'username'];
    case 'github':
    case 'slack':
    case 'stripe':
    case 'okta':
      return ['token', 'auth-header', 'username'];
    default:
      return ['password', 'username', 'token'];
  }
}

type Held = Omit<Parts, 'password' | 'token'> & { hasPassword: boolean; hasToken: boolean };

/**
 * The one-click copy for an account: what users of that kind paste most, or,
 * while the account lacks part of that, the secret it does hold. A token just
 * captured from email has no password yet, and copying the token alone is
 * what its user came for (the password often lives in another manager).
 */
export function primaryFormat(account: Held): CopyFormat {
  const preferred = formatsFor(account.provider)[0]!;
  return ([preferred, 'token', 'password'] as const).find((f) => canCopy(account, f)) ?? preferred;
}

/** Quotes a value for an env file, read the same by a shell's `source` and by dotenv. */
export function envValue(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]*$/.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const AUTH_SCHEME: Partial<Record<TokenKind, (p: Parts) => string | undefined>> = {
  github: (p) => p.token && `Bearer ${p.token}`,
  slack: (p) => p.token && `Bearer ${p.token}`,
  stripe: (p) => p.token && `Bearer ${p.token}`,
  okta: (p) => p.token && `SSWS ${p.token}`,
  atlassian: (p) => p.token && p.username && `Basic ${base64Utf8(`${p.username}:${p.token}`)}`,
};

function envBlock(p: Parts): string | undefined {
  const lines: Array<[string, string | undefined]> =
    p.provider === 'aws'
      ? [
          ['AWS_ACCESS_KEY_ID', p.token],
          ['AWS_SECRET_ACCESS_KEY', p.password],
        ]
      : [
          ['SF_USERNAME', p.username],
          ['SF_PASSWORD', p.password],
          ['SF_SECURITY_TOKEN', p.token],
          ['SF_LOGIN_URL', p.loginUrl],
        ];
  const present = lines.filter((l): l is [string, string] => !!l[1]);
  return present.length ? present.map(([k, v]) => `${k}=${envValue(v)}`).join('\n') : undefined;
}

/** The string to copy, or undefined when the account lacks a part of it (never half a credential). */
export function copyText(p: Parts, format: CopyFormat): string | undefined {
  switch (format) {
    case 'username':
      return p.username || undefined;
    case 'password':
      return p.password || undefined;
    case 'token':
      return p.token || undefined;
    case 'password+token':
      // API clients (SOAP login(), jsforce, Workbench) take the token appended to the password.
      return p.password && p.token ? p.password + p.token : undefined;
    case 'env':
      return envBlock(p);
    case 'jsforce':
      return p.username && p.password && p.token
        ? JSON.stringify({ loginUrl: p.loginUrl, username: p.username, password: p.password + p.token }, null, 2)
        : undefined;
    case 'simple-salesforce':
      return p.username && p.password && p.token
        ? JSON.stringify({ username: p.username, password: p.password, security_token: p.token, domain: p.environment === 'sandbox' ? 'test' : 'login' }, null, 2)
        : undefined;
    case 'auth-header': {
      const header = p.provider !== 'other' ? AUTH_SCHEME[p.provider]?.(p) : undefined;
      return header ? `Authorization: ${header}` : undefined;
    }
  }
}

/** A copy button's accessible name: "Copy password + token for Acme prod". */
export function copyButtonLabel(format: CopyFormat, label: string): string {
  return `${FORMAT_LABELS[format]} for ${label}`;
}

/**
 * What the toast says after a copy: "Copied password + token for Acme prod".
 * Without a label ("Copied password + token") for notifications, which the
 * browser may keep on disk.
 */
export function copiedMessage(format: CopyFormat, label?: string): string {
  return (label === undefined ? FORMAT_LABELS[format] : copyButtonLabel(format, label)).replace(/^Copy/, 'Copied');
}

/**
 * Whether a format has something to copy for an account of which the popup
 * knows only which secrets exist: the same rule as copyText, run on stand-ins.
 */
export function canCopy(summary: Held, format: CopyFormat): boolean {
  return copyText({ ...summary, password: summary.hasPassword ? '-' : undefined, token: summary.hasToken ? '-' : undefined }, format) !== undefined;
}
