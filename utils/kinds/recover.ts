/**
 * A token found again inside an old `password+token` string: what an admin
 * who lost the token email still has in a config (`password =
 * mypasswordbEm3dmXFLkPJ27oXViSQtnXe`). Whatever follows the account's own
 * password, up to the end of that word, is the token, if it has the token's
 * shape. Any kind that says a token is appended to its password, and what
 * that token looks like, can be recovered so.
 */
import { fieldName } from './index';
import type { Fields, Kind } from './types';

export type Recovery = { password: string; token: string; field: string } | { problem: string };

/** Whether the kind can recover an appended token for an account with these fields. */
export const canRecover = (kind: Kind, fields: Fields) => !!(kind.appends?.tokenShape && kind.fill.token && kind.fill.password && fields[kind.fill.password]);

// Where a value ends in a config line: a space, a quote, or a separator.
const END = /[\s'"`,;]/;
// What may stand before the password in a config line ("password = …", "SF_PASSWORD='…").
const BEFORE = /[\s'"`=:(]/;

export function recoverToken(kind: Kind, fields: Fields, pasted: string): Recovery {
  const shape = kind.appends?.tokenShape;
  const tokenField = kind.fill.token;
  const password = kind.fill.password && fields[kind.fill.password];
  if (!shape || !tokenField || !password) return { problem: 'This account has no password to look for.' };
  const text = pasted.trim();
  const words = fieldName(kind, tokenField);
  let followed: string | undefined;
  for (let at = text.indexOf(password); at >= 0; at = text.indexOf(password, at + 1)) {
    if (at > 0 && !BEFORE.test(text[at - 1]!)) continue;
    const rest = text.slice(at + password.length);
    const end = rest.search(END);
    const candidate = end < 0 ? rest : rest.slice(0, end);
    if (shape(candidate)) return { password, token: candidate, field: tokenField };
    followed ??= candidate;
  }
  if (followed === undefined)
    return { problem: `This does not start with the account’s password: Tokenkeep finds the ${words} only after the password it keeps.` };
  if (!followed) return { problem: `Nothing follows the password: this is the password alone, with no ${words}.` };
  return {
    problem: `What follows the password (${followed.length} characters) is not a ${words}${kind.appends?.tokenShapeText ? `, which is ${kind.appends.tokenShapeText}` : ''}.`,
  };
}
