/**
 * 1Password's .1pux export (1Password 8: File › Export › 1PUX): a zip whose
 * export.data is JSON, accounts › vaults › items, as 1Password documents it
 * (support.1password.com/1pux-format). A login's username and password are
 * its loginFields by designation; everything else (an API Credential's
 * credential, a one-time password, a custom field) is a section field,
 * whose value is an object keyed by its type ({ concealed }, { totp }, …).
 * The zip is read with fflate, and only export.data is inflated, into a
 * buffer no larger than the size its header declares, itself bounded: a zip
 * bomb inflates to nothing more.
 */
import { unzipSync } from 'fflate';
import * as v from 'valibot';
import { MAX_IMPORT_BYTES, changedAt, checkCount, importError, parseJson, str, utf8 } from './limits';
import type { Entry, ReadResult } from './types';

const FieldSchema = v.object({ title: str, id: str, value: v.optional(v.nullable(v.record(v.string(), v.unknown()))) });

const ItemSchema = v.object({
  state: str,
  // Read loosely: a flag or date of another shape is none, never a reason to drop the item.
  trashed: v.optional(v.unknown()),
  /** Seconds since 1970. */
  updatedAt: v.optional(v.unknown()),
  categoryUuid: str,
  overview: v.optional(v.object({ title: str, url: str, urls: v.optional(v.nullable(v.array(v.object({ url: str })))) })),
  details: v.optional(
    v.object({
      loginFields: v.optional(v.nullable(v.array(v.object({ value: str, name: str, designation: str })))),
      notesPlain: str,
      password: str,
      sections: v.optional(v.nullable(v.array(v.object({ title: str, fields: v.optional(v.nullable(v.array(FieldSchema))) })))),
    }),
  ),
});

const ExportSchema = v.object({
  accounts: v.array(v.object({ vaults: v.array(v.object({ items: v.array(v.unknown()) })) })),
});

/** A zip's first bytes: 1PUX is one. */
export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

// 1Password's categories that hold no credential: credit card, identity, document, bank account, passport and the like.
const NOT_CREDENTIALS = new Set(['002', '004', '006', '101', '103', '104', '105', '106', '107', '108', '113']);

/** A section field's value as text: its one typed member (concealed, string, totp, url, an email's address). */
function valueText(value: Record<string, unknown> | null | undefined): { text: string; totp: boolean } | undefined {
  if (!value) return undefined;
  const [type, raw] = Object.entries(value)[0] ?? [];
  const text =
    typeof raw === 'string' ? raw : type === 'email' && raw && typeof raw === 'object' ? (raw as { email_address?: unknown }).email_address : undefined;
  return typeof text === 'string' && text ? { text, totp: type === 'totp' } : undefined;
}

export function read1pux(bytes: Uint8Array): ReadResult {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'export.data' && f.originalSize <= MAX_IMPORT_BYTES });
  } catch {
    throw importError('This 1PUX file is damaged (was it cut short?): nothing was imported.');
  }
  const data = files['export.data'];
  if (!data) throw importError('This zip is not a 1Password 1PUX export: it has no export.data (or one over 50 MB).');
  const parsed = v.safeParse(ExportSchema, parseJson(utf8(data, 'export.data'), 'export.data'));
  if (!parsed.success) throw importError('This 1PUX export has no accounts, vaults and items where 1Password puts them.');
  const items = parsed.output.accounts.flatMap((a) => a.vaults.flatMap((vault) => vault.items));
  checkCount(items.length);
  const entries: Entry[] = [];
  for (const raw of items) {
    const item = v.safeParse(ItemSchema, raw);
    if (!item.success || item.output.state === 'archived' || item.output.trashed === true || NOT_CREDENTIALS.has(item.output.categoryUuid ?? '')) continue;
    const { overview, details, updatedAt } = item.output;
    const login = details?.loginFields ?? [];
    const by = (designation: string) => login.find((f) => f.designation === designation)?.value ?? undefined;
    const extra: Entry['extra'] = [];
    let totp: string | undefined;
    for (const section of details?.sections ?? [])
      for (const field of section.fields ?? []) {
        const value = valueText(field.value);
        if (!value) continue;
        if (value.totp && !totp) totp = value.text;
        else extra.push({ name: field.title || field.id || '', value: value.text });
      }
    const username = by('username');
    const password = by('password') ?? details?.password ?? undefined;
    const urls = [...(overview?.urls ?? []).map((u) => u.url), overview?.url].filter((u): u is string => !!u);
    entries.push({
      title: overview?.title ?? '',
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(totp ? { totp } : {}),
      ...(details?.notesPlain ? { notes: details.notesPlain } : {}),
      urls: [...new Set(urls)],
      extra,
      ...(typeof updatedAt === 'number' ? changedAt(updatedAt * 1000) : {}),
    });
  }
  return { format: '1Password 1PUX', entries };
}
