/**
 * The shape shared by the API-token kinds (GitHub, Slack, Stripe, Okta,
 * Atlassian, AWS): a token, recognised by its vendor's prefix where it has
 * one, an optional username and password, and the Authorization header the
 * API expects. Each vendor is its own module that fills this in. A token is
 * never offered after the password: these APIs take it on its own.
 */
import { envFormats } from './text';
import type { FieldSpec, Fields, FormatSpec, Kind } from './types';

export interface ApiTokenKind {
  name: string;
  title: string;
  /** Where its group stands in the list; the API-token kinds share 10, by name. */
  order?: number;
  /** The vendor's prefix: a pasted token with it is recognised as this kind. Without one, the user picks the kind. */
  pattern?: RegExp;
  /** The Authorization header's value, or undefined while a part is missing. */
  authorization?: (fields: Fields) => string | undefined;
  labels?: Partial<Record<'token' | 'username' | 'password', string>>;
  /** Extra formats, placed after the token. */
  formats?: FormatSpec[];
  primary?: string[];
  /** The variables a program reads the credential from: an env block is offered too. */
  env?: Kind['env'];
  /** Variable names its token is kept under in .env files (GITHUB_TOKEN): read by an import. */
  variables?: Kind['variables'];
  /** The token names a key and is not itself secret (AWS's access key ID): shown, not masked. */
  publicToken?: true;
}

export function apiTokenKind(spec: ApiTokenKind): Kind {
  const label = (name: 'token' | 'username' | 'password', fallback: string) => spec.labels?.[name] ?? fallback;
  const fields: FieldSpec[] = [
    { name: 'token', label: label('token', 'Token'), secret: !spec.publicToken, required: true, max: 4096 },
    // A token is the credential; a login beside it is the exception (AWS's secret key is not: it is never folded).
    { name: 'username', label: label('username', 'Username'), max: 320, optional: true },
    {
      name: 'password',
      label: label('password', 'Password'),
      secret: true,
      exact: true,
      max: 4096,
      ...(spec.labels?.password ? {} : { optional: true as const }),
    },
    { name: 'loginUrl', label: 'URL', max: 2048, placeholder: 'https://', optional: true },
  ];
  const auth = spec.authorization;
  const pattern = spec.pattern;
  return {
    name: spec.name,
    order: spec.order ?? 10,
    title: spec.title,
    short: spec.title,
    fields,
    ...(pattern ? { recognise: (value: string) => (pattern.test(value.trim()) ? { token: value.trim() } : undefined) } : {}),
    formats: [
      { name: 'token', label: label('token', 'token').toLowerCase(), needs: ['token'], text: (f) => f.token },
      ...(auth
        ? [{ name: 'auth-header', label: 'Authorization header', needs: ['token'], text: (f: Fields) => ((h) => h && `Authorization: ${h}`)(auth(f)) }]
        : []),
      ...(spec.env ? envFormats(spec.env) : []),
      ...(spec.formats ?? []),
      { name: 'username', label: label('username', 'username').toLowerCase(), needs: ['username'], text: (f) => f.username },
      { name: 'password', label: label('password', 'password').toLowerCase(), needs: ['password'], text: (f) => f.password },
    ],
    primary: spec.primary ?? ['token', 'password'],
    fill: { username: 'username', password: 'password', token: 'token' },
    subtitle: 'username',
    env: spec.env,
    ...(spec.variables ? { variables: spec.variables } : {}),
    syncLayout1: { fields: ['token', 'username', 'password', 'loginUrl'], label: 'username' },
  };
}

export const bearer = (f: Fields) => f.token && `Bearer ${f.token}`;
