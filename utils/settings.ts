/**
 * User settings, kept in extension storage (never secret). Reading is
 * tolerant: anything missing or of the wrong type falls back to its default,
 * so a settings object from an older version still works.
 */
import { WEBMAILS, type WebmailId } from './webmail/hosts';

export interface Settings {
  /** Capture on or off, per webmail. */
  capture: Record<WebmailId, boolean>;
  /** Lock after this many minutes without using Tokenkeep. */
  autoLockMinutes: number;
}

export const AUTO_LOCK_RANGE = { min: 1, max: 1440 } as const;

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  capture: Object.fromEntries(WEBMAILS.map((w) => [w.id, true])) as Record<WebmailId, boolean>,
  autoLockMinutes: 15,
};

function inRange(value: unknown, { min, max }: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function readSettings(raw: unknown): Settings {
  const stored = raw as { capture?: Record<string, unknown>; autoLockMinutes?: unknown } | undefined;
  const capture = stored?.capture;
  return {
    autoLockMinutes: inRange(stored?.autoLockMinutes, AUTO_LOCK_RANGE) ? stored.autoLockMinutes : DEFAULT_SETTINGS.autoLockMinutes,
    capture: Object.fromEntries(
      WEBMAILS.map((w) => [w.id, typeof capture?.[w.id] === 'boolean' ? (capture[w.id] as boolean) : DEFAULT_SETTINGS.capture[w.id]]),
    ) as Record<WebmailId, boolean>,
  };
}
