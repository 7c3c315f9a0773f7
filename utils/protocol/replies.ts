/**
 * What the background answers, beyond the records themselves: the shapes of
 * the replies in `messages.ts`'s ResponseMap. The application fills them in;
 * the popup and options page read them.
 */
import type { AccountSummary, CaptureOutcome } from '../vault/account';
import type { RecordProblem, VaultState } from '../vault/vault';

export type CaptureStatus = 'new' | 'saved' | 'dismissed';

export interface MergedCapture {
  username: string;
  outcome: CaptureOutcome;
}

/** What the popup lists. `groupSizes` comes with a first page only: how many each group holds in all. */
export interface AccountList {
  accounts: AccountSummary[];
  problems: RecordProblem[];
  groupSizes?: Record<string, number>;
}

export interface VaultStatus {
  state: VaultState;
  failures: number;
  retryAfterMs: number;
  /** Captures sealed while locked, waiting for the next unlock. */
  pending: number;
  /** Unlocking with a PIN: off, on but waiting for a passphrase unlock in this browser session, or ready. */
  pin: 'off' | 'on' | 'ready';
  pinRetryAfterMs: number;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

/** What an unlock says: the captures merged, the records that could not be opened, and Tokenkeep's corrections. */
export interface Unlocked {
  merged: MergedCapture[];
  problems: RecordProblem[];
  notices: string[];
}
