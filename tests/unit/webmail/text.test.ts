import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../scripts/lib/dom';
import { isQuoted } from '../../../utils/webmail/dom';
import { textOf } from '../../../utils/webmail/text';

const text = (html: string, skip?: (el: Element) => boolean) => textOf(parseDocument(`<body>${html}</body>`), { skip });

describe('textOf', () => {
  it('keeps the lines a reader sees: blocks and <br> break, inline markup does not', () => {
    expect(text('<p>Username: <b>a@b.com</b><br>Token: Ab<i>Cd</i><wbr>Ef</p><div>next</div>')).toBe('\nUsername: a@b.com\nToken: AbCdEf\n\nnext\n');
  });
  it('separates table cells with a tab and rows with a newline', () => {
    const lines = text('<table><tr><td>Username</td><td>a@b.com</td></tr><tr><td>Token</td><td>X</td></tr></table>').split('\n');
    expect(lines.map((l) => l.trim()).filter(Boolean)).toEqual(['Username\ta@b.com', 'Token\tX']);
  });
  it('leaves out scripts, styles and skipped subtrees', () => {
    expect(text('<style>p{}</style><script>var t=1</script><p>keep</p><blockquote>quoted</blockquote>', isQuoted).trim()).toBe('keep');
  });
  it('stops at the character cap without reading the rest', () => {
    const long = `<p>${'x'.repeat(10_000)}</p>`.repeat(100);
    expect(textOf(parseDocument(long), { maxChars: 5_000 }).length).toBeLessThanOrEqual(5_000);
  });
  it('survives markup nested far deeper than a recursive walk could', () => {
    const deep = '<span>'.repeat(20_000) + 'Token: AbC' + '</span>'.repeat(20_000);
    expect(text(deep)).toContain('Token: AbC');
  });
});
