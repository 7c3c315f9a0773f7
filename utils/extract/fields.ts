/**
 * Turns message text into a sequence of labelled fields ("Label: value"),
 * without knowing any label words. Credential emails in every language share
 * this shape; the words differ, the structure does not.
 */
import { normalizeText } from './normalize';

export interface Field {
  label: string;
  value: string;
  /** Position in the sequence of non-empty lines; fields are adjacent when their lines are. */
  line: number;
}

const MAX_LABEL = 64;
const MAX_VALUE = 256;
// A label is short text with at least one letter, and no address or URL in it.
const LABEL = /^[^:\t@/]*\p{L}[^:\t@/]*$/u;
// "Label: value", "Label : value" (French), "Label<TAB>value" (table cells).
const LABELLED = /^([^:\t]{1,64}?)[ ]*(?::|\t)[ \t]*(\S.*)$/;
const LABEL_ONLY = /^([^:\t]{1,64}?)[ ]*:$/;
// Separators mail clients put above a forwarded or replied-to copy.
const SEPARATOR = /^[ ]*(?:-{5,}|_{5,}|={5,})/;
// Punctuation a sentence may put after a value, never part of a credential.
const TRAILING = /[.,;:!?)\]\u300D\u300F\u3002\u3001]+$/;

function cleanValue(value: string): string {
  return value.trim().replace(TRAILING, '');
}

/**
 * Fields in reading order. Stops at the first forward/reply separator and skips
 * quoted lines ("> ..."): text below them was written by someone else.
 */
export function parseFields(text: string): Field[] {
  const fields: Field[] = [];
  let line = -1;
  let pendingLabel: string | undefined;
  for (const raw of normalizeText(text).split('\n')) {
    const trimmed = raw.trim();
    if (!trimmed) continue;
    if (SEPARATOR.test(trimmed)) break;
    if (pendingLabel !== undefined) {
      // "Username:" on one line and the value alone on the next: one logical line.
      const label = pendingLabel;
      pendingLabel = undefined;
      if (!trimmed.startsWith('>') && !/[:\t]/.test(trimmed) && trimmed.length <= MAX_VALUE) {
        fields.push({ label, value: cleanValue(trimmed), line });
        continue;
      }
    }
    line++;
    if (trimmed.startsWith('>')) continue;
    const only = LABEL_ONLY.exec(trimmed);
    if (only && LABEL.test(only[1]!)) {
      pendingLabel = only[1]!.trim();
      continue;
    }
    const m = LABELLED.exec(trimmed);
    if (!m) continue;
    const label = m[1]!.trim();
    const value = m[2]!;
    // "https://…" splits at its colon; a URL is never a field.
    if (value.startsWith('//')) continue;
    if (label.length > MAX_LABEL || value.length > MAX_VALUE || !LABEL.test(label)) continue;
    fields.push({ label, value: cleanValue(value), line });
  }
  return fields;
}
