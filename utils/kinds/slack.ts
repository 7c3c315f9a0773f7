import { apiTokenKind, bearer } from './api-token';

/** Slack bot, user and app tokens (xoxb-, xoxp-, …). */
export const slack = apiTokenKind({ name: 'slack', title: 'Slack', pattern: /^xox[abposre]-[A-Za-z0-9-]{10,255}$/, authorization: bearer });
