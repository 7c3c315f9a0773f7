/**
 * .env files, parsed by the dotenv package (its `parse`, the rules every
 * dotenv reader shares). Variables a kind reads (its `env`, and the other
 * names it declares in `variables`: SF_USERNAME, SFDX_AUTH_URL,
 * SKYTAP_TOKEN, GITHUB_TOKEN…) become one entry of that kind; every other
 * variable is an entry of its own, named for the variable, whose value the
 * kinds' recognition places (a ghp_… value is GitHub's whatever its name).
 */
import { parse } from 'dotenv';
import { KINDS, type Fields } from '../kinds';
import { checkCount, importError } from './limits';
import type { Entry, ReadResult } from './types';

/** A name that says it holds a secret: the others (PORT, NODE_ENV) start unticked in the preview. */
const SECRET_NAME = /TOKEN|SECRET|KEY|PASS|PWD|AUTH|CREDENTIAL|PRIVATE/i;

export function readDotenv(text: string): ReadResult {
  if (text.includes('\0')) throw importError('This is not a .env file: it holds binary data.');
  const vars = parse(text);
  const names = Object.keys(vars).filter((name) => vars[name] !== '');
  if (!names.length) throw importError('This .env file sets no variables Tokenkeep could import.');
  checkCount(names.length);
  const taken = new Set<string>();
  const entries: Entry[] = [];
  for (const kind of KINDS) {
    const declared = [...(kind.env ?? []), ...(kind.variables ?? [])];
    const fields: Fields = {};
    const used: string[] = [];
    for (const [variable, field] of declared)
      if (!taken.has(variable) && vars[variable] && !fields[field]) {
        fields[field] = vars[variable]!;
        used.push(variable);
      }
    // A kind claims its variables only when one of its secrets is among them (SF_LOGIN_URL alone is no account).
    if (!kind.fields.some((f) => f.secret && fields[f.name])) continue;
    used.forEach((name) => taken.add(name));
    entries.push({ title: used.join(', '), urls: [], extra: [], kind: kind.name, fields });
  }
  for (const name of names)
    if (!taken.has(name))
      entries.push({ title: name, urls: [], extra: [{ name, value: vars[name]! }], ...(SECRET_NAME.test(name) ? {} : { doubtful: true as const }) });
  return { format: '.env file', entries };
}
