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
  /** Clear the clipboard this many seconds after a copy; null: never. */
  clipboardSeconds: number | null;
}

export const AUTO_LOCK_RANGE = { min: 1, max: 1440 } as const;
export const CLIPBOARD_RANGE = { min: 10, max: 300 } as const;

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  capture: Object.fromEntries(WEBMAILS.map((w) => [w.id, true])) as Record<WebmailId, boolean>,
  autoLockMinutes: 15,
  clipboardSeconds: 30,
};

/** Whether a stored or typed value is a whole number within a setting's range. */
export function inRange(value: unknown, { min, max }: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function readClipboardSeconds(value: unknown): number | null {
  return value === null || inRange(value, CLIPBOARD_RANGE) ? value : DEFAULT_SETTINGS.clipboardSeconds;
}

export function readSettings(raw: unknown): Settings {
  const stored = raw as { capture?: Record<string, unknown>; autoLockMinutes?: unknown; clipboardSeconds?: unknown } | undefined;
  const capture = stored?.capture;
  return {
    autoLockMinutes: inRange(stored?.autoLockMinutes, AUTO_LOCK_RANGE) ? stored.autoLockMinutes : DEFAULT_SETTINGS.autoLockMinutes,
    clipboardSeconds: readClipboardSeconds(stored?.clipboardSeconds),
    capture: Object.fromEntries(
      WEBMAILS.map((w) => [w.id, typeof capture?.[w.id] === 'boolean' ? (capture[w.id] as boolean) : DEFAULT_SETTINGS.capture[w.id]]),
    ) as Record<WebmailId, boolean>,
  };
}
