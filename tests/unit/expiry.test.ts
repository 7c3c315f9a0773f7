import { describe, expect, it } from 'vitest';
import { expiryAlarms, expiryState, parseExpiryAlarm } from '../../utils/expiry';

const DAY = 86_400_000;
const now = Date.parse('2026-11-24T12:00:00Z');

describe('expiry', () => {
  it('sets reminders 14 days and 1 day ahead, only those still to come, named by id alone', () => {
    const alarms = expiryAlarms(
      [
        { id: 'a', expiresAt: '2026-12-31' },
        { id: 'b', expiresAt: '2026-12-01' },
        { id: 'c' },
        { id: 'd', expiresAt: 'garbage' },
      ],
      now,
    );
    expect(alarms.map((a) => a.name)).toEqual(['expiry:a:14', 'expiry:a:1', 'expiry:b:1']);
    expect(alarms[0]!.when).toBe(Date.parse('2026-12-31') - 14 * DAY);
    expect(parseExpiryAlarm('expiry:a:14')).toEqual({ id: 'a', days: 14 });
    expect(parseExpiryAlarm('tokenkeep-autolock')).toBeUndefined();
  });

  it('flags accounts within 14 days, and expired ones', () => {
    expect(expiryState(undefined, now)).toEqual({ kind: 'none' });
    expect(expiryState('2027-06-01', now)).toEqual({ kind: 'none' });
    expect(expiryState('2026-12-01', now)).toEqual({ kind: 'soon', days: 7 });
    expect(expiryState('2026-11-01', now)).toEqual({ kind: 'expired' });
  });
});
