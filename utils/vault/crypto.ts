/**
 * Every cryptographic operation the vault uses, on WebCrypto plus hash-wasm's
 * Argon2id. Nothing home-made: AES-256-GCM for records and key wrapping (its
 * tag is what tells a wrong passphrase or a tampered record), ECDH P-256 +
 * HKDF-SHA-256 to seal captures to the vault while it is locked.
 */
import { argon2id } from 'hash-wasm';

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: Uint8Array;
}

/** AES-GCM output: a fresh 96-bit IV and the ciphertext with its 128-bit tag. */
export interface Sealed {
  iv: Uint8Array;
  ct: Uint8Array;
}

/** Sealed to the vault's public key: the sender's ephemeral public key travels with it. */
export interface SealedBox extends Sealed {
  epk: Uint8Array;
}

/** OWASP's first Argon2id configuration; stored with each vault so it can be raised later. */
export const DEFAULT_KDF = { algorithm: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;

/** A GCM tag mismatch: wrong key, or bytes changed since they were written. */
export class DecryptError extends Error {
  override name = 'DecryptError';
}

const subtle = () => globalThis.crypto.subtle;
const encoder = new TextEncoder();
// WebCrypto's types want ArrayBuffer-backed views; ours always are.
const buf = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** Passphrases are compared as Unicode text: "é" typed as one code point or two is the same passphrase. */
export function passphraseBytes(passphrase: string): Uint8Array {
  return encoder.encode(passphrase.normalize('NFC'));
}

export function newKdfParams(): KdfParams {
  return { ...DEFAULT_KDF, salt: randomBytes(16) };
}

/** Runs Argon2id only: the benchmark's kdfMs. */
export async function argon2(passphrase: string, kdf: KdfParams): Promise<Uint8Array> {
  return argon2id({
    password: passphraseBytes(passphrase),
    salt: kdf.salt,
    parallelism: kdf.parallelism,
    iterations: kdf.iterations,
    memorySize: kdf.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
}

/** The key-encryption key: Argon2id output as a non-extractable AES-GCM key. */
export async function deriveKek(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  const raw = await argon2(passphrase, kdf);
  try {
    return await subtle().importKey('raw', buf(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

/** An HMAC-SHA-256 key derived from the raw vault key with HKDF-SHA-256, for the one use `info` names. */
export async function derivedMacKey(rawVaultKey: Uint8Array, info: string): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', buf(rawVaultKey), 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode(info) },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

export function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', buf(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: encoder.encode(aad) }, key, buf(plaintext)));
  return { iv, ct };
}

export async function open(key: CryptoKey, sealed: Sealed, aad: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: buf(sealed.iv), additionalData: encoder.encode(aad) }, key, buf(sealed.ct)));
  } catch {
    throw new DecryptError('authentication failed');
  }
}

export interface InboxKeys {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** The vault's key pair for captures made while locked: the public half stays in the clear. */
export async function generateInboxKeys(): Promise<InboxKeys> {
  const pair = (await subtle().generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
  return {
    publicKey: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)),
    privateKey: new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey)),
  };
}

async function boxKey(privateKey: CryptoKey, peerPublic: Uint8Array, salt: Uint8Array): Promise<CryptoKey> {
  const peer = await subtle().importKey('raw', buf(peerPublic), ECDH, false, []);
  const shared = await subtle().deriveBits({ name: 'ECDH', public: peer }, privateKey, 256);
  const hkdf = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: buf(salt), info: encoder.encode('tokenkeep-inbox-v1') },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Seals to the vault's public key with a fresh ephemeral key pair: only the vault's private key opens it. */
export async function sealToPublicKey(recipient: Uint8Array, plaintext: Uint8Array, aad: string): Promise<SealedBox> {
  const ephemeral = (await subtle().generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
  const epk = new Uint8Array(await subtle().exportKey('raw', ephemeral.publicKey));
  const key = await boxKey(ephemeral.privateKey, recipient, concat(epk, recipient));
  return { epk, ...(await seal(key, plaintext, aad)) };
}

export async function openSealedBox(privatePkcs8: Uint8Array, recipient: Uint8Array, box: SealedBox, aad: string): Promise<Uint8Array> {
  const privateKey = await subtle().importKey('pkcs8', buf(privatePkcs8), ECDH, false, ['deriveBits']);
  const key = await boxKey(privateKey, box.epk, concat(box.epk, recipient));
  return open(key, box, aad);
}

const json = (value: unknown) => encoder.encode(JSON.stringify(value));
const decoder = new TextDecoder('utf-8', { fatal: true });

export const sealJson = (key: CryptoKey, value: unknown, aad: string) => seal(key, json(value), aad);
export async function openJson<T>(key: CryptoKey, sealed: Sealed, aad: string): Promise<T> {
  return JSON.parse(decoder.decode(await open(key, sealed, aad))) as T;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
