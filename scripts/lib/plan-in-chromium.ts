/**
 * The fill planner run where the extension runs it: in a page of a real,
 * headless Chromium, with layout. Where a field is drawn (moved off the page
 * by a negative margin, covered, cut away by its container) is something
 * only a browser knows, and `npm run fill-plan` must give the plan the
 * extension would. The planner is bundled from the same source the
 * extension ships (utils/autofill/plan.ts) and evaluated in the page.
 *
 * The page's own scripts do not run: a saved page is read as it was saved,
 * and nothing in it reaches the network. Files beside it (a stylesheet a
 * saved page keeps in its folder) are served from that folder, and only
 * from there.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import type { FillPlan, PlanOptions } from '../../utils/autofill/types';
import { chromiumPath } from './browsers';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** A name no DNS answers: the page is served by the route below, never fetched. */
const ORIGIN = 'https://page.fill-plan.invalid';
/** The window the e2e tests and the demo use. */
const VIEWPORT = { width: 1280, height: 800 };
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff2': 'font/woff2',
};

declare global {
  var __tokenkeepPlanFill: ((doc: Document, options: PlanOptions) => FillPlan) | undefined;
}

async function plannerBundle(): Promise<string> {
  const result = await build({
    stdin: { contents: "import { planFill } from './utils/autofill/plan';\nglobalThis.__tokenkeepPlanFill = planFill;", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface PagePlanner {
  /** The plan for the page in `file`, as the extension makes it in a browser window of 1280 × 800. */
  plan(file: string, options?: PlanOptions): Promise<FillPlan>;
  close(): Promise<void>;
}

export async function openPlanner(): Promise<PagePlanner> {
  const [bundle, browser]: [string, Browser] = await Promise.all([
    plannerBundle(),
    chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    }),
  ]);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORT });
  return {
    async plan(file, options = {}) {
      const dir = path.dirname(path.resolve(file));
      const page = await context.newPage();
      try {
        await page.route('**/*', async (route) => {
          const url = new URL(route.request().url());
          const local = path.join(dir, decodeURIComponent(url.pathname));
          if (url.origin !== ORIGIN || !local.startsWith(dir + path.sep)) return route.abort();
          const body = await readFile(local).catch(() => undefined);
          if (!body) return route.abort();
          const type = TYPES[path.extname(local).toLowerCase()] ?? 'application/octet-stream';
          // A page that names its own charset keeps it (as a saved page does); any other is read as UTF-8, as the e2e pages are served.
          const declared = type === 'text/html' && /<meta[^>]+charset/i.test(body.subarray(0, 1024).toString('latin1'));
          return route.fulfill({ body, contentType: type === 'text/html' && !declared ? 'text/html; charset=utf-8' : type });
        });
        await page.goto(`${ORIGIN}/${encodeURIComponent(path.basename(file))}`);
        await page.evaluate(bundle);
        return await page.evaluate((o) => globalThis.__tokenkeepPlanFill!(document, { ...o, layout: true }), options);
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
