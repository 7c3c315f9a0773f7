import type { Sample } from './types';
import { apiTokenKind, bearer } from './api-token';

/** Stripe secret and restricted keys, live and test. */
export const stripe = apiTokenKind({
  name: 'stripe',
  title: 'Stripe',
  pattern: /^(?:sk_live_|sk_test_|rk_live_|rk_test_)[A-Za-z0-9]{10,255}$/,
  authorization: bearer,
  variables: [
    ['STRIPE_SECRET_KEY', 'token'],
    ['STRIPE_API_KEY', 'token'],
  ],
});

export default stripe;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Billing',
  fields: {
    token: 'sk_test_Ab3Ab3Ab3Ab3Ab3Ab3Ab3Ab3',
  },
  pasted: { value: `sk_test_${'Ab3'.repeat(8)}`, fields: { token: `sk_test_${'Ab3'.repeat(8)}` } },
  formats: {
    token: 'sk_test_Ab3Ab3Ab3Ab3Ab3Ab3Ab3Ab3',
    'auth-header': 'Authorization: Bearer sk_test_Ab3Ab3Ab3Ab3Ab3Ab3Ab3Ab3',
  },
};
