/**
 * npm run --silent credential -- FORMAT [--at UNIX]   account JSON on stdin -> that format's text
 * npm run --silent credential -- --formats            account JSON on stdin (or none: the first kind) -> NAME<TAB>LABEL per line
 * npm run --silent credential -- --detect             a pasted value on stdin -> the account JSON it becomes
 * npm run --silent credential -- --expiry             account JSON on stdin -> the ISO date it expires, or nothing
 *
 * An account is `{"kind": NAME, …fields}` (no kind: the first kind, Salesforce). The same kind modules as
 * the popup make every string. Bad input: exit 2, a message on stderr,
 * nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_KIND, formatOf, recognise, type FormatSpec } from '../utils/kinds';
import { checkFields } from '../utils/kinds/check';
import { fromFlat } from '../utils/vault/flat';

const USAGE = 'usage: npm run --silent credential -- FORMAT [--at UNIX] | --formats | --detect | --expiry   (input on stdin)';

class Bad extends Error {}

// Read at once: vite-node, which runs this script, leaves process.stdin paused, so a stream read would never end.
async function stdin(): Promise<string> {
  return process.stdin.isTTY ? '' : readFileSync(0, 'utf8');
}

function parseAccount(text: string, optional = false) {
  if (!text.trim()) {
    if (optional) return { kind: DEFAULT_KIND, fields: {} };
    throw new Bad(`no account on stdin: give one as JSON, {"kind": "${DEFAULT_KIND.name}", "username": …}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Bad('stdin is not JSON: give the account as {"kind": …, …fields}');
  }
  try {
    return fromFlat(json);
  } catch (err) {
    throw new Bad((err as Error).message);
  }
}

/** The line --formats prints for a format: its label, and why it is legacy where it is. */
const formatLine = (f: FormatSpec) => `${f.name}\t${f.label[0]!.toUpperCase()}${f.label.slice(1)}${f.legacy ? ` (legacy: ${f.legacy})` : ''}`;

async function run(args: string[]): Promise<string> {
  const input = await stdin();
  const [command, ...rest] = args;
  if (!command) throw new Bad(USAGE);
  if (command === '--formats') return parseAccount(input, true).kind.formats.map(formatLine).join('\n');
  if (command === '--detect') {
    const found = recognise(input);
    if (!found) throw new Bad('stdin holds no credential Tokenkeep recognises (a token, force://, otpauth:// or a PEM key)');
    return JSON.stringify({ kind: found.kind.name, ...((await found.kind.normalize?.(found.fields)) ?? found.fields) }, null, 2);
  }
  const { kind, fields } = parseAccount(input);
  const checked = await checkFields(kind, fields).catch((err: Error) => {
    throw new Bad(err.message);
  });
  if (command === '--expiry') return (await kind.expiry?.(checked)) ?? '';
  if (command.startsWith('--')) throw new Bad(`unknown option ${command}\n${USAGE}`);
  let now = Date.now();
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--at' && /^\d{1,12}$/.test(rest[i + 1] ?? '')) now = Number(rest[++i]) * 1000;
    else throw new Bad(`unexpected ${rest[i]}: --at takes a Unix time in seconds`);
  }
  const format = formatOf(kind, command);
  if (!format) throw new Bad(`a ${kind.name} account has no format "${command}" (formats: ${kind.formats.map((f) => f.name).join(', ')})`);
  const missing = format.needs.filter((n) => !checked[n]);
  if (missing.length) throw new Bad(`"${command}" needs ${missing.join(', ')}, which this account lacks`);
  const text = await format.text(checked, { now });
  if (text === undefined) throw new Bad(`this account has nothing to make "${command}" from`);
  return text;
}

try {
  const out = await run(process.argv.slice(2));
  if (out) process.stdout.write(`${out}\n`);
} catch (err) {
  process.stderr.write(`credential: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
