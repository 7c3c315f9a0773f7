/** The Salesforce kind: its formats, each quoted as its readers read it. */
import { describe, expect, it } from 'vitest';
import { canMake, formatOf, primaryFormat, type Fields } from '../../../utils/kinds';
import { dotenvValue, shellQuote, shellWord } from '../../../utils/kinds/text';
import { kind, sf, text, TOKEN } from './helpers';

describe('salesforce: the formats it always had', () => {
  it('gives each part, and the password with the token appended', async () => {
    expect(await Promise.all(['username', 'password', 'token', 'password+token'].map((f) => text('salesforce', f, sf)))).toEqual([
      'jane@acme.com.uat',
      'Pa55!word',
      TOKEN,
      `Pa55!word${TOKEN}`,
    ]);
  });
  it('writes the env block for a shell as exports, and the .env lines apart (the client tests read both back)', async () => {
    expect(await text('salesforce', 'env', sf)).toBe(
      [
        'export SF_USERNAME=jane@acme.com.uat',
        "export SF_PASSWORD='Pa55!word'",
        `export SF_SECURITY_TOKEN=${TOKEN}`,
        'export SF_LOGIN_URL=https://test.salesforce.com',
      ].join('\n'),
    );
    expect(await text('salesforce', 'dotenv', sf)).toBe(
      ['SF_USERNAME=jane@acme.com.uat', "SF_PASSWORD='Pa55!word'", `SF_SECURITY_TOKEN=${TOKEN}`, 'SF_LOGIN_URL=https://test.salesforce.com'].join('\n'),
    );
  });
  it('quotes a shell word so that no quote or backslash stands inside single quotes, where fish reads escapes', () => {
    expect(shellWord('plain-Value_1')).toBe('plain-Value_1');
    expect(shellWord('=cmd')).toBe("'=cmd'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("a\\'b")).toBe("'a'\\\\\\''b'");
    expect(shellQuote('')).toBe("''");
  });
  it('writes a .env value bare, in single quotes, or in double quotes with escaped line breaks, and refuses what the two dotenv readers cannot share', () => {
    expect(dotenvValue('X', 'plain-Value_1')).toBe('plain-Value_1');
    expect(dotenvValue('X', 'a b$c#d')).toBe("'a b$c#d'");
    expect(dotenvValue('X', 'c:\\tmp')).toBe("'c:\\tmp'");
    expect(dotenvValue('X', "it's\nhere")).toBe('"it\'s\\nhere"');
    expect(dotenvValue('X', `it's "q" \\x`)).toBe(`it's "q" \\x`);
    expect(() => dotenvValue('SF_PASSWORD', `it's "q" #1`)).toThrow(/SF_PASSWORD holds ' and " and #: .*--format shell/);
    expect(() => dotenvValue('SF_PASSWORD', 'a${HOME}b')).toThrow(/python-dotenv replaces/);
  });
  it('writes jsforce JSON with the token appended, and simple-salesforce JSON with it apart', async () => {
    expect(JSON.parse((await text('salesforce', 'jsforce', sf))!)).toEqual({
      loginUrl: 'https://test.salesforce.com',
      username: 'jane@acme.com.uat',
      password: `Pa55!word${TOKEN}`,
    });
    expect(JSON.parse((await text('salesforce', 'simple-salesforce', sf))!)).toEqual({
      username: 'jane@acme.com.uat',
      password: 'Pa55!word',
      security_token: TOKEN,
      domain: 'test',
    });
    expect(
      JSON.parse((await text('salesforce', 'simple-salesforce', { ...sf, environment: 'production', loginUrl: 'https://login.salesforce.com' }))!).domain,
    ).toBe('login');
  });
  it('gives simple-salesforce the My Domain the account logs in at, and refuses a host it cannot name', async () => {
    const domain = async (loginUrl: string) => JSON.parse((await text('salesforce', 'simple-salesforce', { ...sf, environment: 'custom', loginUrl }))!).domain;
    expect(await domain('https://acme--uat.sandbox.my.salesforce.com')).toBe('acme--uat.sandbox.my');
    expect(await domain('https://acme.my.salesforce.com')).toBe('acme.my');
    await expect(text('salesforce', 'simple-salesforce', { ...sf, environment: 'custom', loginUrl: 'https://login.acme.example' })).rejects.toThrow(
      /only at a host under salesforce\.com/,
    );
  });
  it('offers nothing that needs a part the account lacks, rather than half a credential', () => {
    const has = (f: Fields) => (name: string) => !!f[name];
    const { password: _p, ...noPassword } = sf;
    const offered = kind('salesforce')
      .formats.filter((f) => canMake(f, has(noPassword)))
      .map((f) => f.name);
    expect(offered).toEqual(['username', 'token', 'env', 'dotenv']);
  });
  it('says which formats ride on SOAP login(), and why, and points to the OAuth kinds', () => {
    const legacy = kind('salesforce')
      .formats.filter((f) => f.legacy)
      .map((f) => f.name);
    expect(legacy).toEqual(['password+token', 'jsforce', 'simple-salesforce', 'password+totp']);
    expect(formatOf(kind('salesforce'), 'password+token')!.legacy).toMatch(/Summer '27.*31\.0–64\.0/);
    expect(kind('salesforce').replacement).toMatch(/OAuth|JWT/);
  });
  it('makes password + token the one-click copy (password + current code with a TOTP secret), or the secret it holds while it lacks the other', () => {
    const primary = (f: Fields) => primaryFormat(kind('salesforce'), (n) => !!f[n])!.name;
    expect(primary(sf)).toBe('password+token');
    expect(primary({ username: 'a@b.co', token: TOKEN })).toBe('token');
    expect(primary({ username: 'a@b.co', password: 'x' })).toBe('password');
    expect(primary({ username: 'a@b.co' })).toBe('password+token');
    // MFA for API logins: the current code takes the token's place after the password.
    expect(primary({ ...sf, totp: 'JBSWY3DPEHPK3PXP' })).toBe('password+totp');
    expect(primary({ username: 'a@b.co', password: 'x', totp: 'JBSWY3DPEHPK3PXP' })).toBe('password+totp');
  });
});
