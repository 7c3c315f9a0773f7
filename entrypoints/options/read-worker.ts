/**
 * Reads one import file off the page's thread: a key derivation at its
 * bound (Argon2id over 1 GiB, ten passes) takes seconds, and the options
 * page stays responsive meanwhile; Cancel ends the worker and all it holds.
 * The page makes one worker per read (entrypoints/options/main.tsx).
 */
import { readImport } from '../../utils/import/read';
import { failureReply, type ReadAsk, type ReadReply } from '../../utils/import/read-reply';

self.onmessage = async ({ data }: MessageEvent<ReadAsk>) => {
  let reply: ReadReply;
  try {
    reply = { ok: true, result: await readImport(data.file, data.password) };
  } catch (err) {
    reply = failureReply(err);
  }
  self.postMessage(reply);
};
