/**
 * Reads the dates webmails show in message headers. Strict on purpose: a date
 * without a year (Gmail's "Nov 21") is refused rather than guessed, because
 * the date decides which of two tokens is current.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// ISO 8601 with time, or RFC 2822 ("Sat, 21 Nov 2026 09:14:00 +0000"): engines agree on these.
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const RFC2822 = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{1,5})?$/;
// "Sat, Nov 21, 2026, 9:14 AM" (Gmail, Outlook, Yahoo, Zoho in English)
const MONTH_FIRST = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;
// "21 Nov 2026, 09:14"
const DAY_FIRST = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

function localDate(y: string, mon: number, d: string, h: string, min: string, s: string | undefined, ampm: string | undefined): string | undefined {
  if (mon < 0) return undefined;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  const date = new Date(Number(y), mon, Number(d), hour, Number(min), Number(s ?? 0));
  return date.getDate() === Number(d) ? date.toISOString() : undefined;
}

/** ISO string for a date we can read without guessing, else undefined. */
export function parseMailDate(raw: string | null | undefined): string | undefined {
  const text = raw?.replace(/\s+/g, ' ').trim();
  if (!text || text.length > 80) return undefined;
  if (ISO.test(text) || RFC2822.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  let m = MONTH_FIRST.exec(text);
  if (m) return localDate(m[3]!, monthIndex(m[1]!), m[2]!, m[4]!, m[5]!, m[6], m[7]);
  m = DAY_FIRST.exec(text);
  if (m) return localDate(m[3]!, monthIndex(m[2]!), m[1]!, m[4]!, m[5]!, m[6], m[7]);
  return undefined;
}
