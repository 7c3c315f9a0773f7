/** The Salesforce JWT bearer kind: key, certificate, assertion. */
import { readFileSync } from 'node:fs';
import 'reflect-metadata';
import { BasicConstraintsExtension, X509CertificateGenerator } from '@peculiar/x509';
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkFields } from '../../../utils/kinds/check';
import { kind, NOW, text } from './helpers';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/kinds/${name}`, import.meta.url), 'utf8');

async function certificate(notBefore: Date, notAfter: Date) {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=ci-deploy, O=Acme',
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: alg,
    extensions: [new BasicConstraintsExtension(false)],
  });
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
    await expect(
      checkFields(kind('salesforce-jwt'), { ...base, privateKey: fixture('jwt-key-pkcs1.pem'), certificate: fixture('jwt-cert.pem') }),
    ).resolves.toBeDefined();
  });
  it('refuses a key that does not match its certificate, an encrypted key, and a damaged PEM, each clearly', async () => {
    const jwt = kind('salesforce-jwt');
    await expect(checkFields(jwt, { ...base, privateKey: fixture('other-key.pem'), certificate: fixture('jwt-cert.pem') })).rejects.toThrow(
      /does not belong to this certificate/,
    );
    await expect(checkFields(jwt, { ...base, privateKey: fixture('jwt-key-encrypted.pem') })).rejects.toThrow(/encrypted/);
    await expect(checkFields(jwt, { ...base, privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' })).rejects.toThrow(/damaged/);
    await expect(checkFields(jwt, { ...base, privateKey: 'hello' })).rejects.toThrow(/not a PEM private key/);
    await expect(checkFields(jwt, { ...base, privateKey: fixture('jwt-key.pem'), certificate: `x${'y'.repeat(20_000)}` })).rejects.toThrow(/longer than/);
  });
  // Every line of the key's body, one at a time: a lost line breaks its structure; a changed one
  // may leave the structure and the modulus whole, and only a signature shows it.
  it.each(
    fixture('jwt-key.pem')
      .trim()
      .split('\n')
      .slice(1, -1)
      .map((_, i) => [i + 1]),
  )('refuses the key with line %i lost or changed, saying it is damaged', async (line) => {
    const lines = fixture('jwt-key.pem').split('\n');
    const changed = lines.map((l, i) => (i === line ? `${l.slice(0, 30)}${l[30] === 'A' ? 'B' : 'A'}${l.slice(31)}` : l)).join('\n');
    const lost = lines.filter((_, i) => i !== line).join('\n');
    for (const privateKey of [changed, lost]) {
      await expect(checkFields(kind('salesforce-jwt'), { ...base, privateKey })).rejects.toThrow(/damaged|does not belong/);
      await expect(checkFields(kind('salesforce-jwt'), { ...base, privateKey, certificate: fixture('jwt-cert.pem') })).rejects.toThrow(
        /damaged|does not belong/,
      );
    }
  });
  it('says what is wrong with a certificate: damaged, or holding a key that is not RSA', async () => {
    const jwt = kind('salesforce-jwt');
    const lines = fixture('jwt-cert.pem').split('\n');
    const changed = lines.map((l, i) => (i === 8 ? `${l.slice(0, 30)}${l[30] === 'A' ? 'B' : 'A'}${l.slice(31)}` : l)).join('\n');
    await expect(checkFields(jwt, { ...base, privateKey: fixture('jwt-key.pem'), certificate: changed })).rejects.toThrow(
      /certificate is damaged|does not belong/,
    );
    const ec = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const ecCert = await X509CertificateGenerator.createSelfSigned({
      serialNumber: '02',
      name: 'CN=ec',
      notBefore: new Date('2026-01-01'),
      notAfter: new Date('2027-01-01'),
      keys: ec,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    await expect(checkFields(jwt, { ...base, certificate: ecCert.toString('pem'), privateKey: fixture('jwt-key.pem') })).rejects.toThrow(
      /holds an EC key.*RSA certificate/,
    );
    const ecKey = Buffer.from(await crypto.subtle.exportKey('pkcs8', ec.privateKey)).toString('base64');
    await expect(checkFields(jwt, { ...base, privateKey: `-----BEGIN PRIVATE KEY-----\n${ecKey}\n-----END PRIVATE KEY-----\n` })).rejects.toThrow(
      /This is an EC key: .*RSA key \(RS256\)/,
    );
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
    expect(command).toBe(
      'sf org login jwt --client-id 3MVG9abcDEF_ghi.JKL --jwt-key-file server.key --username ci@acme.com --instance-url https://test.salesforce.com',
    );
    expect(command).not.toContain('PRIVATE KEY');
  });
});
