/** Steps the e2e tests share: open a webmail page under its real origin, read the popup, save from the keyboard. */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import type { WebmailId } from '../../../utils/webmail/hosts';
import { originOf, readingUrl } from './webmail';

export async function openWebmailChromium(session: ChromiumSession, id: WebmailId, html: string | ((url: URL) => string)): Promise<PlaywrightPage> {
  const page = await session.newPageServing(originOf(id), html);
  await page.goto(readingUrl(id));
  return page;
}

export async function openWebmailFirefox(session: FirefoxSession, id: WebmailId, html: string | ((url: URL) => string)): Promise<PuppeteerPage> {
  const page = await session.newPageServing(originOf(id), html);
  await page.goto(readingUrl(id));
  return page;
}

const popupReady = () => !!document.querySelector('main') && !document.body.textContent!.includes('Loading');

/** The popup's visible text, read from a fresh popup page. */
export async function popupTextChromium(session: ChromiumSession): Promise<string> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.waitForFunction(popupReady);
  const text = await popup.locator('main').innerText();
  await popup.close();
  return text;
}

export async function popupTextFirefox(session: FirefoxSession): Promise<string> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.waitForFunction(popupReady);
  const text = await popup.evaluate(() => document.body.innerText);
  await popup.close();
  return text;
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

/** Adds a password the way a user does: the row's menu, Edit, the Password field, Save. */
export async function setPasswordChromium(popup: PlaywrightPage, label: string, password: string): Promise<void> {
  await popup.getByRole('button', { name: `More for ${label}` }).click();
  await popup.getByRole('menuitem', { name: 'Edit…' }).click();
  await popup.getByLabel('Password', { exact: true }).fill(password);
  await popup.getByRole('button', { name: 'Save', exact: true }).click();
  await popup.getByRole('status').getByText(`Saved ${label}`).waitFor();
  await popup.getByRole('button', { name: '← Accounts' }).click();
}

export async function setPasswordFirefox(popup: PuppeteerPage, label: string, password: string): Promise<void> {
  await popup.click(`::-p-aria(More for ${label})`);
  await popup.click('::-p-aria([name="Edit…"][role="menuitem"])');
  await popup.waitForSelector('#f-password');
  await popup.type('#f-password', password);
  await popup.click('.account-form button[type="submit"]');
  await popup.waitForFunction((l) => document.querySelector('[role="status"]')?.textContent?.includes(`Saved ${l}`), {}, label);
  await popup.click('::-p-aria(← Accounts)');
}
