/**
 * Private keys and certificates for the JWT bearer flow, through
 * @peculiar/x509 and its ASN.1 schemas, WebCrypto and jose. Loaded on
 * demand (the popup never bundles it): when a JWT account is saved, or an
 * assertion is signed.
 */
import 'reflect-metadata';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { id_rsaEncryption, RSAPrivateKey } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { X509Certificate } from '@peculiar/x509';
import { SignJWT } from 'jose';
import { ENCRYPTED_KEY, isEncryptedPem } from './pem-text';

const RS256: RsaHashedImportParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

function pemBody(pem: string, label: string): Uint8Array<ArrayBuffer> | undefined {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!m) return undefined;
  const base64 = m[1]!.replace(/\s+/g, '');
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    throw new Error(`The ${label.toLowerCase()} block is damaged: its base64 does not decode.`);
  }
}

const DAMAGED_KEY =
  'This private key is damaged: part of it is missing or changed, as when a line is lost or altered in copying. Copy the whole key again, from -----BEGIN to -----END.';

// Key types by their PKCS#8 algorithm, to say what was pasted instead of an RSA key.
const OTHER_KEYS: Record<string, string> = {
  '1.2.840.10045.2.1': 'an EC key',
  '1.3.101.112': 'an Ed25519 key',
  '1.3.101.113': 'an Ed448 key',
  '1.2.840.10040.4.1': 'a DSA key',
  '1.2.840.113549.1.1.10': 'an RSA-PSS key',
};

function parseAs<T>(der: BufferSource, schema: new () => T): T | undefined {
  try {
    return AsnConvert.parse(der, schema);
  } catch {
    return undefined;
  }
}

/** The key's PKCS#8 DER, once its structure reads as an RSA key: PKCS#8 as it is, PKCS#1 ("RSA PRIVATE KEY", what older openssl genrsa writes) wrapped. */
function pkcs8Of(pem: string): Uint8Array<ArrayBuffer> {
  if (isEncryptedPem(pem)) {
    throw new Error(ENCRYPTED_KEY);
  }
  const pkcs8 = pemBody(pem, 'PRIVATE KEY');
  if (pkcs8) {
    const info = parseAs(pkcs8, PrivateKeyInfo);
    if (!info) throw new Error(DAMAGED_KEY);
    const algorithm = info.privateKeyAlgorithm.algorithm;
    if (algorithm !== id_rsaEncryption)
      throw new Error(
        `This is ${OTHER_KEYS[algorithm] ?? 'not an RSA key'}: Salesforce’s JWT bearer flow signs with an RSA key (RS256), such as openssl genrsa makes.`,
      );
    if (!parseAs(info.privateKey.buffer, RSAPrivateKey)) throw new Error(DAMAGED_KEY);
    return pkcs8;
  }
  const pkcs1 = pemBody(pem, 'RSA PRIVATE KEY');
  if (!pkcs1) throw new Error('This is not a PEM private key: it should begin with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.');
  if (!parseAs(pkcs1, RSAPrivateKey)) throw new Error(DAMAGED_KEY);
  const info = new PrivateKeyInfo({
    privateKeyAlgorithm: new AlgorithmIdentifier({ algorithm: id_rsaEncryption, parameters: null }),
    privateKey: new OctetString(pkcs1),
  });
  return new Uint8Array(AsnConvert.serialize(info));
}

/** An RS256 signing key; a clear Error for anything that is not an unencrypted RSA private key. */
export async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = pkcs8Of(pem);
  try {
    return await crypto.subtle.importKey('pkcs8', der, RS256, true, ['sign']);
  } catch {
    throw new Error(DAMAGED_KEY);
  }
}

