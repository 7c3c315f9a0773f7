/** Errors meant for the user: their message is safe to show and never holds a secret. 'remote': a server (Salesforce) refused or failed. */
export type ErrorCode =
  'bad-request' | 'forbidden' | 'not-found' | 'locked' | 'setup-required' | 'wrong-passphrase' | 'rate-limited' | 'bad-backup' | 'remote' | 'internal';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What to tell the user about a failure: its message (ours are meant to be shown). */
export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));
