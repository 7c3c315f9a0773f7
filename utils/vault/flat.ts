/**
 * Accounts written flat, `{"kind": …, "username": …, "token": …}`:
 * how the `credential` and `fill-plan` CLIs read them, and how tests and
 * scripts write them. The kind's declarations say which keys are fields.
 */
import type { AccountInput } from './account';
import { DEFAULT_KIND, kindOf } from '../kinds/index';
import type { Fields, Kind } from '../kinds/types';

const ACCOUNT_KEYS = new Set(['id', 'kind', 'label', 'sites', 'expiresAt', 'notes']);

/** The kind and fields of a flat account; an Error names a kind or a key that does not fit. */
export function fromFlat(value: unknown, defaultKind = DEFAULT_KIND.name): { kind: Kind; fields: Fields } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('an account is a JSON object');
  const raw = value as Record<string, unknown>;
  const name = raw.kind ?? defaultKind;
  const kind = typeof name === 'string' ? kindOf(name) : undefined;
  if (!kind) throw new Error(`unknown kind ${JSON.stringify(name)}`);
  const fields: Fields = {};
  for (const [key, v] of Object.entries(raw)) {
    if (ACCOUNT_KEYS.has(key)) continue;
    if (!kind.fields.some((f) => f.name === key))
      throw new Error(`a ${kind.name} account has no field "${key}" (fields: ${kind.fields.map((f) => f.name).join(', ')})`);
    if (typeof v !== 'string') throw new Error(`"${key}" must be a string`);
    if (v) fields[key] = v;
  }
  return { kind, fields };
}

/** What the edit form would send for a flat account: fields apart, the rest as given. */
export function inputFromFlat(flat: Record<string, unknown>): AccountInput {
  const { kind, fields } = fromFlat(flat);
  const text = (key: string) => (typeof flat[key] === 'string' ? (flat[key] as string) : '');
  return {
    ...(typeof flat.id === 'string' ? { id: flat.id } : {}),
    kind: kind.name,
    label: text('label'),
    fields,
    sites: Array.isArray(flat.sites) ? (flat.sites as string[]) : (kind.defaultSites?.(fields) ?? []),
    expiresAt: text('expiresAt'),
    notes: text('notes'),
  };
}
