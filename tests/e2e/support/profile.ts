/**
 * Searches a browser profile directory, byte for byte, for secrets in plain
 * text: UTF-8 and UTF-16 (little and big endian), as Chromium's LevelDB and
 * Firefox's SQLite files could hold them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}

function encodings(secret: string): Buffer[] {
  const le = Buffer.from(secret, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [Buffer.from(secret, 'utf8'), le, be];
}

/** Every file under `dir` that holds any of the secrets, with which one. */
export async function findSecretsOnDisk(dir: string, secrets: string[]): Promise<Array<{ file: string; secret: string }>> {
  const found: Array<{ file: string; secret: string }> = [];
  const needles = secrets.map((secret) => ({ secret, bytes: encodings(secret) }));
  for (const file of await files(dir)) {
    const data = await readFile(file).catch(() => null);
    if (!data) continue;
    for (const { secret, bytes } of needles) {
      if (bytes.some((b) => data.includes(b))) found.push({ file: path.relative(dir, file), secret });
    }
  }
  return found;
}

/** How many files the search read: a search of nothing proves nothing. */
export async function countFiles(dir: string): Promise<number> {
  return (await files(dir)).length;
}
