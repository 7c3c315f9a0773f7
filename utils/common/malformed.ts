import * as v from 'valibot';

/** Why a message failed its schema, naming the field and never echoing a value: it may be a secret. */
export function malformed(issues: ReadonlyArray<v.BaseIssue<unknown>>): string {
  const issue = issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  return `malformed request${where ? ` at "${where}"` : ''}: ${issue?.message ?? 'invalid'}`;
}
