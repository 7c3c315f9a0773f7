/** Anything else with a username and password: nothing is recognised as it, and it fills as a plain login. */
import { TOTP_FIELD, normalizeTotp, totpCodes, totpFormats } from './totp-field';
import type { Kind, Sample } from './types';

export const other: Kind = {
  name: 'other',
  // Last in the list, and what a value no kind recognises is saved as.
  order: 1000,
  fallback: true,
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
  codes: totpCodes,
  // Nothing says what an unknown site takes: the user is asked once per site.
  appends: { roles: ['token', 'code'] },
  syncLayout1: { fields: ['username', 'password', 'token', 'loginUrl', 'totp'], label: 'username' },
  subtitle: 'username',
};

export default other;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Intranet',
  fields: {
    username: 'someone',
    password: 'other-pw',
    token: 'other-token',
  },
  formats: {
    password: 'other-pw',
    username: 'someone',
    token: 'other-token',
  },
};
