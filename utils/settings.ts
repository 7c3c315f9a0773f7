/**
 * User settings, kept in extension storage (never secret). Reading is
 * tolerant: anything missing or of the wrong type falls back to its default,
 * so a settings object from an older version still works.
 */
import { WEBMAILS, type WebmailId } from './webmail/hosts';

export interface Settings {
  /** Capture on or off, per webmail. */
  capture: Record<WebmailId, boolean>;
}

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  capture: Object.fromEntries(WEBMAILS.map((w) => [w.id, true])) as Record<WebmailId, boolean>,
};

export function readSettings(raw: unknown): Settings {
  const capture = (raw as { capture?: Record<string, unknown> } | undefined)?.capture;
  return {
    capture: Object.fromEntries(
      WEBMAILS.map((w) => [w.id, typeof capture?.[w.id] === 'boolean' ? (capture[w.id] as boolean) : DEFAULT_SETTINGS.capture[w.id]]),
    ) as Record<WebmailId, boolean>,
  };
}
