/**
 * The vault's authenticated metadata: which account records exist and at
 * which version, the public key that seals captures made while locked, the
 * record schema, and whether the plain-text accounts of Tokenkeep 0.1 were
 * migrated. It is stored in the clear next to the records, with an
 * HMAC-SHA-256 under a key derived from the vault key (HKDF), so nothing of it
 * can change on disk unnoticed: a record deleted with its index entry, an
 * older ciphertext put back, a planted record or plain-text row, a swapped
 * public key. Account names travel in it encrypted, so that a missing
 * account can be reported by name.
 */
import { DecryptError, derivedMacKey, fromBase64, openJson, sealJson, toBase64, type Sealed } from './crypto';

export interface ManifestBody {
  v: 1;
  /** Every write takes the next number; each record's version is the write that wrote it last. */
  counter: number;
  /** Record id → the version its ciphertext must carry. */
  records: Record<string, number>;
  /** The inbox public key, base64. */
  inboxKey: string;
  /** The account schema the records are written in. */
  schema: number;
  /** Plain-text 0.1 accounts were migrated (or there were none): a later one was planted. */
  legacyDone: true;
  /** Record id → account label, sealed under the vault key. */
  names: Sealed;
}

export interface StoredManifest {
  body: ManifestBody;
  mac: Uint8Array;
}

const subtle = () => globalThis.crypto.subtle;
const NAMES_AAD = 'tokenkeep-manifest-names-v1';

/** The manifest's MAC key: HKDF-SHA-256 over the raw vault key, for this purpose only. */
export const manifestKey = (rawVaultKey: Uint8Array) => derivedMacKey(rawVaultKey, 'tokenkeep-manifest-mac-v1');

/** The bytes the MAC covers: every field, records in id order, so the same manifest always signs the same. */
function canonical(body: ManifestBody): Uint8Array {
  const records = Object.keys(body.records)
    .sort()
    .map((id) => [id, body.records[id]]);
  const names = { iv: toBase64(body.names.iv), ct: toBase64(body.names.ct) };
  return new TextEncoder().encode(JSON.stringify([body.v, body.counter, records, body.inboxKey, body.schema, body.legacyDone, names]));
}

export async function signManifest(macKey: CryptoKey, body: ManifestBody): Promise<StoredManifest> {
  return { body, mac: new Uint8Array(await subtle().sign('HMAC', macKey, canonical(body) as Uint8Array<ArrayBuffer>)) };
}

/** The body when the MAC checks out, undefined when the manifest is missing, malformed or changed. */
export async function verifyManifest(macKey: CryptoKey, stored: StoredManifest | undefined): Promise<ManifestBody | undefined> {
  const body = stored?.body;
  if (!body || body.v !== 1 || typeof body.records !== 'object' || !(stored.mac instanceof Uint8Array) || !body.names?.iv) return undefined;
  try {
    return (await subtle().verify('HMAC', macKey, stored.mac as Uint8Array<ArrayBuffer>, canonical(body) as Uint8Array<ArrayBuffer>)) ? body : undefined;
  } catch {
    return undefined;
  }
}

export const sealNames = (vaultKey: CryptoKey, names: Record<string, string>) => sealJson(vaultKey, names, NAMES_AAD);

export async function openNames(vaultKey: CryptoKey, sealed: Sealed): Promise<Record<string, string>> {
  try {
    return await openJson<Record<string, string>>(vaultKey, sealed, NAMES_AAD);
  } catch (err) {
    if (err instanceof DecryptError) return {};
    throw err;
  }
}

export const encodeKey = (publicKey: Uint8Array) => toBase64(publicKey);
export const decodeKey = (text: string) => fromBase64(text);
