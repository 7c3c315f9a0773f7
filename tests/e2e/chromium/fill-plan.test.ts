/** The fill-plan CLI (`npm run fill-plan`) against Chromium: one planner, laid out by the CLI's page and by the browser's own. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPlanner } from '../../../scripts/lib/plan-in-chromium';
import type { FillPlan } from '../../../utils/autofill/types';
import { form } from '../support/forms';
import { startChromium } from '../support/launch';
import { extensionDir, ROOT } from '../support/paths';
import { trackedSessions } from '../support/sessions';

const tracked = trackedSessions(startChromium);

describe('fill-plan and Chromium', () => {
  it('give the same plan for every form fixture: the CLI lays the page out as the browser does', async () => {
    const session = await tracked.start();
    const filler = path.join(extensionDir('chrome'), 'autofill.js');
    const dir = path.join(ROOT, 'tests/fixtures/forms');
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    const essentials = (p: Pick<FillPlan, 'step' | 'hasTokenField' | 'fields' | 'notes'>) => ({
      step: p.step,
      hasTokenField: p.hasTokenField,
      fields: p.fields.map((f) => `${f.role} ${f.selector}`),
      notes: p.notes,
    });
    // What `npm run fill-plan` runs, one browser for every file.
    const cli = await openPlanner();
    try {
      for (const file of files) {
        const page = await session.newPageServing('https://forms.example', form(file));
        await page.goto(`https://forms.example/${file}`);
        // The extension's own filler script, run in the page: the planner as the extension ships it, with real layout.
        await page.addScriptTag({ path: filler });
        const inBrowser = await page.evaluate(
          () => (globalThis as unknown as { __tokenkeepAutofill: { plan(o: object): { plan: FillPlan } } }).__tokenkeepAutofill.plan({}).plan,
        );
        expect(essentials(await cli.plan(path.join(dir, file))), file).toEqual(essentials(inBrowser));
        await page.close();
      }
    } finally {
      await cli.close();
    }
    expect(files.length).toBeGreaterThanOrEqual(32);
  });
});