const bigint = (base64url: string | undefined) => {
  const bytes = Uint8Array.from(atob((base64url ?? '').replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return BigInt(`0x0${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`);
};

/**
 * The key, once its parts agree with one another, as `openssl rsa -check`
 * would have them. A changed line can leave the structure whole and the key
 * importable with a wrong prime or exponent, and signing does not tell:
 * OpenSSL checks each CRT signature and quietly signs again with d when it
 * is wrong. WebCrypto has no key check, so this is the arithmetic of RSA's
 * own definition (RFC 8017, 3.2), on the values the key itself exports.
 */
export async function checkPrivateKey(pem: string): Promise<CryptoKey> {
  const key = await importPrivateKey(pem);
  const jwk = await crypto.subtle.exportKey('jwk', key);
  const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(bigint) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const agree =
    p > 1n &&
    q > 1n &&
    p * q === n &&
    (e * d) % (p - 1n) === 1n &&
    (e * d) % (q - 1n) === 1n &&
    dp === d % (p - 1n) &&
    dq === d % (q - 1n) &&
    (qi * q) % p === 1n;
  if (!agree) throw new Error(DAMAGED_KEY);
  return key;
}

export interface CertificateFacts {
  subject: string;
  notAfter: string;
  notBefore: string;
}

function parseCertificate(pem: string): X509Certificate {
  if (!/-----BEGIN CERTIFICATE-----/.test(pem)) throw new Error('This is not a PEM certificate: it should begin with -----BEGIN CERTIFICATE-----.');
  try {
    return new X509Certificate(pem.trim());
  } catch {
    throw new Error('This certificate is damaged: it does not parse as X.509.');
  }
}

export function readCertificate(pem: string): CertificateFacts {
  const cert = parseCertificate(pem);
  return { subject: cert.subject, notAfter: cert.notAfter.toISOString(), notBefore: cert.notBefore.toISOString() };
}

/** The certificate's RSA public key, for RS256; a clear Error when it holds another kind of key or its key does not read. */
async function certificateKey(cert: X509Certificate): Promise<CryptoKey> {
  const spki = parseAs(cert.publicKey.rawData, SubjectPublicKeyInfo);
  if (!spki) throw new Error('This certificate is damaged: its public key does not read.');
  const algorithm = spki.algorithm.algorithm;
  if (algorithm !== id_rsaEncryption)
    throw new Error(`This certificate holds ${OTHER_KEYS[algorithm] ?? 'a key that is not RSA'}: Salesforce’s JWT bearer flow needs an RSA certificate.`);
  try {
    return await cert.publicKey.export(RS256, ['verify']);
  } catch {
    throw new Error('This certificate is damaged: its public key does not read.');
  }
}

/**
 * A certificate whose key reads, and, where it signed itself (as the ones
 * made for a connected app do), whose signature still matches its contents:
 * a line changed in copying can leave it parseable with a wrong key.
 */
export async function checkCertificate(pem: string): Promise<CertificateFacts> {
  const cert = parseCertificate(pem);
  await certificateKey(cert);
  if (cert.subject === cert.issuer && !(await cert.verify({ signatureOnly: true }).catch(() => true))) {
    throw new Error('This certificate is damaged: its signature no longer matches its contents, as when a line is altered in copying. Copy it again.');
  }
  return readCertificate(pem);
}

/** Whether the private key (checked whole) is the one whose public half the certificate carries (same RSA modulus and exponent). */
export async function keyMatchesCertificate(keyPem: string, certPem: string): Promise<boolean> {
  const key = await crypto.subtle.exportKey('jwk', await checkPrivateKey(keyPem));
  const pub = await crypto.subtle.exportKey('jwk', await certificateKey(parseCertificate(certPem)));
  return key.n === pub.n && key.e === pub.e;
}

/** A JWT bearer assertion as Salesforce asks for it: RS256, iss = consumer key, sub = username, aud = login URL. */
export async function signAssertion(claims: {
  clientId: string;
  username: string;
  audience: string;
  privateKey: string;
  now: number;
  lifetimeSeconds: number;
}): Promise<string> {
  const key = await importPrivateKey(claims.privateKey);
  const seconds = Math.floor(claims.now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(claims.clientId)
    .setSubject(claims.username)
    .setAudience(claims.audience)
    .setExpirationTime(seconds + claims.lifetimeSeconds)
    .sign(key);
}
