/**
 * The kind modules: each kind's formats, recognition, fill roles and
 * expiry, as the popup, the filler and the credential CLI all read them.
 */
import { readFileSync } from 'node:fs';
import 'reflect-metadata';
import { BasicConstraintsExtension, X509CertificateGenerator } from '@peculiar/x509';
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { canMake, formatOf, kindOf, KINDS, primaryFormat, recognise, type Fields, type Kind } from '../../../utils/kinds';
import { checkFields } from '../../../utils/kinds/check';
import { parseSfdxUrl } from '../../../utils/kinds/salesforce-sfdx-url.kind';
import { dotenvValue, shellQuote, shellWord } from '../../../utils/kinds/text';
import { totpNow } from '../../../utils/kinds/otp';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/kinds/${name}`, import.meta.url), 'utf8');
const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';
const NOW = Date.parse('2026-12-02T10:00:00Z');
const kind = (name: string) => kindOf(name)!;
const text = async (k: string, format: string, fields: Fields, now = NOW) => formatOf(kind(k), format)!.text(fields, { now });

const sf: Fields = { username: 'jane@acme.com.uat', password: 'Pa55!word', token: TOKEN, loginUrl: 'https://test.salesforce.com', environment: 'sandbox' };

describe('salesforce: the formats it always had', () => {
  it('gives each part, and the password with the token appended', async () => {
    expect(await Promise.all(['username', 'password', 'token', 'password+token'].map((f) => text('salesforce', f, sf)))).toEqual(['jane@acme.com.uat', 'Pa55!word', TOKEN, `Pa55!word${TOKEN}`]);
  });
  it('writes the env block for a shell as exports, and the .env lines apart (the client tests read both back)', async () => {
    expect(await text('salesforce', 'env', sf)).toBe(['export SF_USERNAME=jane@acme.com.uat', "export SF_PASSWORD='Pa55!word'", `export SF_SECURITY_TOKEN=${TOKEN}`, 'export SF_LOGIN_URL=https://test.salesforce.com'].join('\n'));
    expect(await text('salesforce', 'dotenv', sf)).toBe(['SF_USERNAME=jane@acme.com.uat', "SF_PASSWORD='Pa55!word'", `SF_SECURITY_TOKEN=${TOKEN}`, 'SF_LOGIN_URL=https://test.salesforce.com'].join('\n'));
  });
  it('quotes a shell word so that no quote or backslash stands inside single quotes, where fish reads escapes', () => {
    expect(shellWord('plain-Value_1')).toBe('plain-Value_1');
    expect(shellWord('=cmd')).toBe("'=cmd'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('a\\\'b')).toBe("'a'\\\\\\''b'");
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
    expect(JSON.parse((await text('salesforce', 'jsforce', sf))!)).toEqual({ loginUrl: 'https://test.salesforce.com', username: 'jane@acme.com.uat', password: `Pa55!word${TOKEN}` });
    expect(JSON.parse((await text('salesforce', 'simple-salesforce', sf))!)).toEqual({ username: 'jane@acme.com.uat', password: 'Pa55!word', security_token: TOKEN, domain: 'test' });
    expect(JSON.parse((await text('salesforce', 'simple-salesforce', { ...sf, environment: 'production', loginUrl: 'https://login.salesforce.com' }))!).domain).toBe('login');
  });
  it('gives simple-salesforce the My Domain the account logs in at, and refuses a host it cannot name', async () => {
    const domain = async (loginUrl: string) => JSON.parse((await text('salesforce', 'simple-salesforce', { ...sf, environment: 'custom', loginUrl }))!).domain;
    expect(await domain('https://acme--uat.sandbox.my.salesforce.com')).toBe('acme--uat.sandbox.my');
    expect(await domain('https://acme.my.salesforce.com')).toBe('acme.my');
    await expect(text('salesforce', 'simple-salesforce', { ...sf, environment: 'custom', loginUrl: 'https://login.acme.example' })).rejects.toThrow(/only at a host under salesforce\.com/);
  });
  it('offers nothing that needs a part the account lacks, rather than half a credential', () => {
    const has = (f: Fields) => (name: string) => !!f[name];
    const { password: _p, ...noPassword } = sf;
    const offered = kind('salesforce').formats.filter((f) => canMake(f, has(noPassword))).map((f) => f.name);
    expect(offered).toEqual(['username', 'token', 'env', 'dotenv']);
  });
  it('says which formats ride on SOAP login(), and why, and points to the OAuth kinds', () => {
    const legacy = kind('salesforce').formats.filter((f) => f.legacy).map((f) => f.name);
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

describe('API-token kinds', () => {
  it('give the Authorization header each API expects', async () => {
    expect(await text('github', 'auth-header', { token: 'ghp_abc' })).toBe('Authorization: Bearer ghp_abc');
    expect(await text('slack', 'auth-header', { token: 'xoxb-1-2' })).toBe('Authorization: Bearer xoxb-1-2');
    expect(await text('stripe', 'auth-header', { token: 'sk_live_x' })).toBe('Authorization: Bearer sk_live_x');
    expect(await text('okta', 'auth-header', { token: '00abc' })).toBe('Authorization: SSWS 00abc');
    expect(await text('atlassian', 'auth-header', { username: 'jané@acme.com', token: 'ATATT3x' })).toBe(`Authorization: Basic ${Buffer.from('jané@acme.com:ATATT3x', 'utf8').toString('base64')}`);
  });
  it('need the email for an Atlassian header, and have no header for Salesforce or AWS', async () => {
    expect(await text('atlassian', 'auth-header', { token: 'ATATT3x' })).toBeUndefined();
    expect(formatOf(kind('salesforce'), 'auth-header')).toBeUndefined();
    expect(formatOf(kind('aws'), 'auth-header')).toBeUndefined();
  });
  it('write AWS credentials as the env variables the AWS tools read', async () => {
    expect(await text('aws', 'env', { token: 'AKIAIOSFODNN7EXAMPLE', password: 'wJalr/K7MDENG+bPxRfiCY' })).toBe('export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalr/K7MDENG+bPxRfiCY');
  });
});

describe('recognising a pasted value', () => {
  const SAMPLES: Array<[string, string | undefined]> = [
    ['PVmuqFRxEP0LG40WUka5vPJjG', 'salesforce'],
    ['Lk4Ab7Cd0Ef3Gh6Ij9Kl2M', 'salesforce'],
    [`ghp_${'a1B2'.repeat(9)}`, 'github'],
    [`github_pat_11ABCDEFG0${'x'.repeat(20)}_${'Y'.repeat(59)}`, 'github'],
    ['xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'slack'],
    [`sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, 'stripe'],
    ['AKIAIOSFODNN7EXAMPLE', 'aws'],
    [`00${'a'.repeat(20)}-${'B'.repeat(19)}`, 'okta'],
    [`ATATT3xFfGF0${'T'.repeat(40)}=ABCD1234`, 'atlassian'],
    ['  PVmuqFRxEP0LG40WUka5vPJjG\n', 'salesforce'],
    ['force://PlatformCLI::5Aep861abc@acme.my.salesforce.com', 'salesforce-sfdx-url'],
    ['otpauth://totp/Salesforce:jane%40acme.com?secret=JBSWY3DPEHPK3PXP&issuer=Salesforce', 'salesforce'],
    [fixture('jwt-key.pem'), 'salesforce-jwt'],
    ['password', undefined],
    ['123456', undefined],
    ['abcdefghijklmnopqrstuvwxyz', undefined],
    ['PVmuqFRxEP0 LG40WUka5vPJjG', undefined],
  ];
  it.each(SAMPLES)('%s -> %s', (value, name) => {
    expect(recognise(value)?.kind.name).toBe(name);
  });
  it('reads the account out of an otpauth link as the username', () => {
    expect(recognise('otpauth://totp/Salesforce:jane%40acme.com?secret=JBSWY3DPEHPK3PXP&issuer=Salesforce')!.fields).toMatchObject({ username: 'jane@acme.com' });
  });
  it('leaves a paste larger than any credential alone', () => {
    expect(recognise('x'.repeat(70 * 1024))).toBeUndefined();
  });
});

