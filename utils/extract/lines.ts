/**
 * Reading "Label: value" lines straight out of message text, without
 * normalising or splitting the whole text first. The extractor finds
 * separators with indexOf and only looks closely at the few lines around
 * them, so a large message costs little more than one scan over it. The
 * helpers below are written as character loops with ASCII fast paths for
 * that reason.
 *
 * Characters that carry no meaning in a credential are skipped wherever a
 * value is read: zero-width characters, soft hyphens and bidi marks (they
 * hide inside tokens in tracked mail), and every kind of space.
 */

export interface Field {
  value: string;
  /** Where the field's (first) line starts and its (last) line ends in the text. */
  start: number;
  end: number;
}

const TAB = 9;
const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const MAX_LABEL = 64;
const MAX_VALUE = 256;

/** Zero-width, soft hyphen, bidi controls, word joiner, variation selectors, BOM. */
export function isInvisible(c: number): boolean {
  return (
    c >= 0xad &&
    (c === 0xad ||
      c === 0x34f ||
      c === 0x61c ||
      (c >= 0x180b && c <= 0x180f) ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x206f) ||
      (c >= 0xfe00 && c <= 0xfe0f) ||
      c === 0xfeff)
  );
}

/** Horizontal white space of any script (not newlines). */
export function isSpace(c: number): boolean {
  return (
    c === SPACE || c === TAB || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000))
  );
}

/** ":" and its full-width and compatibility forms (CJK, French typography), and tab for table cells. */
export function isSeparator(c: number): boolean {
  return c === 58 || c === TAB || (c >= 0x2236 && (c === 0xff1a || c === 0xfe55 || c === 0xfe13 || c === 0x2236 || c === 0xa789));
}

// Punctuation a sentence may put after a value: never part of a credential.
function isTrailingPunct(c: number): boolean {
  return (
    c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 0x300d || c === 0x300f || c === 0x3002 || c === 0x3001
  );
}

function skippable(c: number): boolean {
  return isSpace(c) || isInvisible(c);
}

export function lineStartAt(text: string, pos: number): number {
  // lastIndexOf reads a negative start as 0, and would find a newline at 0 after the position.
  return pos <= 0 ? 0 : text.lastIndexOf('\n', pos - 1) + 1;
}

export function lineEndAt(text: string, pos: number): number {
  const i = text.indexOf('\n', pos);
  return i === -1 ? text.length : i;
}

/** The text between `from` and `to` with invisible characters removed and spaces trimmed. */
export function cleanSlice(text: string, from: number, to: number): string {
  while (from < to && skippable(text.charCodeAt(from))) from++;
  while (to > from && skippable(text.charCodeAt(to - 1))) to--;
  let out = '';
  let run = from;
  for (let i = from; i < to; i++) {
    if (isInvisible(text.charCodeAt(i))) {
      out += text.slice(run, i);
      run = i + 1;
    }
  }
  return run === from ? text.slice(from, to) : out + text.slice(run, to);
}

function cleanValue(text: string, from: number, to: number): string {
  for (;;) {
    while (to > from && (skippable(text.charCodeAt(to - 1)) || text.charCodeAt(to - 1) === CR)) to--;
    if (to > from && isTrailingPunct(text.charCodeAt(to - 1))) to--;
    else return cleanSlice(text, from, to);
  }
}

const LETTER = /\p{L}/u;

/** Spaces and invisible characters, with the ASCII cases decided first: the loops below run at every candidate. */
function skippableFast(c: number): boolean {
  return c === SPACE || c === TAB || (c > 127 && skippable(c));
}

/** A label is short text with at least one letter, no address, no separator, and no quote marker. */
function isLabelAt(text: string, from: number, to: number): boolean {
  while (from < to && skippableFast(text.charCodeAt(from))) from++;
  while (to > from && skippableFast(text.charCodeAt(to - 1))) to--;
  if (to === from || to - from > MAX_LABEL || text.charCodeAt(from) === 62 /* > */) return false;
  let letter = false;
  let wide = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const lower = c | 32;
      if (lower >= 97 && lower <= 122) letter = true;
      else if (c === 64 /* @ */ || c === 58 || c === TAB) return false;
    } else if (isSeparator(c)) return false;
    else wide = true;
  }
  return letter || (wide && LETTER.test(text.slice(from, to)));
}

export function isLabel(label: string): boolean {
  return isLabelAt(label, 0, label.length);
}

function firstSeparator(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (isSeparator(text.charCodeAt(i))) return i;
  return -1;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!skippable(c) && c !== CR) return false;
  }
  return true;
}

/** Reads the physical line [start, end) as "label SEP value"; `value` may be empty (label alone on its line). */
function readLine(text: string, start: number, end: number): Field | undefined {
  if (end - start > MAX_LABEL + MAX_VALUE + 8) return undefined;
  const sep = firstSeparator(text, start, end);
  if (sep === -1 || !isLabelAt(text, start, sep)) return undefined;
  let v = sep + 1;
  while (v < end && skippable(text.charCodeAt(v))) v++;
  if (text.charCodeAt(v) === 47 && text.charCodeAt(v + 1) === 47) return undefined; // "https://..." split at its colon
  return { value: cleanValue(text, sep + 1, end), start, end };
}

/** A line with a value but no separator: the second half of "Label:\nvalue". */
function readBareValue(text: string, start: number, end: number): string | undefined {
  if (end - start > MAX_VALUE || firstSeparator(text, start, end) !== -1) return undefined;
  const value = cleanValue(text, start, end);
  return value && !value.startsWith('>') ? value : undefined;
}

