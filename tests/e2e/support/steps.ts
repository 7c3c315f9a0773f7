/** Steps the shared scenarios take the same way in both browsers, through the driver. */
import { afterAll } from 'vitest';
import { E2E_PASSPHRASE } from '../../../scripts/lib/flows';
import { RESET_CONFIRMATION } from '../../../utils/protocol/messages';
import type { Driver, Running, StartOptions, Tab } from './driver';

/** First run, as a user does it: the popup asks for a passphrase twice. Leaves the popup open on the empty list. */
export async function setUpVault(b: Running, passphrase = E2E_PASSPHRASE) {
  const popup = await b.extensionPage('popup.html');
  await popup.fill('#setup-pass', passphrase);
  await popup.fill('#setup-repeat', passphrase);
  await popup.click({ role: 'button', name: 'Create vault' });
  await popup.showsText('No accounts yet');
  return popup;
}

/** Sends a protocol request from an extension page, and fails with the background's message on an error reply. */
export async function requestOk(page: Tab, message: unknown) {
  const reply = await page.request(message);
  if (!reply.ok) throw new Error(`${(message as { type?: string }).type}: ${reply.error?.message}`);
  return reply.data;
}

/** Saves each account through the protocol, as the popup's edit form sends it. */
export async function saveAccounts(page: Tab, accounts: unknown[]): Promise<void> {
  for (const account of accounts) await requestOk(page, { type: 'account.save', account });
}

/** A new vault holding `accounts`, and the popped-out popup drawn with them (opened again, as a user would after saving). */
export async function popupWith(b: Running, accounts: Array<{ label: string }>): Promise<Tab> {
  await (await setUpVault(b)).close();
  const saving = await b.extensionPage('popup.html?window', { width: 380, height: 640 });
  await saveAccounts(saving, accounts);
  await saving.close();
  const popup = await b.extensionPage('popup.html?window', { width: 380, height: 640 });
  await popup.waitFor({ role: 'button', name: `More for ${accounts[0]!.label}` });
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
    await requestOk(page, { type: 'vault.reset', confirm: RESET_CONFIRMATION });
    await page.evaluate(() => chrome.storage.local.remove('settings'), undefined);
    await page.close();
    return running;
  };
}
