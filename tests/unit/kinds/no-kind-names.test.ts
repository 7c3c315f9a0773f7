/**
 * A credential kind is one module in utils/kinds/: nothing else names one.
 * Every source file outside that folder (the extension, the bridge, the
 * scripts) is read, and a string literal that is a kind's name fails here,
 * with the file and line. Tests are exempt: they are about the kinds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../utils/kinds';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCES = ['utils', 'components', 'entrypoints', 'bridge', 'scripts', 'wxt.config.ts'];
const KIND_FOLDER = path.join(ROOT, 'utils/kinds');

function files(at: string): string[] {
  if (statSync(at).isFile()) return [at];
  if (at === KIND_FOLDER || path.basename(at) === 'dist' || path.basename(at) === 'node_modules') return [];
  return readdirSync(at).flatMap((name) => files(path.join(at, name)));
}

/** Each line where a quoted string is exactly a kind's name. */
export function kindLiterals(text: string, names: readonly string[]): string[] {
  const quoted = new RegExp(String.raw`(['"\`])(${names.map((n) => n.replace(/[-]/g, '\\-')).join('|')})\1`);
  return text.split('\n').flatMap((line, i) => (quoted.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe('kind names', () => {
  const names = KINDS.map((k) => k.name);

  it('are found by the check, in any quotes', () => {
    expect(kindLiterals(`a = 'salesforce';\nb = "github"\nc = \`other\`\nd = 'salesforce-jwt-x'\ne = 'others'`, names)).toEqual([
      "1: a = 'salesforce';",
      '2: b = "github"',
      '3: c = `other`',
    ]);
  });

  it('appear nowhere outside utils/kinds/', () => {
    const found = SOURCES.flatMap((source) => files(path.join(ROOT, source)))
      .filter((file) => /\.(ts|tsx|mjs|js|css|html)$/.test(file))
      .flatMap((file) => kindLiterals(readFileSync(file, 'utf8'), names).map((hit) => `${path.relative(ROOT, file)}:${hit}`));
    expect(found).toEqual([]);
  });
});
