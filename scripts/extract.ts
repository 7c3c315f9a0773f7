/**
 * npm run --silent extract -- FILE...
 * Prints one JSON line per capture found in each file (.html, .eml, .txt),
 * using the same adapters and extractors as the content script.
 * Exit 0 whether or not anything was found; 2 if any file could not be read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { extractCaptures } from '../utils/extract';
import { readEmailFile } from '../utils/extract/email-file';
import { findCaptures, type FoundCapture } from '../utils/webmail';

type Found = Omit<FoundCapture, 'source'> & { source: FoundCapture['source'] | 'eml' | 'text' };
import { htmlToText, parseDocument } from './lib/dom';

async function capturesIn(file: string): Promise<Found[]> {
  const ext = path.extname(file).toLowerCase();
  const bytes = await readFile(file);
  if (ext === '.eml' || ext === '.txt') {
    const message = await readEmailFile(new Uint8Array(bytes), htmlToText);
    const source = ext === '.eml' ? 'eml' : 'text';
    return extractCaptures(message).map((c) => ({ ...c, source }));
  }
  if (ext === '.html' || ext === '.htm') return findCaptures(parseDocument(bytes.toString('utf8')));
  throw new Error(`unsupported file type "${ext || '(none)'}": expected .html, .eml or .txt`);
}

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: npm run --silent extract -- FILE...\n');
    return 2;
  }
  let status = 0;
  for (const file of files) {
    try {
      for (const c of await capturesIn(file)) {
        const line = {
          file,
          provider: c.provider,
          username: c.username,
          token: c.token,
          sender: c.sender.address,
          subject: c.subject,
          date: c.date ?? null,
          source: c.source,
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
      process.stderr.write(`extract: ${file}: ${reason}\n`);
      status = 2;
    }
  }
  return status;
}

process.exitCode = await main(process.argv.slice(2));
