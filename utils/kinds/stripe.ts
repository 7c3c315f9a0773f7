import { apiTokenKind, bearer } from './api-token';

/** Stripe secret and restricted keys, live and test. */
export const stripe = apiTokenKind({ name: 'stripe', title: 'Stripe', pattern: /^(?:sk_live_|sk_test_|rk_live_|rk_test_)[A-Za-z0-9]{10,255}$/, authorization: bearer });
