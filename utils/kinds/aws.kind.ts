import type { Sample } from './types';
import { apiTokenKind } from './api-token';

/** An AWS access key: the key id (AKIA…, ASIA…) and its secret, as the AWS tools read them from the environment. */
export const aws = apiTokenKind({
  name: 'aws',
  title: 'AWS',
  pattern: /^(?:AKIA|ASIA)[A-Z2-7]{16}$/,
  labels: { token: 'Access key ID', password: 'Secret access key' },
  // The key ID names the key (it is in every request's signature); the secret access key is what is kept secret.
  publicToken: true,
  env: [
    ['AWS_ACCESS_KEY_ID', 'token'],
    ['AWS_SECRET_ACCESS_KEY', 'password'],
  ],
});

export default aws;

/** A sample account and what each format makes of it (types.ts, Sample). */
export const sample: Sample = {
  label: 'Deploy user',
  fields: {
    token: 'AKIAIOSFODNN7EXAMPLE',
    password: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  pasted: { value: 'AKIAIOSFODNN7EXAMPLE', fields: { token: 'AKIAIOSFODNN7EXAMPLE' } },
  formats: {
    token: 'AKIAIOSFODNN7EXAMPLE',
    env: 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    dotenv: 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    password: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
};
