/**
 * What an import refuses before it reads: files larger than anyone's vault,
 * more entries than anyone keeps, JSON nested deeper than any export. A
 * hostile file is turned away in one linear pass, never after a parse or a
 * walk that could hang the page.
 */
import * as v from 'valibot';
import { AppError } from '../common/errors';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** A password manager with ten thousand entries is rare; a million is an attack on the page. */
export const MAX_ENTRIES = 10_000;
/** Bitwarden's and 1Password's exports nest five or six levels; a hundred is hostile. */
export const MAX_JSON_DEPTH = 64;

/** A text field as exporters write it: absent, null, or a string. */
export const str = v.optional(v.nullable(v.string()));

export const importError = (message: string) => new AppError('bad-request', message);

/**
 * When a tool says it last changed an entry (ISO text, milliseconds since 1970 as a number or as
 * digits, or a Date), as `Entry.changedAt`; nothing for what is not a date. A date ahead of the
 * clock is kept as it is here, and counts as none when it is merged (utils/app/imports.ts).
 */
export function changedAt(value: unknown): { changedAt?: string } {
  const digits = typeof value === 'string' && /^\d{1,16}$/.test(value.trim());
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' || digits ? Number(value) : typeof value === 'string' ? Date.parse(value) : NaN;
  // Zero is an exporter's "unknown"; past the year 9999 ISO text takes a sign the protocol refuses.
  return Number.isFinite(time) && time > 0 && time < Date.UTC(10_000, 0, 1) ? { changedAt: new Date(time).toISOString() } : {};
}

export function checkSize(bytes: Uint8Array, name: string) {
  if (bytes.length > MAX_IMPORT_BYTES) throw importError(`${name} is over 50 MB, larger than any export Tokenkeep reads: nothing was imported.`);
  if (!bytes.length) throw importError(`${name} is empty.`);
}

export function checkCount(count: number) {
  if (count > MAX_ENTRIES)
    throw importError(
      `This file holds ${count.toLocaleString('en')} entries, more than the ${MAX_ENTRIES.toLocaleString('en')} Tokenkeep imports at once: nothing was imported.`,
    );
}

/** The deepest nesting of brackets outside strings, stopping as soon as it passes the limit. */
function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** JSON, refused before parsing when it nests deeper than any export does. */
export function parseJson(text: string, what: string): unknown {
  if (tooDeep(text)) throw importError(`${what} is nested deeper than any export: it was refused unread.`);
  try {
    return JSON.parse(text);
  } catch {
    throw importError(`${what} is not complete JSON (was it cut short?): nothing was imported.`);
  }
}

/** Text of a file, refusing bytes that are not UTF-8 (a binary file given the wrong name). */
export function utf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw importError(`${what} is not text Tokenkeep can read.`);
  }
}
