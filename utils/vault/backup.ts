/**
 * Backup files: one JSON document holding the vault header (KDF parameters,
 * salt, wrapped vault key) and the account records exactly as they are stored,
 * still encrypted, plus an encrypted manifest of the record ids. Reading one
 * verifies everything (passphrase, manifest, every record) before returning
 * anything, so a truncated or tampered file changes nothing.
 *
 * Version 2 carries each record's version, which its ciphertext binds, as the
 * vault has since its manifest. Version 3 holds accounts of schema 3 (a kind
 * and its fields), which a Tokenkeep that knows only schema 2 cannot read: the
 * version tells it so before it tries. Version-1 and version-2 files still
 * import, their accounts migrated as they are read.
 */
import * as v from 'valibot';
import { AppError } from '../common/errors';
import type { Account } from './account';
import { DecryptError, deriveKek, fromBase64, importAesKey, open, openJson, sealJson, toBase64 } from './crypto';
import { kdfProblem } from './kdf-bounds';
import { migrateAccount } from './migrate';
import type { EncryptedRecord, VaultHeader } from './vault';

export const BACKUP_FORMAT = 'tokenkeep-backup';
export const BACKUP_VERSION = 3;
const MAX_BACKUP_CHARS = 64 * 1024 * 1024;

const b64 = v.pipe(v.string(), v.maxLength(MAX_BACKUP_CHARS), v.base64());
const sealed = v.object({ iv: b64, ct: b64 });

const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.union([v.literal(1), v.literal(2), v.literal(3)]),
  createdAt: v.string(),
  kdf: v.object({
    algorithm: v.literal('argon2id'),
    // Bounds keep a hostile file from asking for absurd memory or time.
    memoryKiB: v.pipe(v.number(), v.integer(), v.minValue(1024), v.maxValue(1024 * 1024)),
    iterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)),
    parallelism: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)),
    salt: b64,
  }),
  wrappedKey: sealed,
  manifest: sealed,
  records: v.array(
    v.object({ id: v.pipe(v.string(), v.maxLength(100)), version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))), iv: b64, ct: b64 }),
  ),
});

type BackupFile = v.InferOutput<typeof BackupSchema>;

// The same labels as the vault's (vault.ts): a backup holds its ciphertexts as they are. From file
// version 2 on, the wrapped key and the records are the vault's version-2 ones.
const aadVaultKey = (fileVersion: 1 | 2 | 3) => `tokenkeep-vault-key-v${fileVersion === 1 ? 1 : 2}`;
const AAD_MANIFEST = 'tokenkeep-backup-manifest-v1';
const aadRecord = (id: string, version: number | undefined) => (version === undefined ? `tokenkeep-record-v1:${id}` : `tokenkeep-record-v2:${id}:${version}`);

const sealedJson = (s: { iv: Uint8Array; ct: Uint8Array }) => ({ iv: toBase64(s.iv), ct: toBase64(s.ct) });
const sealedBytes = (s: { iv: string; ct: string }) => ({ iv: fromBase64(s.iv), ct: fromBase64(s.ct) });

export async function writeBackup(
  snapshot: { header: VaultHeader; records: Array<[string, EncryptedRecord]>; vaultKey: CryptoKey },
  createdAt: string,
): Promise<string> {
  if (snapshot.header.version !== 2 || snapshot.records.some(([, r]) => r.v !== 2))
    throw new AppError('bad-request', 'Unlock the vault once more before exporting: it is still being upgraded.');
  const ids = snapshot.records.map(([id]) => id);
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    kdf: { ...snapshot.header.kdf, salt: toBase64(snapshot.header.kdf.salt) },
    wrappedKey: sealedJson(snapshot.header.wrappedKey),
    manifest: sealedJson(await sealJson(snapshot.vaultKey, { ids, versions: snapshot.records.map(([, r]) => r.version), createdAt }, AAD_MANIFEST)),
    records: snapshot.records.map(([id, r]) => ({ id, version: r.version, ...sealedJson(r) })),
  };
  return JSON.stringify(file, null, 1);
}

const bad = (message: string) => new AppError('bad-backup', message);

/** Every account in the backup, decrypted and checked; throws before returning anything if any part fails. */
export async function readBackup(text: string, passphrase: string, kdfFloor: Parameters<typeof kdfProblem>[1]): Promise<Account[]> {
  if (text.length > MAX_BACKUP_CHARS) throw bad('This file is too large to be a Tokenkeep backup.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('This file is not a complete Tokenkeep backup: it is not valid JSON (was it cut short?).');
  }
  const parsed = v.safeParse(BackupSchema, json);
  if (!parsed.success) {
    const format = (json as { format?: unknown } | null)?.format;
    throw bad(
      format === BACKUP_FORMAT
        ? `This backup is damaged or from an unknown version (${v.getDotPath(parsed.issues[0]) ?? 'structure'}).`
        : 'This file is not a Tokenkeep backup.',
    );
  }
  const file = parsed.output;
  const kdf = { ...file.kdf, salt: fromBase64(file.kdf.salt) };
  const problem = kdfProblem(kdf, kdfFloor);
  if (problem) throw bad(`This backup cannot be opened: ${problem}`);
  const kek = await deriveKek(passphrase, kdf);
  let rawKey: Uint8Array;
  try {
    rawKey = await open(kek, sealedBytes(file.wrappedKey), aadVaultKey(file.version));
  } catch (err) {
    if (err instanceof DecryptError)
      throw new AppError('wrong-passphrase', 'That passphrase does not open this backup. Use the passphrase the vault had when the backup was made.');
    throw err;
  }
  const key = await importAesKey(rawKey);
  rawKey.fill(0);
  let manifest: { ids: string[]; versions?: Array<number | undefined> };
  try {
    manifest = await openJson(key, sealedBytes(file.manifest), AAD_MANIFEST);
  } catch {
    throw bad('This backup was changed after it was written: its manifest does not check out.');
  }
  const ids = file.records.map((r) => r.id);
  const versionsMatch = file.version === 1 || file.records.every((r, i) => r.version === manifest.versions?.[i]);
  if (ids.length !== manifest.ids.length || ids.some((id, i) => id !== manifest.ids[i]) || !versionsMatch) {
    throw bad(`This backup is incomplete or was changed: it should hold ${manifest.ids.length} accounts and holds ${ids.length}.`);
  }
  const accounts: Account[] = [];
  for (const record of file.records) {
    try {
      accounts.push(migrateAccount(await openJson(key, sealedBytes(record), aadRecord(record.id, file.version === 1 ? undefined : record.version))));
    } catch {
      throw bad('This backup was changed after it was written: an account record does not check out. Nothing was imported.');
    }
  }
  return accounts;
}
