/**
 * npm run bench [-- --json]: prints the performance figures the issues ask
 * for, each against its budget. Human table by default; --json prints one
 * JSON object. Exits 1 when a figure misses its budget.
 */
import { benchAutofill } from './bench/autofill';
import { benchBridge } from './bench/bridge';
import { benchCapture } from './bench/capture';
import { benchExtract } from './bench/extract';
import { benchImport } from './bench/import';
import { benchKinds } from './bench/kinds';
import { benchLive } from './bench/live';
import { benchPopup, benchSizes } from './bench/popup';
import { benchSync } from './bench/sync';
import { toJson, toTable, type Figure } from './bench/report';
import { benchVault } from './bench/vault';
import { build } from './lib/build';

const json = process.argv.includes('--json');
// Figures measured in a browser use the build of the current sources.
build('chrome');

const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const suites: Record<string, () => Promise<Figure[]>> = {
  extract: benchExtract,
  capture: benchCapture,
  vault: benchVault,
  popup: benchPopup,
  sizes: async () => benchSizes(),
  autofill: benchAutofill,
  kinds: benchKinds,
  sync: benchSync,
  bridge: benchBridge,
  live: benchLive,
  import: benchImport,
};
const figures: Figure[] = [];
for (const [name, run] of Object.entries(suites)) if (!only || only.includes(name)) figures.push(...(await run()));

if (json) process.stdout.write(`${JSON.stringify(toJson(figures))}\n`);
else console.log(toTable(figures));

if (figures.some((f) => f.pass === false)) process.exitCode = 1;
