/**
 * The kinds that outlive SOAP login(), through the real popup, background,
 * IndexedDB and clipboard: added from a pasted value, copied, scanned from
 * a QR code, and filled into a connector's settings and a code page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { sendOk } from '../../../scripts/lib/messaging';
import { inputFromFlat } from '../../../utils/vault/flat';
import { accountNamed } from '../support/accounts';
import { setupVaultChromium } from '../support/flows';
import { VALUES_SCRIPT } from '../support/forms';
import { codePage, codesAround, JWT, OTHER_KEY, mfaSetupPage, OAUTH_FILL, oauthSettingsPage, TOTP_SECRET } from '../support/kinds';
import { startChromium } from '../support/launch';
import { trackedSessions } from '../support/sessions';

const tracked = trackedSessions(startChromium);

async function start(): Promise<{ session: ChromiumSession; popup: Page }> {
  const session = await tracked.start();
  await setupVaultChromium(session);
  const popup = await session.openExtensionPage('popup.html');
  await popup.getByText('No accounts yet').waitFor();
  return { session, popup };
}

describe('credential kinds in Chromium', () => {
  it('refuses a JWT key that does not belong to its certificate, and keeps nothing', async () => {
    const { popup } = await start();
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByLabel('Paste a credential').fill(JWT.certificate);
    await popup.getByLabel('Consumer key').fill(JWT.clientId);
    await popup.getByLabel('Username').fill(JWT.username);
    await popup.getByLabel('Private key (PEM)', { exact: true }).fill(OTHER_KEY);
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup
      .getByRole('status')
      .getByText(/does not belong to this certificate/)
      .waitFor();
    expect((await sendOk(popup, { type: 'accounts.list' })) as { accounts: unknown[] }).toMatchObject({ accounts: [] });
  });

  it('reads an authenticator QR code off the page and keeps its secret', async () => {
    const { session, popup } = await start();
    await popup.close();
    const page = await session.newPageServing('https://acme.my.salesforce.com', await mfaSetupPage());
    await page.goto('https://acme.my.salesforce.com/_ui/identity/totp/ManageTotpEmail');
    await session.clickAction(page);
    const window = await session.popOut();
    await window.getByRole('button', { name: 'Add', exact: true }).click();
    await window.getByRole('button', { name: 'Scan QR code on this page' }).click();
    await window.getByText('Recognised: Salesforce.').waitFor();
    expect(await window.getByLabel('Username').inputValue()).toBe('scan.user@acme.com');
    await window.getByLabel('Name', { exact: true }).fill('Scanned');
    await window.getByRole('button', { name: 'Add account' }).click();
    await window.getByRole('heading', { name: 'Scanned' }).waitFor();
    expect((await accountNamed((m) => sendOk(window, m), 'Scanned')).fields.totp).toBe(TOTP_SECRET);
  });

  it("fills a connector's OAuth settings with the consumer key and secret, and a code page with the current code", async () => {
    const { session, popup } = await start();
    await sendOk(popup, {
      type: 'account.save',
      account: inputFromFlat({ kind: 'salesforce-oauth', label: 'Sync app', ...OAUTH_FILL, sites: ['https://datasync.example'] }),
    });
    await sendOk(popup, {
      type: 'account.save',
      account: inputFromFlat({
        kind: 'salesforce',
        label: 'MFA user',
        username: 'mfa.user@acme.com',
        password: 'pw',
        totp: TOTP_SECRET,
        sites: ['https://login.salesforce.com'],
      }),
    });
    await popup.close();

    const settings = await session.newPageServing('https://datasync.example', oauthSettingsPage());
    await settings.goto('https://datasync.example/connectors/salesforce');
    await session.clickAction(settings);
    let window = await session.popOut();
    await window.getByRole('button', { name: 'Fill Sync app on datasync.example' }).click();
    await expect
      .poll(() => settings.evaluate(VALUES_SCRIPT))
      .toMatchObject({ consumerKey: OAUTH_FILL.clientId, consumerSecret: OAUTH_FILL.clientSecret, callback: 'https://connector.example/oauth/callback' });
    await window.close();

    const verify = await session.newPageServing('https://login.salesforce.com', codePage());
    await verify.goto('https://login.salesforce.com/_ui/identity/verification/method/EmailVerificationFinishUi');
    await session.clickAction(verify);
    window = await session.popOut();
    await window.getByRole('button', { name: 'Fill MFA user on login.salesforce.com' }).click();
    await expect.poll(async () => codesAround().includes(((await verify.evaluate(VALUES_SCRIPT)) as Record<string, string>).emc ?? '')).toBe(true);
  });
});
