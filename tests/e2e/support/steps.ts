/** Steps the shared scenarios take the same way in both browsers, through the driver. */
import { E2E_PASSPHRASE } from '../../../scripts/lib/flows';
import type { Running } from './driver';

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