function prevNonBlankLine(text: string, before: number): [number, number] | undefined {
  let end = before - 1; // the newline that ends the previous line
  while (end >= 0) {
    const start = lineStartAt(text, end);
    if (!isBlank(text, start, end)) return [start, end];
    end = start - 1;
  }
  return undefined;
}

function nextNonBlankLine(text: string, after: number): [number, number] | undefined {
  let start = after + 1;
  while (start <= text.length) {
    const end = lineEndAt(text, start);
    if (!isBlank(text, start, end)) return [start, end];
    if (end >= text.length) return undefined;
    start = end + 1;
  }
  return undefined;
}

/**
 * The logical field whose line starts at `start`: "Label: value" on one line,
 * or "Label:" followed by the value alone on the next non-blank line.
 */
export function fieldAt(text: string, start: number, end: number): Field | undefined {
  const field = readLine(text, start, end);
  if (!field) return undefined;
  if (field.value) return field;
  const next = nextNonBlankLine(text, end);
  if (!next) return undefined;
  const value = readBareValue(text, next[0], next[1]);
  return value ? { value, start, end: next[1] } : undefined;
}

/** The logical field just before the one starting at `start`, skipping blank lines. */
export function fieldBefore(text: string, start: number): Field | undefined {
  const prev = prevNonBlankLine(text, start);
  if (!prev) return undefined;
  const own = readLine(text, prev[0], prev[1]);
  if (own?.value) return own;
  // The previous line may be the value half of "Label:\nvalue".
  const value = own ? undefined : readBareValue(text, prev[0], prev[1]);
  const labelLine = value !== undefined ? prevNonBlankLine(text, prev[0]) : undefined;
  if (!labelLine) return undefined;
  const label = readLine(text, labelLine[0], labelLine[1]);
  return label && !label.value ? { value: value!, start: labelLine[0], end: prev[1] } : undefined;
}

/** The logical field just after one that ends at `end`, skipping blank lines. */
export function fieldAfter(text: string, end: number): Field | undefined {
  const next = nextNonBlankLine(text, end);
  return next ? fieldAt(text, next[0], next[1]) : undefined;
}

/**
 * Calls `visit` with the position of every separator character, kind by
 * kind (not in text order). indexOf per kind runs at memchr speed (measured
 * faster here than one regex over all kinds); the rare full-width kinds are
 * looked for only in text that holds characters outside Latin-1.
 */
export function forEachSeparator(text: string, visit: (pos: number) => void): void {
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) visit(i);
  for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', i + 1)) visit(i);
  // Latin-1 alone holds no wide colon: skip the second scan (the range starts at NUL on purpose).
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u00ff]/.test(text)) return;
  const wide = /[\uff1a\ufe55\ufe13\u2236\ua789]/g;
  for (let m = wide.exec(text); m; m = wide.exec(text)) visit(m.index);
}

// Kinds of ASCII letters and digits by char code (DIGIT, UPPER, LOWER bits), for the loops that run at every separator.
const DIGIT = 1;
const UPPER = 2;
const LOWER = 4;
const ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ALNUM[c] = DIGIT;
for (let c = 65; c <= 90; c++) ALNUM[c] = UPPER;
for (let c = 97; c <= 122; c++) ALNUM[c] = LOWER;

export interface AlnumField extends Field {
  /** Which kinds of character the value holds: DIGIT | UPPER | LOWER. */
  kinds: number;
  /**
   * A 32-bit hash of the value. Values are slices of a large text, and V8
   * reads such slices char by char slowly; callers compare hashes first.
   */
  hash: number;
}

/**
 * The field whose separator is at `sep`, when its value is a run of `min` to
 * `max` ASCII letters and digits (invisible characters inside are dropped).
 * Run at every separator, so it is written to fail within a few characters:
 * the full field parse only ever runs where a credential could be.
 */
export function alnumFieldAt(text: string, sep: number, min: number, max: number): AlnumField | undefined {
  let i = sep + 1;
  let c = text.charCodeAt(i);
  while (c === SPACE || (c !== NEWLINE && c !== CR && skippable(c))) c = text.charCodeAt(++i);
  if (c === NEWLINE || c === CR) {
    // "Label:" alone on its line: the value is alone on the next non-blank line.
    do c = text.charCodeAt(++i);
    while (c === NEWLINE || c === CR || c === SPACE || skippable(c));
  }
  const from = i;
  let count = 0;
  let kinds = 0;
  let hash = 0x811c9dc5;
  let invisible = false;
  for (; ; c = text.charCodeAt(++i)) {
    if (c < 128) {
      const kind = ALNUM[c]!;
      if (kind) {
        if (++count > max) return undefined;
        kinds |= kind;
        hash = Math.imul(hash ^ c, 16777619);
        continue;
      }
    } else if (isInvisible(c)) {
      invisible = true;
      continue;
    }
    break;
  }
  if (count < min) return undefined;
  const to = i;
  // Only sentence punctuation and spaces may follow the value on its line.
  while (c === SPACE || c === CR || isTrailingPunct(c) || skippable(c)) c = text.charCodeAt(++i);
  if (c === c && c !== NEWLINE) return undefined; // c !== c: NaN, the end of the text
  const start = lineStartAt(text, sep);
  if (!isLabelAt(text, start, sep)) return undefined;
  return { value: invisible ? cleanSlice(text, from, to) : text.slice(from, to), start, end: i, kinds, hash };
}
