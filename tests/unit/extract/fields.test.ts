import { describe, expect, it } from 'vitest';
import { parseFields } from '../../../utils/extract/fields';

const pairs = (text: string) => parseFields(text).map((f) => [f.label, f.value]);

describe('parseFields', () => {
  it('reads "Label: value" lines in order', () => {
    expect(pairs('Hello\nUsername: a@b.com\nSecurity token (case-sensitive): AbC123\n')).toEqual([
      ['Username', 'a@b.com'],
      ['Security token (case-sensitive)', 'AbC123'],
    ]);
  });
  it('reads French spacing, full-width colons and tab-separated cells', () => {
    expect(pairs("Nom d'utilisateur : a@b.com")).toEqual([["Nom d'utilisateur", 'a@b.com']]);
    expect(pairs('用户名：a@b.com')).toEqual([['用户名', 'a@b.com']]);
    expect(pairs('Username\ta@b.com')).toEqual([['Username', 'a@b.com']]);
  });
  it('joins a label alone on its line with the value on the next', () => {
    const fields = parseFields('Username:\na@b.com\nToken:\nAbC123');
    expect(fields.map((f) => [f.label, f.value, f.line])).toEqual([
      ['Username', 'a@b.com', 0],
      ['Token', 'AbC123', 1],
    ]);
  });
  it('drops punctuation a sentence puts after a value', () => expect(pairs('Token: AbC123.')).toEqual([['Token', 'AbC123']]));
  it('skips quoted lines and stops at a forward separator', () => {
    expect(pairs('> Username: a@b.com\nName: x\n---------- Forwarded message ---------\nToken: AbC')).toEqual([['Name', 'x']]);
  });
  it('ignores lines whose "label" is an address or a URL', () => {
    expect(pairs('a@b.com: hello\nhttps://x.example/y: z')).toEqual([]);
  });
});
