/**
 * python-dotenv's reading of a .env file, copied rule for rule: Python and
 * its packages cannot be installed here (PyPI is out of reach), so the
 * client tests run this copy. Source: theskumar/python-dotenv at bca6644
 * (1.2.x, April 2026). Each piece names the file and lines it copies; the
 * regexes are character for character (Python's re.match at a position is
 * a sticky regex here).
 */

// src/dotenv/parser.py, lines 18-32.
const R = {
  multilineWhitespace: /\s*/y,
  whitespace: /[^\S\r\n]*/y,
  export: /(?:export[^\S\r\n]+)?/y,
  singleQuotedKey: /'([^']+)'/y,
  unquotedKey: /([^=#\s]+)/y,
  equalSign: /(=[^\S\r\n]*)/y,
  singleQuotedValue: /'((?:\\'|[^'])*)'/y,
  doubleQuotedValue: /"((?:\\"|[^"])*)"/y,
  unquotedValue: /([^\r\n]*)/y,
  comment: /(?:[^\S\r\n]*#[^\r\n]*)?/y,
  endOfLine: /[^\S\r\n]*(?:\r\n|\n|\r|$)/y,
  restOfLine: /[^\r\n]*(?:\r|\n|\r\n)?/y,
  doubleQuoteEscapes: /\\[\\'"abfnrtv]/g,
  singleQuoteEscapes: /\\[\\']/g,
};

// codecs.decode(…, "unicode-escape") of the two-character escapes above (parser.py, lines 105-109).
const UNICODE_ESCAPE: Record<string, string> = {
  '\\\\': '\\',
  "\\'": "'",
  '\\"': '"',
  '\\a': '\x07',
  '\\b': '\b',
  '\\f': '\f',
  '\\n': '\n',
  '\\r': '\r',
  '\\t': '\t',
  '\\v': '\v',
};
const decodeEscapes = (regex: RegExp, s: string) => s.replace(regex, (m) => UNICODE_ESCAPE[m]!);

class ReadError extends Error {}

class Reader {
  position = 0;
  // parser.py, line 71: a leading BOM is dropped.
  constructor(readonly string: string) {
    if (this.string.startsWith('\uFEFF')) this.string = this.string.slice(1);
  }
  hasNext() {
    return this.position < this.string.length;
  }
  peek(count: number) {
    return this.string.slice(this.position, this.position + count);
  }
  readRegex(regex: RegExp): string[] {
    regex.lastIndex = this.position;
    const m = regex.exec(this.string);
    if (!m) throw new ReadError('read_regex: Pattern not found');
    this.position = m.index + m[0].length;
    return m.slice(1);
  }
}

// parser.py, lines 112-139.
function parseKey(reader: Reader): string | undefined {
  const char = reader.peek(1);
  if (char === '#') return undefined;
  return (char === "'" ? reader.readRegex(R.singleQuotedKey) : reader.readRegex(R.unquotedKey))[0];
}
function parseValue(reader: Reader): string {
  const char = reader.peek(1);
  if (char === "'") return decodeEscapes(R.singleQuoteEscapes, reader.readRegex(R.singleQuotedValue)[0]!);
  if (char === '"') return decodeEscapes(R.doubleQuoteEscapes, reader.readRegex(R.doubleQuotedValue)[0]!);
  if (char === '' || char === '\n' || char === '\r') return '';
  // parse_unquoted_value: re.sub(r"\s+#.*", "", part).rstrip() (Python's . stops at a line break, as here).
  return reader
    .readRegex(R.unquotedValue)[0]!
    .replace(/\s+#.*/g, '')
    .trimEnd();
}

// parser.py, lines 142-182: a binding per line; a line that does not parse is skipped to its end.
function* parseStream(text: string): Generator<[string, string | undefined]> {
  const reader = new Reader(text);
  while (reader.hasNext()) {
    try {
      reader.readRegex(R.multilineWhitespace);
      if (!reader.hasNext()) return;
      reader.readRegex(R.export);
      const key = parseKey(reader);
      reader.readRegex(R.whitespace);
      let value: string | undefined;
      if (reader.peek(1) === '=') {
        reader.readRegex(R.equalSign);
        value = parseValue(reader);
      }
      reader.readRegex(R.comment);
      reader.readRegex(R.endOfLine);
      if (key !== undefined) yield [key, value];
    } catch (err) {
      if (!(err instanceof ReadError)) throw err;
      reader.readRegex(R.restOfLine);
    }
  }
}

// src/dotenv/variables.py, lines 5-15 and 70-86; src/dotenv/main.py, lines 289-310, as dotenv_values() calls it
// (lines 433-466: interpolate=True, override=True, so a value from the file comes before os.environ).
const POSIX_VARIABLE = /\$\{([^}:]*)(?::-([^}]*))?\}/g;

/** What `dotenv_values()` returns for `text`, with `environ` as os.environ. */
export function pythonDotenvValues(text: string, environ: Record<string, string> = {}): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [name, value] of parseStream(text)) {
    values[name] =
      value === undefined ? undefined : value.replace(POSIX_VARIABLE, (_, v: string, fallback?: string) => values[v] ?? environ[v] ?? fallback ?? '');
  }
  return values;
}
