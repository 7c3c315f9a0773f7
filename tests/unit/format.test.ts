import { describe, expect, it } from 'vitest';
import { canCopy, copiedMessage, copyText, envValue, FORMAT_LABELS, formatsFor, primaryFormat, type CopyFormat } from '../../utils/format';

const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';
const sf = {
  provider: 'salesforce' as const,
  username: 'jane@acme.com.uat',
  password: 'Pa55!word',
  token: TOKEN,
  loginUrl: 'https://test.salesforce.com',
  environment: 'sandbox' as const,
};

describe('copyText: Salesforce', () => {
  it('gives each part, and the password with the token appended', () => {
    const formats: CopyFormat[] = ['username', 'password', 'token', 'password+token'];
    expect(formats.map((f) => copyText(sf, f))).toEqual(['jane@acme.com.uat', 'Pa55!word', TOKEN, `Pa55!word${TOKEN}`]);
  });

  it('writes an env block that a shell and dotenv both read back', () => {
    expect(copyText(sf, 'env')).toBe(
      ['SF_USERNAME=jane@acme.com.uat', "SF_PASSWORD='Pa55!word'", `SF_SECURITY_TOKEN=${TOKEN}`, 'SF_LOGIN_URL=https://test.salesforce.com'].join('\n'),
    );
  });

  it('quotes env values with shell metacharacters, and escapes the ones that need double quotes', () => {
    expect(envValue('plain-Value_1')).toBe('plain-Value_1');
    expect(envValue('a b$c')).toBe("'a b$c'");
    expect(envValue(`it's $HOME "x" \\`)).toBe(`"it's \\$HOME \\"x\\" \\\\"`);
  });

  it('writes jsforce JSON with the token appended to the password, and simple-salesforce JSON with it apart', () => {
    expect(JSON.parse(copyText(sf, 'jsforce')!)).toEqual({ loginUrl: 'https://test.salesforce.com', username: 'jane@acme.com.uat', password: `Pa55!word${TOKEN}` });
    expect(JSON.parse(copyText(sf, 'simple-salesforce')!)).toEqual({ username: 'jane@acme.com.uat', password: 'Pa55!word', security_token: TOKEN, domain: 'test' });
    expect(JSON.parse(copyText({ ...sf, environment: 'production' }, 'simple-salesforce')!).domain).toBe('login');
  });

  it('has nothing to copy for a part the account lacks, rather than half a credential', () => {
    const noPassword = { ...sf, password: undefined };
    expect(copyText(noPassword, 'password+token')).toBeUndefined();
    expect(copyText(noPassword, 'jsforce')).toBeUndefined();
    expect(copyText(noPassword, 'simple-salesforce')).toBeUndefined();
    expect(copyText({ ...sf, token: undefined }, 'token')).toBeUndefined();
    // The env block leaves out what is missing instead of writing an empty variable.
    expect(copyText(noPassword, 'env')).not.toContain('SF_PASSWORD');
  });
});

describe('copyText: other kinds', () => {
  const base = { username: '', password: undefined, loginUrl: '', environment: 'custom' as const };
  it('gives the Authorization header each API expects', () => {
    expect(copyText({ ...base, provider: 'github', token: 'ghp_abc' }, 'auth-header')).toBe('Authorization: Bearer ghp_abc');
    expect(copyText({ ...base, provider: 'slack', token: 'xoxb-1-2' }, 'auth-header')).toBe('Authorization: Bearer xoxb-1-2');
    expect(copyText({ ...base, provider: 'stripe', token: 'sk_live_x' }, 'auth-header')).toBe('Authorization: Bearer sk_live_x');
    expect(copyText({ ...base, provider: 'okta', token: '00abc' }, 'auth-header')).toBe('Authorization: SSWS 00abc');
    expect(copyText({ ...base, provider: 'atlassian', username: 'jané@acme.com', token: 'ATATT3x' }, 'auth-header')).toBe(
      `Authorization: Basic ${Buffer.from('jané@acme.com:ATATT3x', 'utf8').toString('base64')}`,
    );
  });
  it('needs the email for an Atlassian header, and has no header for Salesforce or AWS', () => {
    expect(copyText({ ...base, provider: 'atlassian', token: 'ATATT3x' }, 'auth-header')).toBeUndefined();
    expect(copyText(sf, 'auth-header')).toBeUndefined();
    expect(copyText({ ...base, provider: 'aws', token: 'AKIAIOSFODNN7EXAMPLE' }, 'auth-header')).toBeUndefined();
  });
  it('writes AWS credentials as the env variables the AWS tools read', () => {
    expect(copyText({ ...base, provider: 'aws', token: 'AKIAIOSFODNN7EXAMPLE', password: 'wJalr/K7MDENG+bPxRfiCY' }, 'env')).toBe(
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalr/K7MDENG+bPxRfiCY',
    );
  });
});

describe('formats per kind', () => {
  it('puts password + token first for Salesforce, the token or header first elsewhere', () => {
    const held = { ...sf, hasPassword: true, hasToken: true };
    expect(primaryFormat(held)).toBe('password+token');
    expect(formatsFor('salesforce')).toEqual(['password+token', 'username', 'password', 'token', 'env', 'jsforce', 'simple-salesforce']);
    expect(formatsFor('github')).toContain('auth-header');
    expect(primaryFormat({ ...held, provider: 'other' })).toBe('password');
  });
  it('makes the one-click copy the secret an account holds while it lacks part of password + token', () => {
    const held = { ...sf, hasPassword: false, hasToken: true };
    // A token just captured from email, before any password is added.
    expect(primaryFormat(held)).toBe('token');
    expect(primaryFormat({ ...held, hasPassword: true, hasToken: false })).toBe('password');
    // With nothing to copy, the kind's usual copy stays, shown disabled.
    expect(primaryFormat({ ...held, hasToken: false })).toBe('password+token');
  });
  it('knows what can be copied from which secrets exist, by the same rule as copyText', () => {
    const summary = { ...sf, hasPassword: false, hasToken: true };
    expect(formatsFor('salesforce').filter((f) => canCopy(summary, f))).toEqual(['username', 'token', 'env']);
  });
  it('names every button and toast by what it copies', () => {
    expect(FORMAT_LABELS['password+token']).toBe('Copy password + token');
    expect(copiedMessage('env', 'Acme UAT')).toBe('Copied env block for Acme UAT');
  });
});
