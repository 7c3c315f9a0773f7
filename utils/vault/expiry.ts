/** Expiry dates: warnings 14 days and 1 day ahead, as alarms, and the flag the popup shows. */

export const WARN_DAYS = [14, 1] as const;
const DAY = 86_400_000;
const PREFIX = 'expiry:';

/**
 * When an account expires: the start of its expiry day in the user's own time
 * zone. The form stores a calendar date ("2026-12-09"), which Date.parse would
 * read as midnight UTC, a day early west of Greenwich.
 */
export function expiryTime(expiresAt: string | undefined): number {
  const day = expiresAt && /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiresAt);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime();
  return expiresAt ? Date.parse(expiresAt) : NaN;
}

/** The expiry day as the user's locale writes a date. */
export function expiryDateText(expiresAt: string | undefined): string {
  return new Date(expiryTime(expiresAt)).toLocaleDateString();
}

export interface Alarm {
  name: string;
  when: number;
}

/** The alarms to have, for every account with an expiry date still ahead. Names carry ids, never labels. */
export function expiryAlarms(accounts: ReadonlyArray<{ id: string; expiresAt?: string }>, now: number): Alarm[] {
  const alarms: Alarm[] = [];
  for (const account of accounts) {
    const expires = expiryTime(account.expiresAt);
    if (Number.isNaN(expires)) continue;
    for (const days of WARN_DAYS) {
      const when = expires - days * DAY;
      if (when > now) alarms.push({ name: `${PREFIX}${account.id}:${days}`, when });
    }
  }
  return alarms;
}

export function parseExpiryAlarm(name: string): { id: string; days: number } | undefined {
  const m = /^expiry:(.+):(\d+)$/.exec(name);
  return m ? { id: m[1]!, days: Number(m[2]) } : undefined;
}

export const isExpiryAlarm = (name: string) => name.startsWith(PREFIX);

export type ExpiryState = { kind: 'none' } | { kind: 'soon'; days: number } | { kind: 'expired' };

/** Flag for the list: expired, or expiring within 14 days. */
export function expiryState(expiresAt: string | undefined, now: number): ExpiryState {
  const expires = expiryTime(expiresAt);
  if (Number.isNaN(expires)) return { kind: 'none' };
  if (expires <= now) return { kind: 'expired' };
  const days = Math.ceil((expires - now) / DAY);
  return days <= WARN_DAYS[0] ? { kind: 'soon', days } : { kind: 'none' };
}
