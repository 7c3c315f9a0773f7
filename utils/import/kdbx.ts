/**
 * KeePass and KeePassXC databases (.kdbx, versions 3.1 and 4), read with
 * kdbxweb; its Argon2 is hash-wasm's, which the vault already ships. The
 * header is read first, and its key derivation bounded before any of it
 * runs: a planted file asking for 100 GiB or a billion AES rounds is refused
 * in a millisecond. A database that needs a key file says so on a wrong
 * password: Tokenkeep takes the password only.
 *
 * Every string field comes in: Title, UserName, Password, URL, Notes, and
 * the custom ones, where KeePassXC keeps a TOTP as `otp` (an otpauth://
 * link) and KeePass 2's plugins as `TOTP Seed`. The recycle bin is left out.
 */
import { argon2d, argon2id } from 'hash-wasm';
import * as kdbxweb from 'kdbxweb';
import { AppError } from '../common/errors';
import { changedAt, checkCount, importError } from './limits';
import type { Entry, ReadResult } from './types';

/** The four bytes every KeePass 2 database starts with (kdbxweb Signatures.FileMagic, little-endian). */
export const isKdbx = (bytes: Uint8Array) => bytes[0] === 0x03 && bytes[1] === 0xd9 && bytes[2] === 0xa2 && bytes[3] === 0x9a;

// Bounds well above what KeePassXC's settings offer by default (64 MiB and a one-second
// calibration), far below what would hang a page: memory times passes as Bitwarden's maximum.
const MAX_ARGON2_MIB = 1024;
const MAX_ARGON2_COST_MIB_PASSES = 1024 * 10;
const MAX_AES_ROUNDS = 100_000_000;

const num = (value: unknown) =>
  typeof value === 'number' ? value : value instanceof kdbxweb.Int64 ? value.value : typeof value === 'bigint' ? Number(value) : NaN;

/** Why this header's key derivation is not run, or undefined. */
function kdfProblem(header: kdbxweb.KdbxHeader): string | undefined {
  const params = header.kdfParameters;
  if (!params) {
    const rounds = header.keyEncryptionRounds ?? NaN;
    return rounds > MAX_AES_ROUNDS ? `its key derivation asks for ${rounds.toLocaleString('en')} AES rounds` : undefined;
  }
  const uuid = params.get('$UUID');
  const id = uuid instanceof ArrayBuffer ? kdbxweb.ByteUtils.bytesToBase64(uuid) : '';
  if (id === kdbxweb.Consts.KdfId.Aes) {
    const rounds = num(params.get('R'));
    return !(rounds <= MAX_AES_ROUNDS) ? `its key derivation asks for ${rounds.toLocaleString('en')} AES rounds` : undefined;
  }
  if (id === kdbxweb.Consts.KdfId.Argon2d || id === kdbxweb.Consts.KdfId.Argon2id) {
    const mib = num(params.get('M')) / (1024 * 1024);
    const passes = num(params.get('I'));
    if (!(mib <= MAX_ARGON2_MIB) || !(mib * passes <= MAX_ARGON2_COST_MIB_PASSES))
      return `its key derivation asks for Argon2 with ${Math.round(mib).toLocaleString('en')} MiB and ${passes.toLocaleString('en')} passes`;
    return undefined;
  }
  return 'its key derivation is one KeePass does not write';
}

/** The bytes in an ArrayBuffer of their own: a Node Buffer's `.buffer` (and its slice's) is a shared pool, whose start is not the file's. */
const copyOf = (bytes: Uint8Array) => new Uint8Array(bytes).buffer;

function readHeader(bytes: Uint8Array): kdbxweb.KdbxHeader {
  try {
    const ctx = new kdbxweb.KdbxContext({ kdbx: kdbxweb.Kdbx.create(new kdbxweb.KdbxCredentials(null), 'header') });
    return kdbxweb.KdbxHeader.read(new kdbxweb.BinaryStream(copyOf(bytes)), ctx);
  } catch (err) {
    throw kdbxRefusal(err);
  }
}