describe('TOTP (otpauth, RFC 6238 test vectors)', () => {
  // RFC 6238 Appendix B: the ASCII seeds "1234567890" repeated to 20, 32 and 64 bytes, 8 digits.
  const seed = (bytes: number) => Buffer.from('1234567890'.repeat(7).slice(0, bytes)).toString('base64');
  const base32 = (b64: string) => {
    const bytes = Buffer.from(b64, 'base64');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = '';
    for (const b of bytes) bits += b.toString(2).padStart(8, '0');
    return bits.match(/.{1,5}/g)!.map((c) => alphabet[parseInt(c.padEnd(5, '0'), 2)]).join('');
  };
  const uri = (alg: string, bytes: number) => `otpauth://totp/rfc?secret=${base32(seed(bytes))}&algorithm=${alg}&digits=8&period=30`;
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1234567890, '89005924', '91819424', '93441116'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('at %i s', (t, sha1, sha256, sha512) => {
    expect(totpNow(uri('SHA1', 20), t * 1000).code).toBe(sha1);
    expect(totpNow(uri('SHA256', 32), t * 1000).code).toBe(sha256);
    expect(totpNow(uri('SHA512', 64), t * 1000).code).toBe(sha512);
  });
  it('copies the current code, and the password with it, at the time asked', async () => {
    const f = { ...sf, totp: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
    expect(await text('salesforce', 'totp', f, 59_000)).toBe('287082');
    expect(await text('salesforce', 'password+totp', f, 59_000)).toBe('Pa55!word287082');
    expect(totpNow(f.totp, 59_000).remaining).toBe(1);
  });
  it('refuses an HOTP link, a secret that is not base32, and one too short to be real', async () => {
    const save = (totp: string) => checkFields(kind('salesforce'), { username: 'a@b.co', totp });
    await expect(save('otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1')).rejects.toThrow(/HOTP/);
    await expect(save('not base32 at all!')).rejects.toThrow(/base32/);
    await expect(save('JBSWY3DP')).rejects.toThrow(/too short/);
    await expect(save('jbsw y3dp ehpk 3pxp')).resolves.toMatchObject({ totp: 'JBSWY3DPEHPK3PXP' });
  });
  it.each([
    ['digits=100000000', /100000000-digit codes/],
    ['digits=4', /4-digit/],
    ['period=0', /every 0 seconds|period/i],
    ['period=86400', /every 86400 seconds/],
    ['algorithm=MD5', /MD5|algorithm/],
    ['algorithm=SHA3-256', /SHA3-256/],
  ])('refuses an otpauth link with %s, before and at save', async (param, message) => {
    const uri = `otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&${param}`;
    expect(kind('salesforce').fields.find((f) => f.name === 'totp')!.problem!(uri)).toMatch(message);
    await expect(checkFields(kind('salesforce'), { username: 'a@b.co', totp: uri })).rejects.toThrow(message);
  });
  it('holds a link with other parameters to the same 80-bit floor, and keeps one within bounds', async () => {
    const save = (totp: string) => checkFields(kind('salesforce'), { username: 'a@b.co', totp });
    await expect(save('otpauth://totp/x?secret=JBSWY3DP&digits=8')).rejects.toThrow(/too short/);
    await expect(save('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=8&period=60&algorithm=SHA256')).resolves.toMatchObject({ totp: expect.stringMatching(/^otpauth:.*digits=8/) });
  });
  it('puts the code only where a one-time-code field is: its fill role is code', () => {
    expect(kind('salesforce').fill).toMatchObject({ code: 'totp', password: 'password', token: 'token' });
  });
});

describe('salesforce-oauth', () => {
  const app = { clientId: '3MVG9abcDEF_ghi.JKL', clientSecret: 'S3cr3t$ecret', myDomain: 'https://acme.my.salesforce.com' };
  it('writes the client credentials request, and the configs jsforce and simple-salesforce take', async () => {
    expect(await text('salesforce-oauth', 'curl-client-credentials', app)).toBe(
      [
        'curl -sS -X POST https://acme.my.salesforce.com/services/oauth2/token',
        '  -d grant_type=client_credentials',
        '  --data-urlencode client_id=3MVG9abcDEF_ghi.JKL',
        "  --data-urlencode client_secret='S3cr3t$ecret'",
      ].join(' \\\n'),
    );
    expect(JSON.parse((await text('salesforce-oauth', 'jsforce', app))!)).toEqual({ oauth2: { clientId: app.clientId, clientSecret: app.clientSecret, loginUrl: app.myDomain } });
    expect(JSON.parse((await text('salesforce-oauth', 'simple-salesforce', app))!)).toEqual({ consumer_key: app.clientId, consumer_secret: app.clientSecret, domain: 'acme.my' });
    expect(await text('salesforce-oauth', 'env', app)).toBe("export SF_CLIENT_ID=3MVG9abcDEF_ghi.JKL\nexport SF_CLIENT_SECRET='S3cr3t$ecret'\nexport SF_MY_DOMAIN_URL=https://acme.my.salesforce.com");
  });
  it('takes only a My Domain URL, and fills only consumer key and secret', async () => {
    await expect(checkFields(kind('salesforce-oauth'), { ...app, myDomain: 'https://login.salesforce.com' })).rejects.toThrow(/my\.salesforce\.com/);
    await expect(checkFields(kind('salesforce-oauth'), { ...app, myDomain: 'https://acme.my.salesforce.com/path/' })).resolves.toMatchObject({ myDomain: 'https://acme.my.salesforce.com' });
    expect(kind('salesforce-oauth').fill).toEqual({ clientId: 'clientId', clientSecret: 'clientSecret' });
  });
});

async function certificate(notBefore: Date, notAfter: Date) {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await X509CertificateGenerator.createSelfSigned({ serialNumber: '01', name: 'CN=ci-deploy, O=Acme', notBefore, notAfter, keys, signingAlgorithm: alg, extensions: [new BasicConstraintsExtension(false)] });
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return { certificate: cert.toString('pem'), privateKey: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n` };
}

describe('salesforce-jwt', () => {
  const base = { clientId: '3MVG9abcDEF_ghi.JKL', username: 'ci@acme.com', loginUrl: 'https://test.salesforce.com' };
  it('keeps a key with its certificate, and takes the certificate’s notAfter as the expiry', async () => {
    const pair = await certificate(new Date('2026-01-01T00:00:00Z'), new Date('2027-03-01T00:00:00Z'));
    const fields = await checkFields(kind('salesforce-jwt'), { ...base, ...pair });
    expect(await kind('salesforce-jwt').expiry!(fields)).toBe('2027-03-01T00:00:00.000Z');
    expect(await kind('salesforce-jwt').facts!(fields)).toEqual([
      { label: 'Certificate', value: 'CN=ci-deploy, O=Acme' },
      { label: 'Certificate valid until', value: '2027-03-01T00:00:00.000Z' },
    ]);
  });
  it('keeps an expired certificate (the reminder flags it), and reads a PKCS#1 key as openssl genrsa wrote it', async () => {
    const old = await certificate(new Date('2020-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'));
    expect(await kind('salesforce-jwt').expiry!(await checkFields(kind('salesforce-jwt'), { ...base, ...old }))).toBe('2021-01-01T00:00:00.000Z');
    await expect(checkFields(kind('salesforce-jwt'), { ...base, privateKey: fixture('jwt-key-pkcs1.pem'), certificate: fixture('jwt-cert.pem') })).resolves.toBeDefined();
  });
  it('refuses a key that does not match its certificate, an encrypted key, and a damaged PEM, each clearly', async () => {
    const jwt = kind('salesforce-jwt');
    await expect(checkFields(jwt, { ...base, privateKey: fixture('other-key.pem'), certificate: fixture('jwt-cert.pem') })).rejects.toThrow(/does not belong to this certificate/);
    await expect(checkFields(jwt, { ...base, privateKey: fixture('jwt-key-encrypted.pem') })).rejects.toThrow(/encrypted/);
    await expect(checkFields(jwt, { ...base, privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' })).rejects.toThrow(/damaged/);
    await expect(checkFields(jwt, { ...base, privateKey: 'hello' })).rejects.toThrow(/not a PEM private key/);
    await expect(checkFields(jwt, { ...base, privateKey: fixture('jwt-key.pem'), certificate: `x${'y'.repeat(20_000)}` })).rejects.toThrow(/longer than/);
  });
  // Every line of the key's body, one at a time: a lost line breaks its structure; a changed one
  // may leave the structure and the modulus whole, and only a signature shows it.
  it.each(fixture('jwt-key.pem').trim().split('\n').slice(1, -1).map((_, i) => [i + 1]))('refuses the key with line %i lost or changed, saying it is damaged', async (line) => {
    const lines = fixture('jwt-key.pem').split('\n');
    const changed = lines.map((l, i) => (i === line ? `${l.slice(0, 30)}${l[30] === 'A' ? 'B' : 'A'}${l.slice(31)}` : l)).join('\n');
    const lost = lines.filter((_, i) => i !== line).join('\n');
    for (const privateKey of [changed, lost]) {
      await expect(checkFields(kind('salesforce-jwt'), { ...base, privateKey })).rejects.toThrow(/damaged|does not belong/);
      await expect(checkFields(kind('salesforce-jwt'), { ...base, privateKey, certificate: fixture('jwt-cert.pem') })).rejects.toThrow(/damaged|does not belong/);
    }
  });
  it('says what is wrong with a certificate: damaged, or holding a key that is not RSA', async () => {
    const jwt = kind('salesforce-jwt');
    const lines = fixture('jwt-cert.pem').split('\n');
    const changed = lines.map((l, i) => (i === 8 ? `${l.slice(0, 30)}${l[30] === 'A' ? 'B' : 'A'}${l.slice(31)}` : l)).join('\n');
    await expect(checkFields(jwt, { ...base, privateKey: fixture('jwt-key.pem'), certificate: changed })).rejects.toThrow(/certificate is damaged|does not belong/);
    const ec = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const ecCert = await X509CertificateGenerator.createSelfSigned({ serialNumber: '02', name: 'CN=ec', notBefore: new Date('2026-01-01'), notAfter: new Date('2027-01-01'), keys: ec, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } });
    await expect(checkFields(jwt, { ...base, certificate: ecCert.toString('pem'), privateKey: fixture('jwt-key.pem') })).rejects.toThrow(/holds an EC key.*RSA certificate/);
    const ecKey = Buffer.from(await crypto.subtle.exportKey('pkcs8', ec.privateKey)).toString('base64');
    await expect(checkFields(jwt, { ...base, privateKey: `-----BEGIN PRIVATE KEY-----\n${ecKey}\n-----END PRIVATE KEY-----\n` })).rejects.toThrow(/This is an EC key: .*RSA key \(RS256\)/);
  });
  it('signs an RS256 assertion Salesforce accepts: iss, sub, aud, and an expiry at most 5 minutes ahead', async () => {
    const f = { ...base, privateKey: fixture('jwt-key.pem') };
    const assertion = (await text('salesforce-jwt', 'jwt-assertion', f))!;
    expect(decodeProtectedHeader(assertion).alg).toBe('RS256');
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({ iss: base.clientId, sub: base.username, aud: 'https://test.salesforce.com' });
    expect(claims.exp! - NOW / 1000).toBeGreaterThan(0);
    expect(claims.exp! - NOW / 1000).toBeLessThanOrEqual(300);
    const certKey = fixture('jwt-cert.pem');
    const { X509Certificate } = await import('@peculiar/x509');
    const spki = new X509Certificate(certKey).publicKey.toString('pem');
    await expect(jwtVerify(assertion, await importSPKI(spki, 'RS256'), { currentDate: new Date(NOW) })).resolves.toBeDefined();
    expect(await text('salesforce-jwt', 'curl-jwt', f)).toContain(`assertion=${assertion}`);
  });
  it('names a key file in the sf command, never the key', async () => {
    const f = { ...base, privateKey: fixture('jwt-key.pem') };
    const command = (await text('salesforce-jwt', 'sf-login-jwt', f))!;
    expect(command).toBe('sf org login jwt --client-id 3MVG9abcDEF_ghi.JKL --jwt-key-file server.key --username ci@acme.com --instance-url https://test.salesforce.com');
    expect(command).not.toContain('PRIVATE KEY');
  });
});

describe('salesforce-sfdx-url', () => {
  const url = 'force://PlatformCLI::5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrnx.ZA@acme--uat.sandbox.my.salesforce.com';
  it('reads the parts, keeps the exact string, and copies an sf command that reads it from the file its file format makes', async () => {
    expect(parseSfdxUrl(url)).toEqual({ sfdxUrl: url, clientId: 'PlatformCLI', clientSecret: '', refreshToken: '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrnx.ZA', instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com' });
    const fields = await checkFields(kind('salesforce-sfdx-url'), { sfdxUrl: url });
    expect(await text('salesforce-sfdx-url', 'sfdx-url', fields)).toBe(url);
    expect(JSON.parse((await text('salesforce-sfdx-url', 'sfdx-url-file', fields))!)).toEqual({ sfdxAuthUrl: url });
    // sf reads a file named .json as JSON with a top-level sfdxAuthUrl (plugin-auth src/commands/org/login/sfdx-url.ts, `authFile.endsWith('.json')`).
    expect(await text('salesforce-sfdx-url', 'sf-login-sfdx-url', fields)).toBe('sf org login sfdx-url --sfdx-url-file authFile.json');
  });
  it.each([
    ['https://acme.my.salesforce.com', /starts with force/],
    ['force://id:secret:token', /no @instance/],
    ['force://token@acme.my.salesforce.com', /missing a part/],
    ['force://:secret:token@acme.my.salesforce.com', /no client id/],
    ['force://id:secret:@acme.my.salesforce.com', /no refresh token/],
    ['force://id:secret:token@not a host', /more after its instance.*to not\b/],
    ['force://id:secret:token@', /no instance/],
    ['force://id:secret:token@-x', /not a host name/],
    ['force://id:sec!ret:token@acme.my.salesforce.com', /client secret holds a character/],
    // sf stops at the first character outside [A-Za-z0-9:._-]: it would send the refresh token to evil.example.com.
    ['force://id:secret:token@evil.example.com/@acme.my.salesforce.com', /sf would send its refresh token to evil\.example\.com/],
    ['force://id:secret:token@evil.example.com?@acme.my.salesforce.com', /evil\.example\.com/],
  ])('refuses %s', async (bad, message) => {
    await expect(checkFields(kind('salesforce-sfdx-url'), { sfdxUrl: bad })).rejects.toThrow(message);
  });
  it('keeps what sf would misread only once it is put right: an instance with https:// or a trailing slash', async () => {
    const fields = await checkFields(kind('salesforce-sfdx-url'), { sfdxUrl: 'FORCE://PlatformCLI::5Aep861abc@https://acme-dev-ed.my.salesforce.com/' });
    expect(fields).toMatchObject({ sfdxUrl: 'force://PlatformCLI::5Aep861abc@acme-dev-ed.my.salesforce.com', instanceUrl: 'https://acme-dev-ed.my.salesforce.com' });
  });
});

describe('every kind', () => {
  it.each(KINDS.map((k) => [k.name, k] as [string, Kind]))('%s declares labelled fields, formats built from them, and fill roles it has', (_name, k) => {
    const names = new Set(k.fields.map((f) => f.name));
    for (const f of k.formats) for (const n of f.needs) expect(names.has(n), `${k.name}/${f.name} needs ${n}`).toBe(true);
    for (const field of Object.values(k.fill)) expect(names.has(field!)).toBe(true);
    for (const p of k.primary) expect(formatOf(k, p), `${k.name} primary ${p}`).toBeDefined();
    expect(k.fields.every((f) => f.label && f.max > 0)).toBe(true);
  });
});
