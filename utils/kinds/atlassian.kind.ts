import type { Sample } from './types';
import { apiTokenKind } from './api-token';
import { base64Utf8 } from './text';

/** Atlassian API tokens, sent as Basic auth with the account's email. */
export const atlassian = apiTokenKind({
  name: 'atlassian',
  title: 'Atlassian',
  pattern: /^ATATT3[A-Za-z0-9_=-]{20,255}$/,
  authorization: (f) => (f.token && f.username ? `Basic ${base64Utf8(`${f.username}:${f.token}`)}` : undefined),
  labels: { username: 'Email' },
  variables: [
    ['ATLASSIAN_API_TOKEN', 'token'],
    ['JIRA_API_TOKEN', 'token'],
    ['ATLASSIAN_EMAIL', 'username'],
    ['JIRA_USER_EMAIL', 'username'],
  ],
});

export default atlassian;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Jira bot',
  fields: {
    username: 'me@acme.com',
    token: 'ATATT3xSampleToken0123456789',
  },
  pasted: { value: 'ATATT3xSampleToken0123456789', fields: { token: 'ATATT3xSampleToken0123456789' } },
  formats: {
    token: 'ATATT3xSampleToken0123456789',
    'auth-header': 'Authorization: Basic bWVAYWNtZS5jb206QVRBVFQzeFNhbXBsZVRva2VuMDEyMzQ1Njc4OQ==',
    username: 'me@acme.com',
  },
};
