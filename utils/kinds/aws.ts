import { apiTokenKind } from './api-token';
import { envBlock } from './text';

/** An AWS access key: the key id (AKIA…, ASIA…) and its secret, as the AWS tools read them from the environment. */
export const aws = apiTokenKind({
  name: 'aws',
  title: 'AWS',
  pattern: /^(?:AKIA|ASIA)[A-Z2-7]{16}$/,
  labels: { token: 'Access key ID', password: 'Secret access key' },
  formats: [
    {
      name: 'env',
      label: 'env block',
      needs: [],
      text: (f) =>
        envBlock([
          ['AWS_ACCESS_KEY_ID', f.token],
          ['AWS_SECRET_ACCESS_KEY', f.password],
        ]),
    },
  ],
});
