/** User flows the demo, the benchmark and the e2e tests share. */
import type { ChromiumSession } from './chromium';
import type { FirefoxSession } from './firefox';

/** The token email the demo and the README's banner picture show. */
export const DEMO_EMAIL = {
  username: 'alex.admin@acme-corp.com',
  token: 'Rq7vTz2KmW9pLx4NcB8hYd3F',
  from: 'support@emea.salesforce.com',
  fromName: 'Salesforce',
  date: 'Mon, Nov 23, 2026, 9:14 AM',
};

/**
 * Gmail with a conversation open, as its address reads then: the thread id ends the hash. The
 * content script watches only where a webmail shows mail, and for Gmail that means an open conversation.
 */
export const GMAIL_CONVERSATION_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmqfsPHBNRvXwkNnSVvp';

/** The passphrase scripted sessions use; real users choose their own. */
export const E2E_PASSPHRASE = 'e2e correct horse battery staple';

/** First run, as a user does it: the popup asks for a passphrase twice. */
export async function setupVaultChromium(session: ChromiumSession, passphrase = E2E_PASSPHRASE): Promise<void> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await popup.getByLabel('Repeat passphrase').fill(passphrase);
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await popup.getByText('No accounts yet').waitFor({});
  await popup.close();
}

export async function setupVaultFirefox(session: FirefoxSession, passphrase = E2E_PASSPHRASE): Promise<void> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.waitForSelector('#setup-pass');
  await popup.type('#setup-pass', passphrase);
  await popup.type('#setup-repeat', passphrase);
  await popup.click('button[type="submit"]');
  await popup.waitForFunction(() => document.body.textContent!.includes('No accounts yet'));
  await popup.close();
}
