/**
 * Slows down passphrase guessing. Five tries are free; after that each
 * further try waits twice as long as the one before (1 s, 2 s, 4 s … 60 s).
 * The state lives with the vault, so closing and reopening the popup, or a
 * service worker restart, does not reset it.
 */
export interface ThrottleState {
  failures: number;
  lastFailureAt: number;
}

export const FREE_TRIES = 5;
const MAX_DELAY_MS = 60_000;

export function delayAfter(failures: number): number {
  return failures < FREE_TRIES ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_TRIES));
}

/** Milliseconds until the next try is allowed (0 when it is allowed now). */
export function waitMs(state: ThrottleState | undefined, now: number): number {
  if (!state) return 0;
  return Math.max(0, state.lastFailureAt + delayAfter(state.failures) - now);
}

export function recordFailure(state: ThrottleState | undefined, now: number): ThrottleState {
  return { failures: (state?.failures ?? 0) + 1, lastFailureAt: now };
}
