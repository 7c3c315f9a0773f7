import { extractSalesforce } from './salesforce';
import type { Capture, MessageInput } from './types';

export type { Capture, MessageInput, Provider, Sender } from './types';

/** Every provider's extractor, in one place; each one checks its own sender. */
const EXTRACTORS: ReadonlyArray<(m: MessageInput) => Capture[]> = [extractSalesforce];

export function extractCaptures(message: MessageInput): Capture[] {
  return EXTRACTORS.flatMap((extract) => extract(message));
}
