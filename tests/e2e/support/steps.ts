/** Steps the shared scenarios take the same way in both browsers, through the driver. */
import { afterAll } from 'vitest';
import { E2E_PASSPHRASE } from '../../../scripts/lib/flows';
import { RESET_CONFIRMATION } from '../../../utils/protocol/messages';
import type { Driver, Running, StartOptions } from './driver';

/** First run, as a user does it: the popup asks for a passphrase twice. Leaves the popup open on the empty list. */
export async function setUpVault(b: Running, passphrase = E2E_PASSPHRASE) {
  const popup = await b.extensionPage('popup.html');
  await popup.fill('#setup-pass', passphrase);
  await popup.fill('#setup-repeat', passphrase);
  await popup.click({ role: 'button', name: 'Create vault' });
  await popup.showsText('No accounts yet');
  return popup;
}

/** The popup's visible text, read from a fresh popup page. */
export async function popupText(b: Running): Promise<string> {
  const popup = await b.popup();
  const text = await popup.text();
  await popup.close();
  return text;
}

/**
 * One browser for a test file, and a first run for each scenario: the first
 * call starts the browser, each later one resets the vault (as a user starts
 * over in the options) and forgets the settings. Most of a short scenario's
 * time would otherwise be the browser starting.
 */
export function firstRuns(driver: Driver, options?: StartOptions): () => Promise<Running> {
  let running: Running | undefined;
  afterAll(() => running?.close());
  return async () => {
    if (!running) return (running = await driver.start(options));
    const page = await running.extensionPage('options.html');
    const reply = await page.request({ type: 'vault.reset', confirm: RESET_CONFIRMATION });
    if (!reply.ok) throw new Error(`reset: ${reply.error?.message}`);
    await page.evaluate(() => chrome.storage.local.remove('settings'), undefined);
    await page.close();
    return running;
  };
}
