/**
 * The kinds that outlive SOAP login(), through the real popup, background,
 * IndexedDB and clipboard, in Chromium and in Firefox alike: added from a
 * pasted value or typed in, copied, and a lost token found again.
 */
import { describe, expect, it } from 'vitest';
import { accountNamed } from '../support/accounts';
import { VALUES_SCRIPT } from '../support/forms';
import { inputFromFlat } from '../../../utils/vault/flat';
import type { Running, Tab } from '../support/driver';
import { driver } from '../support/drivers';
import {
  codesAround,
  daysAgo,
  JWT,
  JWT_COMMAND,
  mfaSetupPage,
  OAUTH,
  OAUTH_FILL,
  oauthSettingsPage,
  OTHER_KEY,
  codePage,
  TOTP_SECRET,
  OAUTH_ENV,
  OTPAUTH,
  RECOVER,
  RECOVER_CONFIG,
  SFDX_URL,
  SKYTAP_HEADER,
  SKYTAP_PASTE,
} from '../support/kinds';
import { firstRuns, requestOk, saveAccounts, setUpVault } from '../support/steps';

const browser = await driver();
// One browser for the file, on a screen where Firefox needs one for the toolbar popup over a page; a reset per scenario.
const firstRun = firstRuns(browser, { uses: { toolbarPopup: true } });

async function start(): Promise<{ b: Running; popup: Tab }> {
  const b = await firstRun();
  return { b, popup: await setUpVault(b) };
}

/** The add form, from the list (or from the details of the one added before): the steps, a name, Add account. */
async function add(popup: Tab, name: string, steps: () => Promise<void>) {
  if (await popup.count('button.back')) await popup.click('button.back');
  await popup.click({ role: 'button', name: 'Add' });
  await popup.waitFor('#f-paste');
  await steps();
  await popup.fill('#f-label', name);
  await popup.click({ role: 'button', name: 'Add account' });
  await popup.waitFor({ role: 'heading', name });
}

const kindShown = (popup: Tab) => popup.evaluate(() => (document.querySelector('#f-kind') as HTMLSelectElement).value, undefined);

/** Copies with the named button, and waits for the clipboard to hold what it should. */
async function copies(b: Running, popup: Tab, button: string, expected: string | ((text: string) => boolean)) {
  await popup.click({ role: 'button', name: button });
  if (typeof expected === 'string') await expect.poll(() => b.clipboard()).toBe(expected);
  else await expect.poll(async () => expected(await b.clipboard())).toBe(true);
}

