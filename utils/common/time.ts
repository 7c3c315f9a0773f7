/** "3 days ago"-style ages for token dates, in the browser's language. */
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

// Building a formatter costs more than formatting: the popup formats one per row.
const formatters = new Map<string | undefined, Intl.RelativeTimeFormat>();

export function relativeAge(iso: string | undefined, now: number = Date.now(), locale?: string): string | undefined {
  if (!iso) return undefined;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return undefined;
  const seconds = Math.round((then - now) / 1000);
  let format = formatters.get(locale);
  if (!format) formatters.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
