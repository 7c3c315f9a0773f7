import type { Sample } from './types';
import { apiTokenKind } from './api-token';

/** Okta API tokens, which its API takes with its own SSWS scheme. */
export const okta = apiTokenKind({
  name: 'okta',
  title: 'Okta',
  pattern: /^00[A-Za-z0-9_-]{40}$/,
  authorization: (f) => f.token && `SSWS ${f.token}`,
  variables: [
    ['OKTA_API_TOKEN', 'token'],
    ['OKTA_CLIENT_TOKEN', 'token'],
  ],
});

export default okta;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Okta admin',
  fields: {
    token: '00Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_',
  },
  pasted: { value: `00${'Ab3_'.repeat(10)}`, fields: { token: `00${'Ab3_'.repeat(10)}` } },
  formats: {
    token: '00Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_',
    'auth-header': 'Authorization: SSWS 00Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_',
  },
};
