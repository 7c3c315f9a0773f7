/**
 * Calendar dates in a kind's fields ("2026-12-06"): the day a token was
 * made, from which its expiry follows. Kept as the user's own calendar day,
 * as the expiry reminders read it (utils/vault/expiry.ts).
 */
import type { FieldSpec, Fields } from './types';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a typed date cannot be kept, or undefined. */
export function dateProblem(value: string): string | undefined {
  const m = DAY.exec(value.trim());
  const date = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (!m || !date || date.getUTCDate() !== Number(m[3])) return 'A date is written year-month-day: 2026-12-06.';
  return undefined;
}

/** The day `days` after `date`, as year-month-day. */
export function daysAfter(date: string, days: number): string {
  const m = DAY.exec(date.trim())!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** Today in the user's own calendar. */
export const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** The field for the day a token was made: left empty, it is the day the token is saved (the day most tokens are made and copied). */
export const issuedOnField = (name: string, label: string, hint: string): FieldSpec => ({
  name,
  label,
  max: 10,
  placeholder: 'YYYY-MM-DD',
  hint,
  problem: dateProblem,
});

/**
 * A `follow` for a token and the day it was made: a new token typed over one
 * that had its day is a new token, made today unless the user says otherwise,
 * so the old day no longer stands (else its expiry would be the old one's).
 */
export function redated(before: Fields, after: Fields, changed: string, tokenField: string, dateField: string): Fields {
  if (changed !== tokenField || !before[tokenField] || after[tokenField] === before[tokenField] || after[dateField] !== before[dateField]) return after;
  const { [dateField]: _, ...rest } = after;
  return rest;
}

/** The fields with `dateField` set to today where the token is there and its day is not. */
export function datedToday(fields: Fields, tokenField: string, dateField: string): Fields {
  return fields[tokenField] && !fields[dateField]?.trim() ? { ...fields, [dateField]: today() } : fields;
}
