import type { Sample } from './types';
import { apiTokenKind, bearer } from './api-token';

/** GitHub personal access tokens, classic (ghp_…) and fine-grained (github_pat_…), and app tokens. */
export const github = apiTokenKind({
  name: 'github',
  title: 'GitHub',
  pattern: /^(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})$/,
  authorization: bearer,
  variables: [
    ['GITHUB_TOKEN', 'token'],
    ['GH_TOKEN', 'token'],
  ],
});

export default github;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'CI bot',
  fields: {
    token: 'ghp_a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2',
  },
  pasted: { value: `ghp_${'a1B2'.repeat(9)}`, fields: { token: `ghp_${'a1B2'.repeat(9)}` } },
  formats: {
    token: 'ghp_a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2',
    'auth-header': 'Authorization: Bearer ghp_a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2',
  },
};
