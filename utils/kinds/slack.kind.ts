import type { Sample } from './types';
import { apiTokenKind, bearer } from './api-token';

/** Slack bot, user and app tokens (xoxb-, xoxp-, …). */
export const slack = apiTokenKind({
  name: 'slack',
  title: 'Slack',
  pattern: /^xox[abposre]-[A-Za-z0-9-]{10,255}$/,
  authorization: bearer,
  variables: [
    ['SLACK_BOT_TOKEN', 'token'],
    ['SLACK_TOKEN', 'token'],
  ],
});

export default slack;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Alerts bot',
  fields: {
    token: 'xoxb-1234567890-sample',
  },
  pasted: { value: 'xoxb-1234567890-sample', fields: { token: 'xoxb-1234567890-sample' } },
  formats: {
    token: 'xoxb-1234567890-sample',
    'auth-header': 'Authorization: Bearer xoxb-1234567890-sample',
  },
};