let argon2Ready = false;
/** Gives kdbxweb hash-wasm's Argon2 (it ships none); once. The tests' fixtures write their databases with it too. */
export function useHashWasm() {
  if (argon2Ready) return;
  kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type, version) => {
    if (version !== 0x13) throw new kdbxweb.KdbxError(kdbxweb.Consts.ErrorCodes.Unsupported, 'argon2 version');
    const run = type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? argon2id : argon2d;
    // kdbxweb gives the memory in KiB (kdbxweb.js, encryptArgon2: memory / 1024).
    const out = await run({
      password: new Uint8Array(password),
      salt: new Uint8Array(salt),
      memorySize: memory,
      iterations,
      parallelism,
      hashLength: length,
      outputType: 'binary',
    });
    return out.slice().buffer;
  });
  argon2Ready = true;
}

function kdbxRefusal(err: unknown): Error {
  if (err instanceof AppError) return err;
  const code = err instanceof kdbxweb.KdbxError ? err.code : '';
  if (code === kdbxweb.Consts.ErrorCodes.InvalidKey)
    return new AppError(
      'wrong-passphrase',
      'That password does not open this KeePass database. If it also needs a key file, Tokenkeep cannot open it: make a copy protected by a password alone (KeePassXC: Database › Database Security).',
    );
  if (code === kdbxweb.Consts.ErrorCodes.InvalidVersion || code === kdbxweb.Consts.ErrorCodes.Unsupported)
    return importError('This KeePass database uses a version or feature Tokenkeep does not read (KDBX 3.1 and 4 are read).');
  return importError('This KeePass database is damaged (was it cut short?): nothing was imported.');
}

const text = (value: kdbxweb.KdbxEntryField | undefined) => (value instanceof kdbxweb.ProtectedValue ? value.getText() : (value ?? ''));

const STANDARD = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes', 'otp', 'TOTP Seed', 'TOTP Settings']);

function entryOf(entry: kdbxweb.KdbxEntry): Entry {
  const field = (name: string) => text(entry.fields.get(name));
  const otp = field('otp') || field('TOTP Seed');
  const extra = [...entry.fields.keys()].filter((name) => !STANDARD.has(name)).map((name) => ({ name, value: field(name) }));
  const username = field('UserName');
  const password = field('Password');
  const notes = field('Notes');
  return {
    title: field('Title'),
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(otp ? { totp: otp } : {}),
    ...(notes ? { notes } : {}),
    urls: field('URL') ? [field('URL')] : [],
    extra: extra.filter((e) => e.value),
    ...changedAt(entry.times.lastModTime),
  };
}

export async function readKdbx(bytes: Uint8Array, password: string | undefined): Promise<ReadResult> {
  const problem = kdfProblem(readHeader(bytes));
  if (problem) throw importError(`This KeePass database was refused unread: ${problem}, far beyond what KeePass writes, which would hang the page.`);
  if (!password) throw new AppError('wrong-passphrase', 'This KeePass database is locked: enter its password.');
  useHashWasm();
  let db: kdbxweb.Kdbx;
  try {
    db = await kdbxweb.Kdbx.load(copyOf(bytes), new kdbxweb.KdbxCredentials(kdbxweb.ProtectedValue.fromString(password)));
  } catch (err) {
    throw kdbxRefusal(err);
  }
  const bin = db.meta.recycleBinEnabled ? db.meta.recycleBinUuid?.id : undefined;
  const entries: Entry[] = [];
  const walk = (group: kdbxweb.KdbxGroup) => {
    if (bin && group.uuid.id === bin) return;
    for (const e of group.entries) entries.push(entryOf(e));
    checkCount(entries.length);
    for (const g of group.groups) walk(g);
  };
  for (const group of db.groups) walk(group);
  return { format: 'KeePass KDBX', entries };
}
