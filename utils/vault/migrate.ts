/**
 * Account records carry a schema version; this brings any older one up to
 * date when it is read. Version 1 is what Tokenkeep 0.1 stored, in plain
 * text, before the vault existed; version 2 adds the schema field and notes.
 */
import { SALESFORCE_SITES } from '../sites';
import type { Account } from './account';

export const ACCOUNT_SCHEMA = 2;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

type Raw = Record<string, unknown>;

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromV1(raw: Raw): Raw {
  return {
    ...raw,
    schema: 2,
    history: Array.isArray(raw.history) ? raw.history : [],
    sites: Array.isArray(raw.sites) ? raw.sites : [...SALESFORCE_SITES],
  };
}

const STEPS: Record<number, (raw: Raw) => Raw> = { 1: fromV1 };

export function migrateAccount(value: unknown): Account {
  if (!isRaw(value)) throw new MigrationError('not an account record');
  let raw = value;
  let schema = typeof raw.schema === 'number' ? raw.schema : 1;
  if (schema > ACCOUNT_SCHEMA) throw new MigrationError(`written by a newer Tokenkeep (schema ${schema})`);
  while (schema < ACCOUNT_SCHEMA) {
    const step = STEPS[schema];
    if (!step) throw new MigrationError(`no migration from schema ${schema}`);
    raw = step(raw);
    schema = raw.schema as number;
  }
  for (const field of ['id', 'provider', 'username', 'label', 'environment', 'loginUrl', 'createdAt', 'updatedAt'] as const) {
    if (typeof raw[field] !== 'string') throw new MigrationError(`missing ${field}`);
  }
  return raw as unknown as Account;
}
