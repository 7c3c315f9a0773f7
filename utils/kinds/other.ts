/** Anything else with a username and password: nothing is recognised as it, and it fills as a plain login. */
import { TOTP_FIELD, normalizeTotp, totpFormats } from './totp-field';
import type { Kind } from './types';

export const other: Kind = {
  name: 'other',
  title: 'Other',
  // Names nothing in a notification: "An account … expires".
  short: '',
  fields: [
    { name: 'username', label: 'Username', max: 320 },
    { name: 'password', label: 'Password', secret: true, exact: true, max: 4096 },
    { name: 'token', label: 'Token', secret: true, max: 4096 },
    { name: 'loginUrl', label: 'URL', max: 2048, placeholder: 'https://', optional: true },
    TOTP_FIELD,
  ],
  normalize: normalizeTotp,
  formats: [
    { name: 'password', label: 'password', needs: ['password'], text: (f) => f.password },
    { name: 'username', label: 'username', needs: ['username'], text: (f) => f.username },
    { name: 'token', label: 'token', needs: ['token'], text: (f) => f.token },
    ...totpFormats(),
  ],
  primary: ['password', 'token'],
  fill: { username: 'username', password: 'password', token: 'token', code: 'totp' },
  subtitle: 'username',
};
