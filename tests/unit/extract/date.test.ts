import { describe, expect, it } from 'vitest';
import { parseMailDate } from '../../../utils/extract/date';

const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m, d, h, min).toISOString();

describe('parseMailDate', () => {
  it('reads ISO and RFC 2822 dates', () => {
    expect(parseMailDate('2026-11-21T09:14:00Z')).toBe('2026-11-21T09:14:00.000Z');
    expect(parseMailDate('Sat, 21 Nov 2026 09:14:00 +0000')).toBe('2026-11-21T09:14:00.000Z');
  });
  it("reads Gmail's header tooltip in local time, AM and PM", () => {
    expect(parseMailDate('Sat, Nov 21, 2026, 9:14 AM')).toBe(local(2026, 10, 21, 9, 14));
    expect(parseMailDate('Sat, Nov 21, 2026, 9:14 PM')).toBe(local(2026, 10, 21, 21, 14));
    expect(parseMailDate('Nov 21, 2026, 12:05 AM')).toBe(local(2026, 10, 21, 0, 5));
  });
  it('reads day-first dates', () => expect(parseMailDate('21 November 2026, 09:14')).toBe(local(2026, 10, 21, 9, 14)));
  it.each(['Nov 21', '9:14 AM', 'yesterday', '21 nov. 2026 à 09:14', 'Feb 30, 2026, 9:00 AM', '', undefined, 'x'.repeat(200)])('refuses to guess %s', (raw) =>
    expect(parseMailDate(raw)).toBeUndefined(),
  );
});
