/** The Node DOM the CLIs use: linkedom, which parses like a browser and needs no layout. */
import { parseHTML } from 'linkedom';
import { textOf } from '../../utils/webmail/text';

export function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

export function htmlToText(html: string): string {
  return textOf(parseDocument(html));
}
