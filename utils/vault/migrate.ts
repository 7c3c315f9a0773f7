/**
 * Account records carry a schema version; this brings any older one up to
 * date when it is read. Version 1 is what Tokenkeep 0.1 stored, in plain
 * text, before the vault existed; version 2 adds the schema field and notes;
 * version 3 gives each account a kind and that kind's own fields, with a
 * history of any field's superseded values.
 */
import { kindOf, OTHER_KIND } from '../kinds';
import { SALESFORCE_SITES } from '../common/sites';
import type { Account } from './account';

export const ACCOUNT_SCHEMA = 3;

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

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Schema 2 had fixed username, password, token, environment and login URL for every provider: they become fields. */
function fromV2(raw: Raw): Raw {
  const { provider, username, password, token, environment, loginUrl, tokenIssuedAt, tokenSource, history, ...rest } = raw;
  if (typeof provider !== 'string') throw new MigrationError('missing provider');
  const kind = kindOf(provider);
  const fields: Record<string, string> = {};
  const put = (name: string, value: unknown) => {
    const v = str(value);
    if (v) fields[name] = v;
  };
  put('username', username);
  put('password', password);
  put('token', token);
  put('loginUrl', loginUrl);
  // Only Salesforce accounts had an environment that meant anything (others were "custom").
  if (kind?.fields.some((f) => f.name === 'environment')) put('environment', environment);
  return {
    ...rest,
    schema: 3,
    kind: kind ? provider : OTHER_KIND.name,
    fields,
    history: (Array.isArray(history) ? history : []).flatMap((h: unknown) =>
      isRaw(h) && str(h.token)
        ? [{ field: 'token', value: h.token, ...(str(h.issuedAt) ? { issuedAt: h.issuedAt } : {}), supersededAt: str(h.supersededAt) ?? '' }]
        : [],
    ),
    ...(str(tokenIssuedAt) ? { issuedAt: tokenIssuedAt } : {}),
    ...(isRaw(tokenSource) ? { source: tokenSource } : {}),
  };
}

const STEPS: Record<number, (raw: Raw) => Raw> = { 1: fromV1, 2: fromV2 };

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
  for (const field of ['id', 'kind', 'label', 'createdAt', 'updatedAt'] as const) {
    if (typeof raw[field] !== 'string') throw new MigrationError(`missing ${field}`);
  }
  if (!isRaw(raw.fields) || Object.values(raw.fields).some((v) => typeof v !== 'string')) throw new MigrationError('fields are not text');
  if (!Array.isArray(raw.sites) || !Array.isArray(raw.history)) throw new MigrationError('missing sites or history');
  return raw as unknown as Account;
}
