/**
 * Import from another tool, with a 1,000-entry Bitwarden JSON export.
 *
 * import.entriesPerSec: reading the file and turning every entry into an
 * account through the kinds' recognition (utils/import: readImport, then
 * candidateFor each), in Node, median of runs; against a plain JSON.parse of
 * the same text in the same run (import.toJsonParseRatio): what recognition
 * adds to merely parsing.
 * import.previewMs: in Chromium with the built extension, from choosing the
 * file in Options › Import from another tool to all 1,000 rows shown with
 * what each will do (the background asked): what the user waits for. The
 * first choice loads the readers; the median is of later ones, and the
 * first is reported on its own.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bitwardenJson } from '../../tests/fixtures/import/make';
import { candidateFor } from '../../utils/import/candidates';
import { readImport } from '../../utils/import/read';
import { extensionDir } from '../lib/build';
import { launchChromium } from '../lib/chromium';
import { sendOk } from '../lib/messaging';
import { median, round, timed, type Figure } from './report';

const ENTRIES = 1000;
const RUNS = 30;
const OPENS = 7;
const PREVIEW_BUDGET_MS = 1000;
const PARSE_RATIO_BUDGET = 25;

export async function benchImport(): Promise<Figure[]> {
  // The export holds one card and one item in the trash besides: 1,002 items, 1,000 entries.
  const text = bitwardenJson(ENTRIES + 2);
  const bytes = new TextEncoder().encode(text);
  const reads: number[] = [];
  const parses: number[] = [];
  let count = 0;
  for (let i = 0; i < RUNS; i++) {
    reads.push(
      await timed(async () => {
        count = (await readImport({ name: 'bitwarden_export.json', bytes })).entries.map((e) => candidateFor(e)).length;
      }),
    );
    parses.push(await timed(async () => JSON.parse(new TextDecoder().decode(bytes))));
  }
  if (count !== ENTRIES) throw new Error(`bench: ${count} entries read, not ${ENTRIES}`);

  const dir = mkdtempSync(path.join(tmpdir(), 'tokenkeep-bench-import-'));
  const file = path.join(dir, 'bitwarden_export.json');
  writeFileSync(file, text);
  const session = await launchChromium({ extensionDir: extensionDir('chrome') });
  const previews: number[] = [];
  try {
    const page = await session.openExtensionPage('options.html#import-accounts');
    await sendOk(page, { type: 'vault.setup', passphrase: 'bench passphrase, long enough' });
    await page.reload();
    for (let i = 0; i < OPENS; i++) {
      const start = performance.now();
      await page.setInputFiles('#import-accounts input[type="file"]', file);
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('.import-preview .entry-outcome').length === n &&
          ![...document.querySelectorAll('.import-preview .entry-outcome')].some((e) => e.textContent === '…'),
        count,
        { timeout: 30_000, polling: 50 },
      );
      previews.push(performance.now() - start);
      await page.getByRole('button', { name: 'Cancel' }).click();
    }
  } finally {
    await session.close();
  }
  const perSec = ENTRIES / (median(reads) / 1000);
  const ratio = median(reads) / median(parses);
  const preview = median(previews.slice(1));
  return [
    { key: 'import.entriesPerSec', value: Math.round(perSec), unit: '/s' },
    { key: 'import.readMs', value: round(median(reads), 1), unit: 'ms' },
    { key: 'import.jsonParseMs', value: round(median(parses), 2), unit: 'ms' },
    { key: 'import.toJsonParseRatio', value: round(ratio, 1), unit: '×', target: `≤ ${PARSE_RATIO_BUDGET}`, pass: ratio <= PARSE_RATIO_BUDGET },
    { key: 'import.firstPreviewMs', value: Math.round(previews[0]!), unit: 'ms' },
    { key: 'import.previewMs', value: Math.round(preview), unit: 'ms', target: `≤ ${PREVIEW_BUDGET_MS} ms`, pass: preview <= PREVIEW_BUDGET_MS },
  ];
}
