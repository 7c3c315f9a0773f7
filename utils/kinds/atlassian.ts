import { apiTokenKind } from './api-token';
import { base64Utf8 } from './text';

/** Atlassian API tokens, sent as Basic auth with the account's email. */
export const atlassian = apiTokenKind({
  name: 'atlassian',
  title: 'Atlassian',
  pattern: /^ATATT3[A-Za-z0-9_=-]{20,255}$/,
  authorization: (f) => (f.token && f.username ? `Basic ${base64Utf8(`${f.username}:${f.token}`)}` : undefined),
  labels: { username: 'Email' },
});
