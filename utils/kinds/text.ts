import type { Fields, FormatSpec, TerminalLogin } from './types';

/** Building blocks for copy formats: env files, shell words, JSON. */

/**
 * The env block for a shell: `export NAME=value` lines that bash, zsh and
 * fish read back exactly (`source` them, or paste them into a terminal).
 */
export function shellEnvBlock(lines: EnvLines): string | undefined {
  const present = withValues(lines);
  return present.length ? present.map(([k, v]) => `export ${k}=${shellWord(v)}`).join('\n') : undefined;
}

/**
 * `.env` lines that the two dotenv readers our users run, dotenv on npm and
 * python-dotenv, both read back exactly; an Error naming the variable where
 * no line can be (see dotenvValue).
 */
export function dotenvBlock(lines: EnvLines): string | undefined {
  const present = withValues(lines);
  return present.length ? present.map(([k, v]) => `${k}=${dotenvValue(k, v)}`).join('\n') : undefined;
}

type EnvLines = ReadonlyArray<readonly [string, string | undefined]>;
const withValues = (lines: EnvLines) => lines.filter((l): l is readonly [string, string] => !!l[1]);

// The readers' rules, from their sources (the client tests run dotenv itself, and python-dotenv's rules copied):
// - dotenv (npm, lib/main.js LINE and parse): a bare value runs to a '#' or the line's end and is trimmed; one
//   that opens with a quote runs to a closing quote that ends its line, over line breaks; in '…' and `…` it is
//   literal, in "…" only \n and \r are decoded; no quote can be escaped (\' stays \'); CR LF and CR become LF.
// - python-dotenv (src/dotenv/parser.py, lines 25-32 and 123-139): in '…' \\ and \' are decoded; in "…"
//   \\ \' \" \a \b \f \n \r \t \v; a bare value ends at " #" and is trimmed at its end; and every value,
//   quoted or not, has ${NAME} replaced (src/dotenv/variables.py, lines 5-15; main.py, resolve_variables).
// So: bare where nothing needs quoting; else in single quotes, literal to both; else in double quotes with the
// line breaks escaped; else bare where it can stand so; else refused, naming the variable.
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;
const PYTHON_VARIABLE = /\$\{[^}:]*(?::-[^}]*)?\}/;

/** One value as both dotenv readers read it back, or an Error that says why none can be written. */
export function dotenvValue(name: string, value: string): string {
  const instead = 'Use the env block for a shell (tokenkeep env --format shell) instead, or give the program its environment with tokenkeep run.';
  if (PYTHON_VARIABLE.test(value)) throw new Error(`${name} holds \${…}, which python-dotenv replaces with a variable’s value. ${instead}`);
  if (BARE.test(value)) return value;
  // Literal in both, as long as nothing in it reads as an escape to python-dotenv or ends the quotes early.
  if (!/['\r]|\\\\|\\$/.test(value)) return `'${value}'`;
  // Line breaks as \n and \r, which both decode; a backslash only where neither reads it as an escape.
  if (!/"|\\(?:[\\'"abfnrtv\n\r]|$)/.test(value)) return `"${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  // Bare, both take it as it stands: up to a comment or the line's end, without the spaces at either end.
  if (!/^[\s'"`]|[#\r\n]|\s$/.test(value)) return value;
  const held = (["'", '"', '\\', '#', '\n', '\r'] as const)
    .filter((c) => value.includes(c))
    .map((c) => ({ '\n': 'a line break', '\r': 'a carriage return' })[c as string] ?? c);
  throw new Error(`${name} holds ${held.join(' and ')}: dotenv and python-dotenv read no quoting of that the same way. ${instead}`);
}

/** The two env formats, for a shell and for a .env file: the kind's variables that have a value. */
export function envFormats(variables: ReadonlyArray<readonly [string, string]>, needs: readonly string[] = []): FormatSpec[] {
  const lines = (f: Fields) => variables.map(([name, field]) => [name, f[field]] as const);
  return [
    { name: 'env', label: 'env block (bash, zsh, fish)', needs, text: (f) => shellEnvBlock(lines(f)) },
    { name: 'dotenv', label: '.env file (dotenv, python-dotenv)', needs, text: (f) => dotenvBlock(lines(f)) },
  ];
}

/** The copyable `sf org login …` command, naming the file the user saves the secret in. */
export function terminalLoginFormat(login: TerminalLogin, name: string, label: string, file: string): FormatSpec {
  return { name, label, needs: login.needs, text: (f) => ['sf', ...login.args(f, file)].map(shellWord).join(' ') };
}

/**
 * One word for bash, zsh and fish, whatever it holds: runs in single quotes,
 * with each ' and \ escaped between them. POSIX shells take everything in
 * single quotes literally, but fish reads \' and \\ there as escapes, so
 * neither may stand inside the quotes (fish's documentation, "Quotes").
 */
export function shellQuote(value: string): string {
  if (!value) return "''";
  return value
    .split(/(['\\])/)
    .filter(Boolean)
    .map((part) => (part === "'" || part === '\\' ? `\\${part}` : `'${part}'`))
    .join('');
}

/** shellQuote, but bare where nothing in the value is special to any of the three (zsh expands a leading =). */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@+:,./-][A-Za-z0-9_@%+=:,./-]*$/.test(value) ? value : shellQuote(value);
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

/**
 * The My Domain a user most likely means, where what they typed is close: a host without
 * https://, or the org's Lightning or Setup address ("acme.lightning.force.com" is
 * https://acme.my.salesforce.com). Undefined when there is nothing better to offer.
 */
export function myDomainSuggestion(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  const withScheme = /^[a-z]+:\/\//.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return undefined;
  const host = new URL(withScheme).hostname;
  const name = /^([a-z0-9-]+(?:\.(?:sandbox|scratch|develop|trailblaze))?)\.(?:lightning\.force\.com|my\.salesforce-setup\.com|my\.salesforce\.com)$/.exec(
    host,
  )?.[1];
  const suggestion = name ? `https://${name}.my.salesforce.com` : undefined;
  return suggestion && suggestion !== text.replace(/\/+$/, '') ? suggestion : undefined;
}

/** The origin of an https URL, without a trailing slash ("https://acme.my.salesforce.com"). */
export const originOf = (value: string) => new URL(value).origin;
