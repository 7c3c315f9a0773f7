/**
 * What the worker that reads an import file (entrypoints/options/read-worker.ts)
 * answers, and how the page turns the answer back into a result or the
 * reader's own error: its code (a wrong password asks again) and its words.
 */
import * as v from 'valibot';
import { AppError, errorMessage, type ErrorCode } from '../common/errors';
import type { ImportFile, ReadResult } from './types';

export interface ReadAsk {
  file: ImportFile;
  password?: string;
}

export type ReadReply = { ok: true; result: ReadResult } | { ok: false; code: ErrorCode; message: string };

/** The reader's failure as the worker sends it; anything but our own error is no more than "could not read". */
export function failureReply(err: unknown): ReadReply {
  return err instanceof AppError
    ? { ok: false, code: err.code, message: err.message }
    : { ok: false, code: 'internal', message: `Tokenkeep could not read the file: ${errorMessage(err)}` };
}

// Only the shape is checked here: the entries are checked again by their kinds in the background.
const ReplySchema = v.variant('ok', [
  v.object({
    ok: v.literal(true),
    result: v.object({
      format: v.string(),
      entries: v.array(v.looseObject({ title: v.string(), urls: v.array(v.string()), extra: v.array(v.object({ name: v.string(), value: v.string() })) })),
    }),
  }),
  v.object({ ok: v.literal(false), code: v.string(), message: v.string() }),
]);

/** The worker's answer as a result, or thrown as the reader's error. */
export function resultOf(reply: unknown): ReadResult {
  const parsed = v.safeParse(ReplySchema, reply);
  if (!parsed.success) throw new AppError('internal', 'Tokenkeep could not read the file: its reader answered with something else.');
  if (!parsed.output.ok) throw new AppError(parsed.output.code as ErrorCode, parsed.output.message);
  // The format's name is one of ImportFormat's: the worker runs our own readers.
  return parsed.output.result as ReadResult;
}
