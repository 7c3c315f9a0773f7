/**
 * Text clean-up shared by every extractor. Mail bodies carry invisible
 * characters (zero-width joiners from tracking, soft hyphens, bidi marks) and
 * odd spaces (NBSP, ideographic space) that would otherwise split a token or
 * hide a label. Removing them is what lets extraction work on structure.
 */

// Zero-width, soft hyphen, bidi controls, word joiner, BOM: never part of a credential.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;
// Every Unicode space except tab and newline, which carry layout.
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Full-width and compatibility colons used in CJK and French typography.
const COLONS = /[\uFF1A\uFE55\uFE13\u2236\uA789]/g;

export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(COLONS, ':');
}

/** Characters removed by `normalizeText` (tests use it to state what "present in the input" means). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
