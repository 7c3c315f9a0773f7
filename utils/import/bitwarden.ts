/**
 * Bitwarden's JSON export (Tools › Export vault › .json), plain or
 * "password protected". The protected file is decrypted as Bitwarden's own
 * importer does (libs/importer bitwarden-password-protected-importer, with
 * key-generation.service's deriveKeyFromPassword and stretchKey): PBKDF2-
 * SHA256 over the UTF-8 salt, or Argon2id over SHA-256(salt) with the memory
 * in MiB; the result stretched by HKDF-Expand into an AES-256-CBC key ("enc")
 * and an HMAC-SHA256 key ("mac"); each EncString "2.iv|data|mac" checked by
 * its MAC before it is decrypted. The KDF's parameters are bounded first, by
 * Bitwarden's own ranges (kdf-config.ts), so a planted file cannot hang the page.
 * Crypto: WebCrypto and hash-wasm, nothing home-made.
 */
import { argon2id } from 'hash-wasm';
import * as v from 'valibot';
import { AppError } from '../common/errors';
import { changedAt, checkCount, importError, parseJson, str } from './limits';
import type { Entry, ReadResult } from './types';

const ItemSchema = v.object({
  type: v.number(),
  name: str,
  notes: str,
  // Read loosely: a date of another shape is no date, never a reason to drop the item.
  revisionDate: v.optional(v.unknown()),
  deletedDate: v.optional(v.unknown()),
  fields: v.optional(v.nullable(v.array(v.object({ name: str, value: str })))),
  login: v.optional(
    v.nullable(
      v.object({
        username: str,
        password: str,
        totp: str,
        uris: v.optional(v.nullable(v.array(v.object({ uri: str })))),
      }),
    ),
  ),
});

const PlainSchema = v.object({ encrypted: v.optional(v.literal(false)), items: v.array(v.unknown()) });

const ProtectedSchema = v.object({
  encrypted: v.literal(true),
  passwordProtected: v.literal(true),
  salt: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  kdfType: v.picklist([0, 1]),
  kdfIterations: v.number(),
  kdfMemory: v.optional(v.nullable(v.number())),
  kdfParallelism: v.optional(v.nullable(v.number())),
  encKeyValidation_DO_NOT_EDIT: v.string(),
  data: v.string(),
});

// Bitwarden's ranges (libs/key-management kdf-config.ts): PBKDF2 from the 5,000 of old exports to
// 2,000,000 iterations; Argon2id 2–10 iterations, 16–1024 MiB, 1–16 lanes.
const PBKDF2_ITERATIONS = [5_000, 2_000_000] as const;
const ARGON2 = { iterations: [2, 10], memoryMiB: [16, 1024], parallelism: [1, 16] } as const;

const within = (value: unknown, [min, max]: readonly [number, number]) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** Whether a parsed JSON document is a Bitwarden export (plain, protected, or locked to an account). */
export function isBitwarden(json: unknown): boolean {
  const doc = json as Record<string, unknown> | null;
  return !!doc && typeof doc === 'object' && ('encrypted' in doc ? typeof doc.encrypted === 'boolean' : false) && ('items' in doc || 'data' in doc);
}

export async function readBitwarden(json: unknown, password: string | undefined): Promise<ReadResult> {
  const doc = json as Record<string, unknown>;
  if (doc.encrypted === true) {
    if (doc.passwordProtected !== true)
      throw importError(
        'This Bitwarden export is locked to its Bitwarden account. Export again choosing “Password protected” (or plain .json), then import that file.',
      );
    const parsed = v.safeParse(ProtectedSchema, doc);
    if (!parsed.success) throw importError('This password-protected Bitwarden export is damaged: a part of its header is missing.');
    if (!password) throw new AppError('wrong-passphrase', 'This Bitwarden export is password-protected: enter the password it was exported with.');
    const plain = await decryptExport(parsed.output, password);
    return { format: 'Bitwarden JSON (password-protected)', entries: entriesOf(parseJson(plain, 'The decrypted export')) };
  }
  return { format: 'Bitwarden JSON', entries: entriesOf(doc) };
}

