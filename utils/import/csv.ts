/**
 * Password CSV exports, read with papaparse and told apart by their header:
 * - Chrome and Edge (chrome://password-manager/settings › Export):
 *   name,url,username,password,note
 * - Firefox (about:logins › Export): url,username,password,httpRealm,
 *   formActionOrigin,guid,timeCreated,timeLastUsed,timePasswordChanged
 * - 1Password 8 (File › Export › CSV): Title,Url,Username,Password,OTPAuth,
 *   Favorite,Archived,Tags,Notes (1Password 7 said "website" for Url).
 * Parsing stops one row past the entry limit, so a million rows are refused
 * without being read.
 */
import Papa from 'papaparse';
import { MAX_ENTRIES, changedAt, checkCount, importError } from './limits';
import type { Entry, ImportFormat, ReadResult } from './types';

type Row = Record<string, string | undefined>;

interface Layout {
  format: ImportFormat;
  matches(columns: Set<string>): boolean;
  title: string[];
  url: string[];
  totp?: string[];
  notes: string[];
  /** When the password last changed, in milliseconds (Firefox's timePasswordChanged). */
  changed?: string[];
  /** Rows the tool marks as not current (1Password's archived items). */
  skip?(row: Row): boolean;
}

const LAYOUTS: Layout[] = [
  {
    format: 'Firefox passwords CSV',
    matches: (c) => c.has('url') && c.has('password') && (c.has('formactionorigin') || c.has('httprealm') || c.has('guid')),
    title: [],
    url: ['url'],
    notes: [],
    changed: ['timepasswordchanged'],
  },
  {
    format: '1Password CSV',
    matches: (c) => c.has('title') && c.has('password') && (c.has('otpauth') || c.has('archived') || c.has('website') || c.has('url')),
    title: ['title'],
    url: ['url', 'website', 'urls'],
    totp: ['otpauth', 'one-time password'],
    notes: ['notes', 'notesplain'],
    skip: (row) => /^true$/i.test(row.archived ?? ''),
  },
  {
    format: 'Chrome or Edge passwords CSV',
    matches: (c) => c.has('name') && c.has('url') && c.has('username') && c.has('password'),
    title: ['name'],
    url: ['url'],
    notes: ['note', 'notes'],
  },
];

const first = (row: Row, names: string[]) => names.map((n) => row[n]).find((value) => !!value);

/** The layout of a CSV whose first line is this header, or undefined. */
export function csvLayout(text: string): Layout | undefined {
  const header = Papa.parse<string[]>(text, { preview: 1 }).data[0] ?? [];
  const columns = new Set(header.map((h) => h.trim().toLowerCase()));
  return LAYOUTS.find((l) => l.matches(columns));
}

export function readCsv(text: string, layout: Layout): ReadResult {
  const parsed = Papa.parse<Row>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
    preview: MAX_ENTRIES + 1,
  });
  const broken = parsed.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'TooFewFields');
  if (broken)
    throw importError(
      `This ${layout.format} is damaged: ${broken.code === 'MissingQuotes' ? 'a quoted value never ends' : `row ${(broken.row ?? 0) + 2} is short of columns`} (was it cut short?). Nothing was imported.`,
    );
  checkCount(parsed.data.length);
  const entries: Entry[] = [];
  for (const row of parsed.data) {
    if (layout.skip?.(row)) continue;
    const url = first(row, layout.url);
    const totp = layout.totp && first(row, layout.totp);
    const notes = first(row, layout.notes);
    entries.push({
      title: first(row, layout.title) ?? (url && URL.canParse(url) ? new URL(url).hostname : ''),
      ...(row.username ? { username: row.username } : {}),
      ...(row.password ? { password: row.password } : {}),
      ...(totp ? { totp } : {}),
      ...(notes ? { notes } : {}),
      urls: url ? [url] : [],
      extra: [],
      ...(layout.changed ? changedAt(first(row, layout.changed)) : {}),
    });
  }
  return { format: layout.format, entries };
}