describe(`credential kinds in ${browser.name}`, () => {
  it('adds an SFDX auth URL, an OAuth app, a JWT key and certificate, and a TOTP secret from pasted values, and copies each one’s main format', async () => {
    const { b, popup } = await start();

    await add(popup, 'CI sandbox', () => popup.fill('#f-paste', SFDX_URL));
    await popup.showsText('https://acme--uat.sandbox.my.salesforce.com');
    await copies(b, popup, 'Copy SFDX auth URL for CI sandbox', SFDX_URL);

    await add(popup, 'Data sync app', async () => {
      await popup.select('#f-kind', 'salesforce-oauth');
      await popup.fill('#f-clientId', OAUTH.clientId);
      await popup.fill('#f-clientSecret', OAUTH.clientSecret);
      await popup.fill('#f-myDomain', OAUTH.myDomain);
    });
    await copies(b, popup, 'Copy env block (bash, zsh, fish) for Data sync app', OAUTH_ENV);

    await add(popup, 'CI deploy', async () => {
      await popup.fill('#f-paste', JWT.privateKey);
      await expect.poll(() => kindShown(popup)).toBe('salesforce-jwt');
      await popup.fill('#f-clientId', JWT.clientId);
      await popup.fill('#f-username', JWT.username);
      await popup.fill('#f-certificate', JWT.certificate);
    });
    // The certificate's subject and expiry, read at save.
    await popup.showsText('CN=tokenkeep-test, O=Acme');
    await popup.showsText('Certificate valid until');
    await copies(b, popup, 'Copy sf org login jwt command for CI deploy', JWT_COMMAND);

    await add(popup, 'MFA user', async () => {
      await popup.fill('#f-paste', OTPAUTH);
      await expect.poll(() => popup.evaluate(() => (document.querySelector('#f-username') as HTMLInputElement).value, undefined)).toBe('mfa.user@acme.com');
    });
    await expect.poll(() => popup.evaluate(() => document.querySelector('.totp-code')?.textContent ?? '', undefined)).toMatch(/^\d{3} \d{3}$/);
    await copies(b, popup, 'Copy current code for MFA user', (text) => codesAround().includes(text));
  });

  it('adds Skytap from a pasted env block and copies its Basic header, shows an Own token’s expiry on day 166, and recovers a token from password+token', async () => {
    const { b, popup } = await start();

    await add(popup, 'Skytap lab', async () => {
      await popup.fill('#f-paste', SKYTAP_PASTE);
      await expect.poll(() => kindShown(popup)).toBe('skytap');
    });
    await copies(b, popup, 'Copy Authorization header for Skytap lab', SKYTAP_HEADER);

    await add(popup, 'Own EMEA', async () => {
      await popup.select('#f-kind', 'own');
      await popup.fill('#f-token', 'own-e2e-api-token-0123456789');
      await popup.fill('#f-region', 'emea1');
      await popup.fill('#f-tokenCreated', daysAgo(166));
    });
    await popup.showsText('Expires in 14 days');

    await add(popup, 'Legacy integration', async () => {
      await popup.fill('#f-username', RECOVER.username);
      await popup.fill('#f-password', RECOVER.password);
    });
    await popup.click({ role: 'button', name: 'Edit…' });
    await popup.click('.recover > summary');
    await popup.fill('#f-recover', `${RECOVER.password.slice(1)}${RECOVER.token}`);
    await popup.showsText('This does not start with the account’s password');
    await popup.fill('#f-recover', RECOVER_CONFIG);
    await popup.waitFor({ role: 'button', name: 'Use this security token' });
    await popup.showsText(RECOVER.token);
    await popup.click({ role: 'button', name: 'Use this security token' });
    await popup.click('.account-form button[type="submit"]');
    await popup.waitFor({ role: 'heading', name: 'Legacy integration' });
    const saved = await accountNamed((m) => requestOk(popup, m), 'Legacy integration');
    expect(saved.fields.token).toBe(RECOVER.token);
    expect(saved.notes).toMatch(/^Security token recovered from a password\+token string on \d{4}-\d{2}-\d{2}\.$/);
  });

  it('refuses a JWT key that does not belong to its certificate, and keeps nothing', async () => {
    const { popup } = await start();
    await popup.click({ role: 'button', name: 'Add' });
    await popup.fill('#f-paste', JWT.certificate);
    await popup.fill('#f-clientId', JWT.clientId);
    await popup.fill('#f-username', JWT.username);
    await popup.fill('#f-privateKey', OTHER_KEY);
    await popup.click({ role: 'button', name: 'Add account' });
    await popup.showsText('does not belong to this certificate');
    expect((await popup.request({ type: 'accounts.list' })).data).toMatchObject({ accounts: [] });
  });

  /** A browser whose toolbar popup can open over a page, with a vault holding `accounts` (the popped-out popup opens on its list). */
  async function withAccounts(...accounts: Array<Record<string, unknown>>): Promise<Running> {
    const { b, popup } = await start();
    await saveAccounts(
      popup,
      accounts.map((flat) => inputFromFlat(flat as never)),
    );
    await popup.close();
    return b;
  }

  it('reads an authenticator QR code off the page and keeps its secret', async () => {
    const b = await withAccounts({ kind: 'other', label: 'Kept before', username: 'kept@acme.example', password: 'pw' });
    const page = await b.site('https://acme.my.salesforce.com/_ui/identity/totp/ManageTotpEmail', await mfaSetupPage());
    const popup = await page.toolbarPopup();
    await popup.click({ role: 'button', name: 'Add' });
    await popup.click({ role: 'button', name: 'Scan QR code on this page' });
    await popup.showsText('Recognised: Salesforce.');
    expect(await popup.evaluate(() => (document.querySelector('#f-username') as HTMLInputElement).value, undefined)).toBe('scan.user@acme.com');
    await popup.fill('#f-label', 'Scanned');
    await popup.click({ role: 'button', name: 'Add account' });
    await popup.waitFor({ role: 'heading', name: 'Scanned' });
    expect((await accountNamed((m) => requestOk(popup, m), 'Scanned')).fields.totp).toBe(TOTP_SECRET);
    await popup.close();
    await page.close();
  });

  it("fills a connector's OAuth settings with the consumer key and secret, and a code page with the current code", async () => {
    const b = await withAccounts(
      { kind: 'salesforce-oauth', label: 'Sync app', ...OAUTH_FILL, sites: ['https://datasync.example'] },
      { kind: 'salesforce', label: 'MFA user', username: 'mfa.user@acme.com', password: 'pw', totp: TOTP_SECRET, sites: ['https://login.salesforce.com'] },
    );
    const settings = await b.site('https://datasync.example/connectors/salesforce', oauthSettingsPage());
    let popup = await settings.toolbarPopup();
    await popup.click({ role: 'button', name: 'Fill Sync app on datasync.example' });
    await expect
      .poll(() => settings.evaluate(VALUES_SCRIPT, undefined))
      .toMatchObject({ consumerKey: OAUTH_FILL.clientId, consumerSecret: OAUTH_FILL.clientSecret, callback: 'https://connector.example/oauth/callback' });
    // A popped-out window left open would be in front of the next page.
    await popup.close();
    await settings.close();

    const verify = await b.site('https://login.salesforce.com/_ui/identity/verification/method/EmailVerificationFinishUi', codePage());
    popup = await verify.toolbarPopup();
    await popup.click({ role: 'button', name: 'Fill MFA user on login.salesforce.com' });
    await expect.poll(async () => codesAround().includes((await verify.evaluate(VALUES_SCRIPT, undefined)).emc ?? '')).toBe(true);
    await popup.close();
    await verify.close();
  });
});
