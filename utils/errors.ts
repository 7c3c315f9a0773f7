/** Errors meant for the user: their message is safe to show and never holds a secret. */
export type ErrorCode =
  | 'bad-request'
  | 'forbidden'
  | 'not-found'
  | 'locked'
  | 'setup-required'
  | 'wrong-passphrase'
  | 'rate-limited'
  | 'bad-backup'
  | 'internal';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
