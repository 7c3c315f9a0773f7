import { describe, expect, it } from 'vitest';
import { alnumFieldAt, cleanSlice, fieldAfter, fieldAt, fieldBefore, forEachSeparator, isLabel } from '../../../utils/extract/lines';

const at = (text: string, line: string) => {
  const start = text.indexOf(line);
  return fieldAt(text, start, start + line.length);
};

describe('fieldAt', () => {
  it('reads the value of "Label: value", French spacing, full-width colons and table cells', () => {
    expect(at('Username: a@b.com', 'Username: a@b.com')).toMatchObject({ value: 'a@b.com' });
    expect(at("Nom d'utilisateur : a@b.com", "Nom d'utilisateur : a@b.com")).toMatchObject({ value: 'a@b.com' });
    expect(at('用户名：a@b.com', '用户名：a@b.com')).toMatchObject({ value: 'a@b.com' });
    expect(at('Username\ta@b.com\t', 'Username\ta@b.com\t')).toMatchObject({ value: 'a@b.com' });
  });
  it('joins a label alone on its line with the value on the next non-blank line', () => {
    const text = 'Token:\n\n  AbC123\u00a0\n';
    expect(fieldAt(text, 0, 6)).toMatchObject({ value: 'AbC123', start: 0, end: text.indexOf('\u00a0') + 1 });
  });
  it('drops trailing punctuation and invisible characters from the value', () => {
    expect(at('Token: Ab\u200bC\u00ad123.', 'Token: Ab\u200bC\u00ad123.')?.value).toBe('AbC123');
  });
  it('refuses quoted lines, URLs, and labels holding an address', () => {
    expect(at('> Token: AbC', '> Token: AbC')).toBeUndefined();
    expect(at('https://x.example/y', 'https://x.example/y')).toBeUndefined();
    expect(at('a@b.com: hi', 'a@b.com: hi')).toBeUndefined();
  });
});

describe('fieldBefore / fieldAfter', () => {
  const text = 'Hello\n\nUsername:\na@b.com\n\nToken: AbC123\nThanks';
  const token = text.indexOf('Token');
  it('find the neighbouring logical field across blank lines and split layouts', () => {
    expect(fieldBefore(text, token)).toMatchObject({ value: 'a@b.com' });
    const user = fieldBefore(text, token)!;
    expect(fieldAfter(text, user.end)).toMatchObject({ value: 'AbC123' });
  });
  it('find nothing past a line that is not a field', () => {
    expect(fieldBefore(text, text.indexOf('Username'))).toBeUndefined();
    expect(fieldAfter(text, text.indexOf('Thanks') + 6)).toBeUndefined();
  });
  it('stops at the start of a text that opens with a blank line', () => {
    expect(fieldBefore('\nToken: Abcdef', 1)).toBeUndefined();
    expect(fieldBefore('\n\n  \nToken: Abcdef', 4)).toBeUndefined();
  });
});

describe('forEachSeparator', () => {
  it('visits colons, tabs and full-width colons', () => {
    const seen: number[] = [];
    forEachSeparator('a:b\tc：d', (p) => seen.push(p));
    expect(seen.sort()).toEqual([1, 3, 5]);
  });
});

describe('alnumFieldAt', () => {
  const at = (text: string) => alnumFieldAt(text, text.indexOf(':'), 6, 8)?.value;
  it('reads a run of letters and digits after the separator, or alone on the next line', () => {
    expect(at('Token: Ab\u200bcdef')).toBe('Abcdef');
    expect(at('Token:\n\n  Abcdef.\nnext')).toBe('Abcdef');
    expect(at('x\nToken: Abcdef12 \r\n')).toBe('Abcdef12');
  });
  it('refuses runs of the wrong length, values followed by more text, and bad labels', () => {
    expect(at('Token: Abc')).toBeUndefined();
    expect(at('Token: Abcdef123')).toBeUndefined();
    expect(at('Token: Abc.def')).toBeUndefined();
    expect(at('Token: Abcdef and more')).toBeUndefined();
    expect(at('> Token: Abcdef')).toBeUndefined();
    expect(at('a@b.com: Abcdef')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('cleanSlice trims spaces of any script and drops invisible characters', () => {
    const s = '\u3000 a\u200db \u00a0';
    expect(cleanSlice(s, 0, s.length)).toBe('ab');
  });
  it('isLabel wants a short text with a letter', () => {
    expect(['Username', 'ユーザー名', '사용자 이름'].map(isLabel)).toEqual([true, true, true]);
    expect(['', '123', 'x'.repeat(65), 'a@b'].map(isLabel)).toEqual([false, false, false, false]);
    expect(isLabel('Sicherheits-Token (Groß-/Kleinschreibung beachten)')).toBe(true);
  });
});
