/**
 * extract.mbPerSec: the extractors over the text of the fixture corpus, repeated
 * past 20 MB. extract.baselineMbPerSec: a plain scan of the same texts for the
 * label string, measured in the same run, so the ratio holds on any machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractCaptures, type MessageInput } from '../../utils/extract';
import { readEmailFile } from '../../utils/extract/email-file';
import { openMessages } from '../../utils/webmail';
import { ROOT } from '../lib/build';
import { htmlToText, parseDocument } from '../lib/dom';
import { median, round, type Figure } from './report';

const TARGET_BYTES = 20 * 1024 * 1024;
const CORPUS_DIRS = ['tests/fixtures/webmail', 'tests/fixtures/email'].map((d) => path.join(ROOT, d));
const LABEL = 'Security token';

/** Every message in the fixture corpus, read through the same adapters as the content script. */
async function corpusMessages(): Promise<MessageInput[]> {
  const messages: MessageInput[] = [];
  for (const dir of CORPUS_DIRS) {
    for (const file of readdirSync(dir).sort()) {
      const full = path.join(dir, file);
      if (file.endsWith('.html')) messages.push(...openMessages(parseDocument(readFileSync(full, 'utf8'))).map((m) => m.message));
      else if (file.endsWith('.eml') || file.endsWith('.txt')) messages.push(await readEmailFile(readFileSync(full), htmlToText));
    }
  }
  return messages;
}

function throughput(messages: MessageInput[], work: (m: MessageInput) => number): number {
  const bytesPerRound = messages.reduce((n, m) => n + m.bodyText.length, 0);
  const rounds = Math.ceil(TARGET_BYTES / bytesPerRound);
  let sink = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const m of messages) sink += work(m);
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) console.error(sink); // keeps the work from being optimised away
  return (rounds * bytesPerRound) / (1024 * 1024) / seconds;
}

export async function benchExtract(): Promise<Figure[]> {
  const messages = await corpusMessages();
  const extract = (m: MessageInput) => extractCaptures(m).length;
  // A full scan: count every occurrence, so the whole text is read as extraction reads it.
  const scan = (m: MessageInput) => {
    let n = 0;
    for (let i = m.bodyText.indexOf(LABEL); i !== -1; i = m.bodyText.indexOf(LABEL, i + LABEL.length)) n++;
    return n;
  };
  // Warm both paths up, then take the median of five runs each, interleaved.
  throughput(messages, extract);
  throughput(messages, scan);
  const runs = { extract: [] as number[], scan: [] as number[] };
  for (let i = 0; i < 5; i++) {
    runs.extract.push(throughput(messages, extract));
    runs.scan.push(throughput(messages, scan));
  }
  const mbPerSec = median(runs.extract);
  const baselineMbPerSec = median(runs.scan);
  const ratio = mbPerSec / baselineMbPerSec;
  return [
    { key: 'extract.mbPerSec', value: round(mbPerSec, 1), unit: 'MB/s' },
    { key: 'extract.baselineMbPerSec', value: round(baselineMbPerSec, 1), unit: 'MB/s' },
    { key: 'extract.ratioToBaseline', value: round(ratio, 3), unit: '×', target: '≥ 0.1 of baseline', pass: ratio >= 0.1 },
  ];
}
