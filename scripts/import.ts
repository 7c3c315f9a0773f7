/**
 * npm run --silent import -- FILE [--password-file F]
 *
 * What Options › Import from another tool would show for FILE, one JSON line
 * per entry: {"kind", "label", "fields": [names only], "action"} ("new", or
 * "skip" with "why"), from the same readers and the same recognition. It
 * reads no vault, so nothing is "update" here; it never prints a secret.
 * Bad input (an unknown format, a wrong password, a damaged or hostile
 * file): exit 2, a message on stderr, nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../utils/common/errors';
import { candidateFor } from '../utils/import/candidates';
import { MAX_IMPORT_BYTES } from '../utils/import/limits';
import { readImport } from '../utils/import/read';
import { kindFor } from '../utils/kinds';
import { checkFields } from '../utils/kinds/check';

const USAGE = 'usage: npm run --silent import -- FILE [--password-file F]';

class Bad extends Error {}

function parseArgs(args: string[]) {
  let file: string | undefined;
  let passwordFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--password-file' && args[i + 1]) passwordFile = args[++i];
    else if (!args[i]!.startsWith('--') && !file) file = args[i];
    else throw new Bad(`unexpected ${args[i]}\n${USAGE}`);
  }
  if (!file) throw new Bad(USAGE);
  return { file, passwordFile };
}

function readBytes(file: string): Uint8Array {
  try {
    // A file over the limit is refused by the readers; one far over it is not even read whole.
    const bytes = readFileSync(file);
    return bytes.length > MAX_IMPORT_BYTES + 1 ? bytes.subarray(0, MAX_IMPORT_BYTES + 1) : bytes;
  } catch (err) {
    throw new Bad(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}`);
  }
}

async function run(args: string[]): Promise<string[]> {
  const { file, passwordFile } = parseArgs(args);
  // A password file holds one line: its final line break is not part of the password.
  const password = passwordFile
    ? readBytes(passwordFile)
        .toString()
        .replace(/\r?\n$/, '')
    : undefined;
  const read = await readImport({ name: path.basename(file), bytes: readBytes(file) }, password).catch((err) => {
    const asked = (err as { code?: string }).code === 'wrong-passphrase' && !passwordFile;
    throw new Bad(`${errorMessage(err)}${asked ? ' Give it in a file: --password-file F.' : ''}`);
  });
  const lines: string[] = [];
  for (const entry of read.entries) {
    const c = candidateFor(entry);
    const why = c.problem ?? (await checkFields(kindFor(c.kind), c.fields).then(() => undefined, errorMessage));
    lines.push(JSON.stringify({ kind: c.kind, label: c.label, fields: Object.keys(c.fields), action: why ? 'skip' : 'new', ...(why ? { why } : {}) }));
  }
  return lines;
}

try {
  const lines = await run(process.argv.slice(2));
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
} catch (err) {
  process.stderr.write(`import: ${errorMessage(err)}\n`);
  process.exitCode = 2;
}
