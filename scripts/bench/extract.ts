/**
 * extract.mbPerSec: the extractors over the sample corpus's message texts,
 * joined and repeated past 20 MB, as one body from a trusted sender so that
 * every byte gets the full treatment. extract.baselineMbPerSec: a full plain
 * scan of the same text for the label string, measured in the same run.
 * extract.messagesPerSec: the same corpus one message at a time, as the
 * content script meets it (fixed per-message costs included).
 * extract.proseMbPerSec: ordinary mail with no credentials in it, where
 * the extractor only skims: the corpus above has a token line every 440
 * bytes, each of which must be read closely.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractCaptures, type MessageInput } from '../../utils/extract';
import { readEmailFile } from '../../utils/extract/email-file';
import { openMessages } from '../../utils/webmail';
import { ROOT } from '../lib/build';
import { htmlToText, parseDocument } from '../lib/dom';
import { median, round, type Figure } from './report';

const TARGET_BYTES = 20 * 1024 * 1024;
const RUNS = 9;
const LABEL = 'Security token';
const SHARED_CORPUS = path.join(ROOT, '../shared/corpus');
const OWN_CORPUS = [path.join(ROOT, 'tests/fixtures/webmail'), path.join(ROOT, 'tests/fixtures/email')];
const TRUSTED = { name: 'Salesforce', address: 'support@salesforce.com' };

/** The sample corpus when it is checked out beside the project, else our own fixtures. */
export function corpusDirs(): string[] {
  return existsSync(SHARED_CORPUS) ? [SHARED_CORPUS] : OWN_CORPUS;
}

async function corpusMessages(): Promise<MessageInput[]> {
  const messages: MessageInput[] = [];
  for (const dir of corpusDirs()) {
    for (const file of readdirSync(dir).sort()) {
      const full = path.join(dir, file);
      if (file.endsWith('.html')) messages.push(...openMessages(parseDocument(readFileSync(full, 'utf8'))).map((m) => m.message));
      else if (file.endsWith('.eml') || file.endsWith('.txt')) messages.push(await readEmailFile(readFileSync(full), htmlToText));
    }
  }
  return messages;
}

// Ordinary mail: prose with the odd "Label: value" line, and no credentials.
const PROSE = [
  'Hi team,',
  'Quarterly figures are attached. Revenue grew in every region, and the pipeline for next quarter looks healthy.',
  'Agenda: budget review, hiring plan, and the Salesforce migration timeline.',
  'Date: Thursday 10:30, room 4B. Dial-in details follow in a separate invitation.',
  'Please send comments before Wednesday; late changes cannot make the board pack.',
  'Thanks, Jane',
].join('\n');

function mbPerSec(bytes: number, ms: number): number {
  return bytes / (1024 * 1024) / (ms / 1000);
}

function timed(work: () => number): { ms: number; result: number } {
  const start = performance.now();
  const result = work();
  return { ms: performance.now() - start, result };
}

export async function benchExtract(): Promise<Figure[]> {
  const messages = await corpusMessages();
  const texts = messages.map((m) => m.bodyText);
  const copy = texts.join('\n\n');
  const repeats = Math.ceil(TARGET_BYTES / copy.length);
  const body = Array.from({ length: repeats }, () => copy).join('\n\n');
  const big: MessageInput = { sender: TRUSTED, subject: 'bench', bodyText: body };
  const scan = () => {
    let n = 0;
    for (let i = body.indexOf(LABEL); i !== -1; i = body.indexOf(LABEL, i + LABEL.length)) n++;
    return n;
  };
  const extract = () => extractCaptures(big).length;
  const perMessage = () => {
    let n = 0;
    for (let r = 0; r < repeats; r++) for (const m of messages) n += extractCaptures(m).length;
    return n;
  };

  // Warm up, then interleaved runs of each; medians.
  scan();
  const found = extract();
  perMessage();
  const runs = { scan: [] as number[], extract: [] as number[], perMessage: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    runs.scan.push(timed(scan).ms);
    runs.extract.push(timed(extract).ms);
    runs.perMessage.push(timed(perMessage).ms);
  }
  // The same measure over ordinary mail, where no line has the shape of a credential.
  const prose = Array.from({ length: Math.ceil(TARGET_BYTES / PROSE.length) }, () => PROSE).join('\n\n');
  const proseMessage: MessageInput = { ...big, bodyText: prose };
  const proseExtract = () => extractCaptures(proseMessage).length;
  proseExtract();
  const proseRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) proseRuns.push(timed(proseExtract).ms);
  const proseMb = mbPerSec(prose.length, median(proseRuns));

  const extractMb = mbPerSec(body.length, median(runs.extract));
  const baselineMb = mbPerSec(body.length, median(runs.scan));
  // The ratio of each scan to the extraction run right after it, then their
  // median: the pair shares the machine's state (clock speed, other load),
  // which a ratio of two separate medians does not cancel.
  const ratio = median(runs.scan.map((scanMs, i) => scanMs / runs.extract[i]!));
  return [
    { key: 'extract.mbPerSec', value: round(extractMb, 1), unit: 'MB/s' },
    { key: 'extract.baselineMbPerSec', value: round(baselineMb, 1), unit: 'MB/s' },
    { key: 'extract.ratioToBaseline', value: round(ratio, 3), unit: '×', target: '≥ 0.1 of baseline', pass: ratio >= 0.1 },
    { key: 'extract.proseMbPerSec', value: round(proseMb, 1), unit: 'MB/s' },
    { key: 'extract.messagesPerSec', value: Math.round((repeats * messages.length) / (median(runs.perMessage) / 1000)), unit: 'msg/s' },
    { key: 'extract.corpusMessages', value: messages.length, unit: 'messages' },
    { key: 'extract.capturesPerPass', value: found, unit: 'captures' },
  ];
}
