import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiryAlarms, expiryState, expiryTime, parseExpiryAlarm } from '../../../utils/vault/expiry';

const DAY = 86_400_000;
const now = Date.parse('2026-11-24T12:00:00Z');

describe('expiry', () => {
  it('sets reminders 14 days and 1 day ahead, only those still to come, named by id alone', () => {
    const alarms = expiryAlarms(
      [{ id: 'a', expiresAt: '2026-12-31' }, { id: 'b', expiresAt: '2026-12-01' }, { id: 'c' }, { id: 'd', expiresAt: 'garbage' }],
      now,
    );
    expect(alarms.map((a) => a.name)).toEqual(['expiry:a:14', 'expiry:a:1', 'expiry:b:1']);
    expect(alarms[0]!.when).toBe(new Date(2026, 11, 31).getTime() - 14 * DAY);
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

describe("expiry dates are calendar days in the user's time zone", () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('is not expired on the evening before, west of Greenwich, where UTC midnight has passed', () => {
    // 20:00 in Los Angeles on 8 December is 04:00 UTC on the 9th.
    const evening = new Date(2026, 11, 8, 20).getTime();
    expect(new Date(evening).toISOString()).toBe('2026-12-09T04:00:00.000Z');
    expect(expiryState('2026-12-09', evening)).toEqual({ kind: 'soon', days: 1 });
    expect(expiryState('2026-12-09', new Date(2026, 11, 9, 0, 1).getTime())).toEqual({ kind: 'expired' });
    expect(new Date(expiryTime('2026-12-09')).getDate()).toBe(9);
  });

  it('reminds at the start of the local day, 14 days and 1 day before', () => {
    const alarms = expiryAlarms([{ id: 'a', expiresAt: '2026-12-09' }], new Date(2026, 10, 1).getTime());
    expect(alarms.map((a) => new Date(a.when).toString().slice(4, 21))).toEqual(['Nov 25 2026 00:00', 'Dec 08 2026 00:00']);
  });
});
