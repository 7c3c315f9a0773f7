/** Chrome's permission prompt, answered with the keyboard as a user would. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { VirtualDisplay } from '../../../scripts/lib/display';

/**
 * Asks (a click in `page`), then answers Chrome's prompt with Tab and Return.
 * The prompt is drawn inside the browser window, with nothing a test can wait
 * for, so keys that reach the page instead (the prompt not up yet) are
 * swallowed there, and the keys are pressed again until Chrome has granted.
 * A Return that came before Tab reached the prompt answers Deny: `askAgain`
 * then asks once more, where the page says it was refused.
 */
export async function allowInChromePrompt(
  screen: VirtualDisplay,
  page: Page,
  { ask, granted, askAgain }: { ask(): Promise<void>; granted(): Promise<boolean>; askAgain(): Promise<void> },
) {
  await page.evaluate(() => document.addEventListener('keydown', (e) => e.preventDefault(), true));
  await ask();
  await expect
    .poll(
      async () => {
        if (await granted()) return true;
        await askAgain();
        // The prompt starts on Deny; Tab moves to Allow. It ignores keys for a moment after it opens, hence the pace.
        screen.pressHere('Tab');
        screen.pressHere('Return');
        return granted();
      },
      { interval: 1000 },
    )
    .toBe(true);
}
