/**
 * Client tests for the env formats: what Tokenkeep copies (and `tokenkeep
 * env` prints) is read back by the programs it is for, exactly. The env
 * block for a shell goes into real bash, zsh and fish, as a paste would;
 * the .env lines into the real `dotenv` package and into python-dotenv's
 * rules (copied, with their sources, in ./python-dotenv.ts). Where no .env
 * line can be read the same by both, the copy is refused with the
 * variable's name, never written so that one of them reads something else.
 */
import * as dotenv from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envText } from '../../../utils/bridge/env-text';
import { formatOf, KINDS } from '../../../utils/kinds';
import { dotenvBlock, shellEnvBlock } from '../../../utils/kinds/text';
import { pythonDotenvValues } from './python-dotenv';
import { exportedAfter, SHELLS } from './route';

/** Values that have broken env files: quotes, expansions, escapes, comments, line breaks, spaces at either end. */
const HOSTILE = [
  'Pa55!word',
  "it's",
  '"q"',
  `it's "q" $HOME \\x`,
  '$HOME',
  '${HOME}',
  '$(id)',
  '`id`',
  'a\\b',
  'c:\\\\tmp',
  'ends with \\',
  '\\n is not a line break',
  '#not a comment',
  'a #b',
  ' leading space',
  'trailing space ',
  'two\nlines',
  'carriage\rreturn',
  'tab\there',
  'ünïcødé ✓',
  '=starts with equals',
  '%percent',
  '!history',
  '~tilde',
  "it's\\",
  '{a,b}',
  '*',
  "'",
  '"',
  '\\',
  `it's "q" #1`,
  `"quoted" and 'quoted'`,
];

const lines = (values: readonly string[]) => values.map((v, i) => [`TK_V${i}`, v] as const);
const expected = (values: readonly string[]) => Object.fromEntries(lines(values));

/** Whether both dotenv readers read `text` back as exactly `want`. */
function bothRead(text: string, want: Record<string, string>) {
  const node = dotenv.parse(text);
  const python = pythonDotenvValues(text);
  return Object.entries(want).every(([k, v]) => node[k] === v && python[k] === v);
}

/** The .env line, or the refusal's message. */
function dotenvOrRefusal(values: readonly string[]): { text: string } | { refused: string } {
  try {
    return { text: dotenvBlock(lines(values))! };
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

/**
 * Whether a quoting of `value` reads back in both, on a line followed by lines the writer makes
 * (each kind of quote, and a bare line ending in a backtick): a quote left open runs into them.
 */
const FOLLOWING = { N1: 'n1', N2: "it's", N3: 'it\'s "x"`' };
const quotingWorks = (quote: (v: string) => string, value: string) =>
  bothRead(`X=${quote(value)}\n${dotenvBlock(Object.entries(FOLLOWING))}`, { X: value, ...FOLLOWING });

/** The quotings a .env writer could try: bare, single, double with line breaks escaped, double with everything escaped. */
const QUOTINGS = [
  (v: string) => v,
  (v: string) => `'${v}'`,
  (v: string) => `"${v.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`,
  (v: string) =>
    `"${v
      .replace(/[\\"]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')}"`,
];

describe('client: the env block for a shell', () => {
  it.each(SHELLS)('is read back exactly by %s, every hostile value in one paste', async (shell) => {
    const got = await exportedAfter(shell, shellEnvBlock(lines(HOSTILE))!);
    for (const [name, value] of lines(HOSTILE)) expect(got[name], `${JSON.stringify(value)} in ${shell}`).toBe(value);
  });

  it.each(SHELLS)('is read back exactly by %s for any value (generated)', async (shell) => {
    const char = fc.constantFrom(...`ab '"\\$\`#!{}*?~=%;&|<>()\n\r\t é`.split(''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: char, minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 25 }), async (values) => {
        const got = await exportedAfter(shell, shellEnvBlock(lines(values))!);
        expect(Object.fromEntries(lines(values).map(([k]) => [k, got[k]]))).toEqual(expected(values));
      }),
      { numRuns: 15 },
    );
  });
});

describe('client: the .env lines (dotenv on npm, python-dotenv)', () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))(
    '%s is read back exactly by both, or refused by name where no quoting reads the same in both',
    (_, value) => {
      const result = dotenvOrRefusal([value]);
      if ('text' in result) {
        expect(dotenv.parse(result.text)).toEqual({ TK_V0: value });
        expect(pythonDotenvValues(result.text)).toEqual({ TK_V0: value });
      } else {
        expect(result.refused).toMatch(/^TK_V0 holds /);
        // Refused only where every quoting a writer could try is misread by one of the two.
        for (const quote of QUOTINGS) expect(quotingWorks(quote, value), quote(value)).toBe(false);
      }
    },
  );

  it('refuses ${…}, and a value that needs quotes (a #, a line break, a space or quote at an end) and holds quotes no quoting carries for both', () => {
    const refused = HOSTILE.filter((v) => 'refused' in dotenvOrRefusal([v]));
    expect(refused).toEqual(['${HOME}', `it's "q" #1`, `"quoted" and 'quoted'`]);
  });

  it('is read back exactly by both, or refused only where the label says, for any values (generated)', () => {
    const char = fc.constantFrom(...`abfnrtvx '"\\$\`#{}=\n\r\t é`.split(''));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: char, minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }), (values) => {
        const result = dotenvOrRefusal(values);
        if ('text' in result) expect(bothRead(result.text, expected(values))).toBe(true);
        // Refused only for ${…}, or for a value that cannot stand bare (a #, a line break, a space or quote at an end) and holds a quote or backslash.
        else expect(values.some((v) => /\$\{[^}:]*(?::-[^}]*)?\}/.test(v) || (/^[\s'"`]|[#\r\n]|\s$/.test(v) && /['"\\]/.test(v)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('client: every kind’s env formats, and tokenkeep env', () => {
  const withEnv = KINDS.filter((k) => k.env?.length);
  const sample = "Pa55 'w0rd' #1";
  it.each(withEnv.map((k) => [k.name, k]))('%s: both formats name its variables, and bash and both dotenv readers read them back', async (_, kind) => {
    const fields = Object.fromEntries(kind.env!.map(([, field]) => [field, field === 'myDomain' ? 'https://acme.my.salesforce.com' : `${field} ${sample}`]));
    const want = Object.fromEntries(kind.env!.map(([name, field]) => [name, fields[field]!]));
    const shell = (await formatOf(kind, 'env')!.text(fields, { now: 0 }))!;
    const got = await exportedAfter('bash', shell);
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]]))).toEqual(want);
    expect(bothRead((await formatOf(kind, 'dotenv')!.text(fields, { now: 0 }))!, want)).toBe(true);
  });

  it('prints for --format shell and --format dotenv what the readers read back, and refuses with the variable’s name', async () => {
    const variables = [
      { name: 'SF_USERNAME', value: 'jane@acme.com' },
      { name: 'SF_PASSWORD', value: "it's #1" },
    ];
    const got = await exportedAfter('fish', envText(variables, 'shell'));
    expect([got.SF_USERNAME, got.SF_PASSWORD]).toEqual(['jane@acme.com', "it's #1"]);
    expect(bothRead(envText(variables, 'dotenv'), { SF_USERNAME: 'jane@acme.com', SF_PASSWORD: "it's #1" })).toBe(true);
    expect(() => envText([{ name: 'SF_PASSWORD', value: `it's "q" #1` }], 'dotenv')).toThrow(/SF_PASSWORD holds ' and " and #: .*--format shell/);
  });
});
