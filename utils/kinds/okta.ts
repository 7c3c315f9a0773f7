import { apiTokenKind } from './api-token';

/** Okta API tokens, which its API takes with its own SSWS scheme. */
export const okta = apiTokenKind({ name: 'okta', title: 'Okta', pattern: /^00[A-Za-z0-9_-]{40}$/, authorization: (f) => f.token && `SSWS ${f.token}` });
