/** Email files in an extension page: the same reader and extractors as the CLI, with the page's DOMParser. */
import { textOf } from '../webmail/text';
import { extractCaptures } from './index';
import { EmailFileError, MAX_EMAIL_BYTES, readEmailFile } from './email-file';
import type { Capture } from './types';

export async function capturesFromEmailFile(file: Blob, parser: DOMParser): Promise<Capture[]> {
  if (file.size > MAX_EMAIL_BYTES) throw new EmailFileError(`That file is larger than ${MAX_EMAIL_BYTES >> 20} MB; no token email is.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const message = await readEmailFile(bytes, (html) => textOf(parser.parseFromString(html, 'text/html')));
  return extractCaptures(message);
}
