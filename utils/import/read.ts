/**
 * Which format a file is, from its bytes (a zip, a KeePass signature, JSON,
 * a CSV header, KEY=value lines) and only then its name; and its entries,
 * read by that format's module. Everything is bounded before it is read
 * (limits.ts); an unknown format says which ones Tokenkeep reads.
 */
import { readBitwarden, isBitwarden } from './bitwarden';
import { csvLayout, readCsv } from './csv';
import { readDotenv } from './dotenv';
import { isKdbx, readKdbx } from './kdbx';
import { checkSize, importError, parseJson, utf8 } from './limits';
import { isZip, read1pux } from './onepassword';
import { isOrganizer, readOrganizer } from './organizer';
import type { ImportFile, ReadResult } from './types';

export const FORMATS_IN_WORDS =
  'a Bitwarden .json export, a 1Password .1pux or .csv export, a KeePass or KeePassXC .kdbx database, an ORGanizer .json export, a Chrome, Edge or Firefox passwords .csv, or a .env file';

const unknown = (name: string) => importError(`Tokenkeep cannot tell what ${name} is. It reads ${FORMATS_IN_WORDS}.`);

/** A .env file: lines of NAME=value, comments and blanks, nothing else. */
const looksLikeDotenv = (text: string) => {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
  return lines.length > 0 && lines.filter((l) => /^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*=/.test(l)).length >= Math.ceil(lines.length * 0.8);
};

/** The entries in a file, or an AppError saying why there are none; `password` opens an encrypted export. */
export async function readImport(file: ImportFile, password?: string): Promise<ReadResult> {
  const name = file.name.slice(0, 200) || 'This file';
  checkSize(file.bytes, name);
  if (isKdbx(file.bytes)) return readKdbx(file.bytes, password);
  if (isZip(file.bytes)) return read1pux(file.bytes);
  let text: string;
  try {
    text = utf8(file.bytes, name);
  } catch {
    throw unknown(name);
  }
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    const json = parseJson(text, name);
    if (isBitwarden(json)) return readBitwarden(json, password);
    if (isOrganizer(json)) return readOrganizer(json);
    throw unknown(name);
  }
  const layout = csvLayout(text);
  if (layout) return readCsv(text, layout);
  if (/\.env(\.|$)|^\.env|\.env$/i.test(file.name) || looksLikeDotenv(text)) return readDotenv(text);
  throw unknown(name);
}
