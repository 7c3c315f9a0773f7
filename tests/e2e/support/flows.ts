/** What the drivers and the browser-only files build on: a webmail page opened under its real origin, the banner reached and saved from the keyboard. */
import type { WebmailId } from '../../../utils/webmail/hosts';
import { originOf, readingUrl } from './webmail';

/** A webmail page served under the webmail's real origin and opened at a mail route, in either browser's session. */
export async function openWebmail<P extends { goto(url: string): Promise<unknown> }>(
  session: { newPageServing(origin: string, html: string | ((url: URL) => string)): Promise<P> },
  id: WebmailId,
  html: string | ((url: URL) => string),
): Promise<P> {
  const page = await session.newPageServing(originOf(id), html);
  await page.goto(readingUrl(id));
  return page;
}

interface KeyboardPage {
  bringToFront(): Promise<void>;
  evaluate<T>(fn: () => T): Promise<T>;
  keyboard: { press(key: 'Enter' | 'Tab'): Promise<void> };
}

/**
 * Tabs to the banner as a keyboard user does (Save is its first button), a
 * press at a time until the page says focus is on it. Focus a script moves
 * there does not count, so the tests never move it that way.
 */
export async function tabToBanner(page: KeyboardPage): Promise<void> {
  await page.bringToFront();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.tagName === 'TOKENKEEP-BANNER')) return;
  }
  throw new Error('Tab never reached the banner');
}

/** Saves the way a keyboard user does: Tab to Save, then Enter. */
export async function saveWithKeyboard(page: KeyboardPage): Promise<void> {
  await tabToBanner(page);
  await page.keyboard.press('Enter');
}

export { E2E_PASSPHRASE, setupVaultChromium, setupVaultFirefox } from '../../../scripts/lib/flows';
