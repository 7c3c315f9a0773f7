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
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
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


/** The key's PKCS#8 DER: PKCS#8 as it is, PKCS#1 ("RSA PRIVATE KEY", what older openssl genrsa writes) wrapped. */
function pkcs8Of(pem: string): Uint8Array<ArrayBuffer> {
  if (isEncryptedPem(pem)) {
    throw new Error(ENCRYPTED_KEY);
  }
  const pkcs8 = pemBody(pem, 'PRIVATE KEY');
  if (pkcs8) return pkcs8;
  const pkcs1 = pemBody(pem, 'RSA PRIVATE KEY');
  if (!pkcs1) throw new Error('This is not a PEM private key: it should begin with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.');
  try {
    AsnConvert.parse(pkcs1, RSAPrivateKey);
  } catch {
    throw new Error('This RSA private key is damaged: it does not parse.');
  }
  const info = new PrivateKeyInfo({ privateKeyAlgorithm: new AlgorithmIdentifier({ algorithm: id_rsaEncryption, parameters: null }), privateKey: new OctetString(pkcs1) });
  return new Uint8Array(AsnConvert.serialize(info));
}

/** An RS256 signing key; a clear Error for anything that is not an unencrypted RSA private key. */
export async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = pkcs8Of(pem);
  try {
    return await crypto.subtle.importKey('pkcs8', der, RS256, true, ['sign']);
  } catch {
    throw new Error('This private key cannot be used for the JWT bearer flow: Salesforce needs an RSA key (RS256).');
  }
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

/** Whether the private key is the one whose public half the certificate carries (same RSA modulus and exponent). */
export async function keyMatchesCertificate(keyPem: string, certPem: string): Promise<boolean> {
  const key = await crypto.subtle.exportKey('jwk', await importPrivateKey(keyPem));
  let publicKey: CryptoKey;
  try {
    publicKey = await parseCertificate(certPem).publicKey.export(RS256, ['verify']);
  } catch {
    throw new Error('This certificate does not hold an RSA public key: Salesforce needs one for the JWT bearer flow.');
  }
  const pub = await crypto.subtle.exportKey('jwk', publicKey);
  return key.n === pub.n && key.e === pub.e;
}

/** A JWT bearer assertion as Salesforce asks for it: RS256, iss = consumer key, sub = username, aud = login URL. */
export async function signAssertion(claims: { clientId: string; username: string; audience: string; privateKey: string; now: number; lifetimeSeconds: number }): Promise<string> {
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
