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
import { readClipboard } from '../support/clipboard';
import { setupVaultChromium } from '../support/flows';
import { VALUES_SCRIPT } from '../support/forms';
import {
  codePage,
  codesAround,
  daysAgo,
  JWT,
  RECOVER,
  RECOVER_CONFIG,
  SKYTAP_HEADER,
  SKYTAP_PASTE,
  OTHER_KEY,
  JWT_COMMAND,
  mfaSetupPage,
  OAUTH,
  OAUTH_ENV,
  OAUTH_FILL,
  oauthSettingsPage,
  OTPAUTH,
  SFDX_URL,
  TOTP_SECRET,
} from '../support/kinds';
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

const clipboard = (session: ChromiumSession) => readClipboard(() => session.context.newPage());

async function add(popup: Page, pasted: string | undefined, name: string, fill: (popup: Page) => Promise<void> = async () => undefined) {
  // From the details of the one added before, back to the list.
  if (await popup.getByRole('button', { name: '← Accounts' }).count()) await popup.getByRole('button', { name: '← Accounts' }).click();
  await popup.getByRole('button', { name: 'Add', exact: true }).click();
  if (pasted) await popup.getByLabel('Paste a credential').fill(pasted);
  await fill(popup);
  await popup.getByLabel('Name', { exact: true }).fill(name);
  await popup.getByRole('button', { name: 'Add account' }).click();
  await popup.getByRole('heading', { name }).waitFor();
}

describe('credential kinds in Chromium', () => {
  it('adds an SFDX auth URL, an OAuth app, a JWT key and certificate, and a TOTP secret from pasted values, and copies each one’s main format', async () => {
    const { session, popup } = await start();

    await add(popup, SFDX_URL, 'CI sandbox');
    await popup.getByText('https://acme--uat.sandbox.my.salesforce.com').waitFor();
    await popup.getByRole('button', { name: 'Copy SFDX auth URL for CI sandbox' }).click();
    expect(await clipboard(session)).toBe(SFDX_URL);

    await add(popup, undefined, 'Data sync app', async (p) => {
      await p.getByLabel('Kind').selectOption('salesforce-oauth');
      await p.getByLabel('Consumer key').fill(OAUTH.clientId);
      await p.getByLabel('Consumer secret', { exact: true }).fill(OAUTH.clientSecret);
      await p.getByLabel('My Domain URL').fill(OAUTH.myDomain);
    });
    await popup.getByRole('button', { name: 'Copy env block (bash, zsh, fish) for Data sync app' }).click();
    expect(await clipboard(session)).toBe(OAUTH_ENV);

    await add(popup, JWT.privateKey, 'CI deploy', async (p) => {
      expect(await p.getByLabel('Kind').inputValue()).toBe('salesforce-jwt');
      await p.getByLabel('Consumer key').fill(JWT.clientId);
      await p.getByLabel('Username').fill(JWT.username);
      await p.getByLabel('Certificate (PEM, optional)').fill(JWT.certificate);
    });
    // The certificate's subject and expiry, read at save.
    await popup.getByText('CN=tokenkeep-test, O=Acme').waitFor();
    await popup.getByText('Certificate valid until').waitFor();
    await popup.getByRole('button', { name: 'Copy sf org login jwt command for CI deploy' }).click();
    expect(await clipboard(session)).toBe(JWT_COMMAND);

    await add(popup, OTPAUTH, 'MFA user', async (p) => {
      expect(await p.getByLabel('Username').inputValue()).toBe('mfa.user@acme.com');
    });
    await popup
      .getByRole('group', { name: 'Current TOTP code' })
      .getByText(/^\d{3} \d{3}$/)
      .waitFor();
    await popup.getByRole('button', { name: 'Copy current code for MFA user' }).click();
    expect(codesAround()).toContain(await clipboard(session));
  });

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

  it('adds Skytap from a pasted env block and copies its Basic header, shows an Own token’s expiry on day 166, and recovers a token from password+token', async () => {
    const { session, popup } = await start();

    await add(popup, SKYTAP_PASTE, 'Skytap lab', async (p) => {
      expect(await p.getByLabel('Kind').inputValue()).toBe('skytap');
    });
    await popup.getByRole('button', { name: 'Copy Authorization header for Skytap lab' }).click();
    expect(await clipboard(session)).toBe(SKYTAP_HEADER);

    await add(popup, undefined, 'Own EMEA', async (p) => {
      await p.getByLabel('Kind').selectOption('own');
      await p.getByLabel('API token', { exact: true }).fill('own-e2e-api-token-0123456789');
      await p.getByLabel('Region').fill('emea1');
      await p.getByLabel('Token made on').fill(daysAgo(166));
    });
    await popup.getByText('Expires in 14 days').first().waitFor();

    await add(popup, undefined, 'Legacy integration', async (p) => {
      await p.getByLabel('Username').fill(RECOVER.username);
      await p.getByLabel('Password', { exact: true }).fill(RECOVER.password);
    });
    await popup.getByRole('button', { name: 'Edit…' }).click();
    await popup.getByText('Lost the security token? Find it in an old password+token').click();
    const pasted = popup.getByLabel('Paste the password+token string, or the config line it is in');
    await pasted.fill(`${RECOVER.password.slice(1)}${RECOVER.token}`);
    await popup.getByText('This does not start with the account’s password').waitFor();
    await pasted.fill(RECOVER_CONFIG);
    await popup.getByRole('status').getByText(RECOVER.token).waitFor();
    await popup.getByRole('button', { name: 'Use this security token' }).click();
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByRole('heading', { name: 'Legacy integration' }).waitFor();
    const saved = await accountNamed((m) => sendOk(popup, m), 'Legacy integration');
    expect(saved.fields.token).toBe(RECOVER.token);
    expect(saved.notes).toMatch(/^Security token recovered from a password\+token string on \d{4}-\d{2}-\d{2}\.$/);
  });
});
