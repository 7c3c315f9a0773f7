/**
 * DOM to plain text with the line structure a reader sees. We do not use
 * `innerText`: it needs layout (slow on a big mail page, absent in Node), and
 * the same function must give the same text in the content script, the CLI and
 * unit tests.
 */

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
]);
const CELL = new Set(['TD', 'TH']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE', 'META', 'LINK', 'SVG', 'IFRAME', 'OBJECT', 'SELECT', 'TEXTAREA']);

export interface TextOptions {
  /** Subtrees to leave out, such as quoted replies. */
  skip?: (el: Element) => boolean;
  /** Stop after this many characters: a hostile 50 MB body must not stall the page. */
  maxChars?: number;
}

const DEFAULT_MAX = 2_000_000;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function textOf(root: Node, options: TextOptions = {}): string {
  const max = options.maxChars ?? DEFAULT_MAX;
  const out: string[] = [];
  let length = 0;
  // Explicit stack instead of recursion: deeply nested hostile markup cannot overflow it.
  const stack: Array<Node | string> = [root];
  while (stack.length && length < max) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      length += item.length;
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      const data = (item as Text).data.replace(/[ \t\n\r\f]+/g, ' ');
      out.push(data);
      length += data.length;
      continue;
    }
    if (item.nodeType !== ELEMENT_NODE && item !== root) continue;
    const el = item as Element;
    const tag = el.tagName?.toUpperCase();
    if (tag) {
      if (SKIP.has(tag) || (options.skip && item !== root && options.skip(el))) continue;
      if (tag === 'BR') {
        out.push('\n');
        continue;
      }
      if (tag === 'WBR') continue;
    }
    const block = tag !== undefined && BLOCK.has(tag);
    const cell = tag !== undefined && CELL.has(tag);
    if (block) out.push('\n');
    // Children go on the stack in reverse so they come off in document order.
    if (block) stack.push('\n');
    // A tab between cells keeps "Label | value" rows readable as fields;
    // none before a row's first cell, so wrapper tables add no separators.
    if (cell && el.previousElementSibling) out.push('\t');
    const children = item.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out
    .join('')
    .slice(0, max)
    .replace(/[ ]*\n[ ]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}
