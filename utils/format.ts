/**
 * What each copy button puts on the clipboard. One table, so the popup, the
 * keyboard command and the tests agree on every string.
 */
import type { Account } from './vault/account';

export type CopyKind = 'username' | 'password' | 'token' | 'password+token';

export const COPY_KINDS: readonly CopyKind[] = ['username', 'password', 'token', 'password+token'];

/** Accessible names: each says exactly what the button copies. */
export const COPY_LABELS: Record<CopyKind, string> = {
  username: 'Copy username',
  password: 'Copy password',
  token: 'Copy token',
  'password+token': 'Copy password + token',
};

/** The string to copy, or undefined when the account lacks a part of it. */
export function copyValue(account: Pick<Account, 'username' | 'password' | 'token'>, kind: CopyKind): string | undefined {
  switch (kind) {
    case 'username':
      return account.username || undefined;
    case 'password':
      return account.password || undefined;
    case 'token':
      return account.token || undefined;
    case 'password+token':
      // API clients (SOAP login(), jsforce, Workbench) take the token appended to the password.
      return account.password && account.token ? account.password + account.token : undefined;
  }
}
