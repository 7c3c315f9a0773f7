import type { FormatSpec, TerminalLogin } from './types';

/** Building blocks for copy formats: env files, shell words, JSON. */

/** Quotes a value for an env file, read the same by a shell's `source` and by dotenv. */
export function envValue(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]*$/.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/** `NAME=value` lines for the variables that have a value; undefined when none has. */
export function envBlock(lines: ReadonlyArray<readonly [string, string | undefined]>): string | undefined {
  const present = lines.filter((l): l is readonly [string, string] => !!l[1]);
  return present.length ? present.map(([k, v]) => `${k}=${envValue(v)}`).join('\n') : undefined;
}

/** The env block format: the kind's variables that have a value. */
export function envFormat(variables: ReadonlyArray<readonly [string, string]>, needs: readonly string[] = []): FormatSpec {
  return { name: 'env', label: 'env block', needs, text: (f) => envBlock(variables.map(([name, field]) => [name, f[field]])) };
}

/** The copyable `sf org login …` command, naming the file as the user would save it. */
export function terminalLoginFormat(login: TerminalLogin, name: string, label: string): FormatSpec {
  return { name, label, needs: login.needs, text: (f) => ['sf', ...login.args(f, login.file.name)].map(shellWord).join(' ') };
}

/** A value in single quotes, which a POSIX shell takes literally. */
export const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** One word for a POSIX shell, whatever it holds: quoted only where it needs to be. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : shellQuote(value);
}

export const json = (value: unknown) => JSON.stringify(value, null, 2);

export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** An https URL with nothing after the host, as Salesforce's URLs are written: the problem with one, or undefined. */
export function httpsOriginProblem(value: string, what: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${what} is not a URL: it should look like https://example.my.salesforce.com.`;
  }
  if (url.protocol !== 'https:') return `${what} must start with https://.`;
  if (url.username || url.password || url.search || url.hash) return `${what} must be the address alone, without a user, query or fragment.`;
  return undefined;
}

/** The origin of an https URL, without a trailing slash ("https://acme.my.salesforce.com"). */
export const originOf = (value: string) => new URL(value).origin;