function entriesOf(json: unknown): Entry[] {
  const parsed = v.safeParse(PlainSchema, json);
  if (!parsed.success) throw importError('This Bitwarden export has no list of items.');
  checkCount(parsed.output.items.length);
  const entries: Entry[] = [];
  for (const raw of parsed.output.items) {
    const item = v.safeParse(ItemSchema, raw);
    // Cards (3) and identities (4) hold no credential Tokenkeep keeps; an item in the trash is not current.
    if (!item.success || item.output.type === 3 || item.output.type === 4 || item.output.deletedDate) continue;
    const { name, notes, fields, login, revisionDate } = item.output;
    entries.push({
      title: name ?? '',
      ...(login?.username ? { username: login.username } : {}),
      ...(login?.password ? { password: login.password } : {}),
      ...(login?.totp ? { totp: login.totp } : {}),
      ...(notes ? { notes } : {}),
      urls: (login?.uris ?? []).flatMap((u) => (u.uri ? [u.uri] : [])),
      extra: (fields ?? []).flatMap((f) => (f.value ? [{ name: f.name ?? '', value: f.value }] : [])),
      ...changedAt(revisionDate),
    });
  }
  return entries;
}

const enc = new TextEncoder();
const subtle = () => globalThis.crypto.subtle;
const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

type Bytes = Uint8Array<ArrayBuffer>;

async function hmac(key: Bytes, data: Bytes): Promise<Bytes> {
  const k = await subtle().importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', k, data));
}

/** HKDF-Expand (RFC 5869, 2.3) for one 32-byte block: HMAC(prk, info || 0x01). */
const hkdfExpand32 = (prk: Bytes, info: string) => hmac(prk, new Uint8Array([...enc.encode(info), 1]));

async function masterKey(file: v.InferOutput<typeof ProtectedSchema>, password: string): Promise<Bytes> {
  if (file.kdfType === 0) {
    if (!within(file.kdfIterations, PBKDF2_ITERATIONS))
      throw importError(
        `This export asks for ${file.kdfIterations} PBKDF2 iterations, outside what Bitwarden writes (5,000 to 2,000,000): it was refused unread.`,
      );
    const base = await subtle().importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: enc.encode(file.salt), iterations: file.kdfIterations }, base, 256);
    return new Uint8Array(bits);
  }
  const { kdfIterations: iterations, kdfMemory: memory, kdfParallelism: parallelism } = file;
  if (!within(iterations, ARGON2.iterations) || !within(memory, ARGON2.memoryMiB) || !within(parallelism, ARGON2.parallelism))
    throw importError(
      'This export asks for Argon2id parameters outside what Bitwarden writes (2–10 iterations, 16–1024 MiB, 1–16 lanes): it was refused unread.',
    );
  const salt = new Uint8Array(await subtle().digest('SHA-256', enc.encode(file.salt)));
  const key = await argon2id({
    password: enc.encode(password),
    salt,
    iterations,
    memorySize: memory! * 1024,
    parallelism: parallelism!,
    hashLength: 32,
    outputType: 'binary',
  });
  return new Uint8Array(key);
}

interface StretchedKey {
  aes: CryptoKey;
  mac: Bytes;
}

const corrupt = () => importError('This password-protected Bitwarden export is damaged: its encrypted data cannot be read.');

/** An EncString of type 2 (AesCbc256_HmacSha256_B64), its MAC checked before it is decrypted; null when the MAC does not match. */
async function openEncString(key: StretchedKey, text: string): Promise<Uint8Array | null> {
  const match = /^2\.([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(text);
  if (!match) throw corrupt();
  const [iv, data, mac] = [bytes(match[1]!), bytes(match[2]!), bytes(match[3]!)];
  // Checked by WebCrypto's own verify, which compares in constant time.
  const macKey = await subtle().importKey('raw', key.mac, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const signed = new Uint8Array(iv.length + data.length);
  signed.set(iv);
  signed.set(data, iv.length);
  if (!(await subtle().verify('HMAC', macKey, mac, signed))) return null;
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv }, key.aes, data));
  } catch {
    throw corrupt();
  }
}

async function decryptExport(file: v.InferOutput<typeof ProtectedSchema>, password: string): Promise<string> {
  const master = await masterKey(file, password);
  const key: StretchedKey = {
    aes: await subtle().importKey('raw', await hkdfExpand32(master, 'enc'), 'AES-CBC', false, ['decrypt']),
    mac: await hkdfExpand32(master, 'mac'),
  };
  master.fill(0);
  // The validation string opens only with the right password: its MAC says so before anything else is read.
  if (!(await openEncString(key, file.encKeyValidation_DO_NOT_EDIT)))
    throw new AppError('wrong-passphrase', 'That password does not open this Bitwarden export. Use the password it was exported with.');
  const data = await openEncString(key, file.data);
  if (!data) throw corrupt();
  return new TextDecoder().decode(data);
}
