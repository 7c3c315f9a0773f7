/**
 * A kind's rules applied to typed or pasted values: which fields it has,
 * which are required, how long each may be, what shape it must have, and
 * the checks that need crypto. The background runs this before it saves;
 * the credential CLI before it prints. Nothing is half kept: the first
 * problem throws an Error that names it.
 */
import type { Fields, Kind } from './types';

/** The fields as the kind keeps them, or an Error naming the first problem. */
export async function checkFields(kind: Kind, input: Fields): Promise<Fields> {
  const fields: Fields = {};
  for (const name of Object.keys(input))
    if (!kind.fields.some((f) => f.name === name)) throw new Error(`A ${kind.title} account has no field "${name.slice(0, 40)}".`);
  for (const spec of kind.fields) {
    if (spec.derived) continue;
    const raw = input[spec.name] ?? '';
    const value = spec.exact || spec.multiline ? raw : raw.trim();
    if (!value.trim()) {
      if (spec.required) throw new Error(`${spec.label} is needed for a ${kind.title} account.`);
      continue;
    }
    if (value.length > spec.max) throw new Error(`${spec.label} is longer than Tokenkeep keeps (${spec.max.toLocaleString('en')} characters).`);
    const problem = spec.problem?.(value);
    if (problem) throw new Error(problem);
    fields[spec.name] = value;
  }
  const normalized = (await kind.normalize?.(fields)) ?? fields;
  const problem = await kind.validate?.(normalized).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
  if (problem) throw new Error(problem);
  return Object.fromEntries(Object.entries(normalized).filter(([, v]) => v !== ''));
}
