/**
 * The kinds that outlive SOAP login(), in Firefox: added from a pasted
 * value and copied to the real clipboard, a TOTP code copied, a QR code
 * read off a page, and a connector's settings and a code page filled.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { inputFromFlat } from '../../../utils/vault/flat';
import { accountNamed } from '../support/accounts';
import { firefoxPopup } from '../support/firefox-popup';
import { setupVaultFirefox } from '../support/flows';
import { VALUES_SCRIPT } from '../support/forms';
import { codePage, codesAround, mfaSetupPage, OAUTH_FILL, oauthSettingsPage, TOTP_SECRET } from '../support/kinds';
import { openMenuOn } from '../support/keys';
import { startFirefox } from '../support/launch';

let screen: VirtualDisplay;
let session: FirefoxSession;
const { open, popOutOver } = firefoxPopup(
  () => session,
  () => screen,
);

beforeAll(async () => {
  screen = await startDisplay();
  // Visible, on the virtual screen: the popup's shortcut is what grants activeTab for the scan and the fill.
  session = await startFirefox({ headless: false, env: { DISPLAY: screen.display } });
  await setupVaultFirefox(session);
  // An account already kept: the popup then opens on its list, with the search box the popped-out window waits for.
  const page = await session.openExtensionPage('popup.html');
  const saved = await page.evaluate(
    (account) => chrome.runtime.sendMessage({ type: 'account.save', account }),
    inputFromFlat({ kind: 'other', label: 'Kept before', username: 'kept@acme.example', password: 'pw' }),
  );
  expect(saved).toMatchObject({ ok: true });
  await page.close();
});
afterAll(async () => {
  await session?.close();
  await screen?.close();
});

const send = (page: Page, message: unknown) => page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<{ ok: boolean; data: any }>;
const request = (page: Page) => async (message: unknown) => (await send(page, message)).data;

async function fill(page: Page, selector: string, value: string) {
  await page.$eval(
    selector,
    (el, v) => {
      const field = el as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
      field.value = v;
      field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    },
    value,
  );
}

describe('credential kinds in Firefox', () => {
  it('reads an authenticator QR code off the page and keeps its secret', async () => {
    const page = await open('https://scan.my.salesforce.com/_ui/identity/totp/ManageTotpEmail', await mfaSetupPage());
    const popup = await popOutOver(page);
    await popup.click('.header-actions button ::-p-text(Add)');
    await popup.click('button ::-p-text(Scan QR code on this page)');
    await popup.waitForSelector('::-p-text(Recognised: Salesforce.)');
    expect(await popup.$eval('#f-username', (el) => (el as HTMLInputElement).value)).toBe('scan.user@acme.com');
    await fill(popup, '#f-label', 'Scanned');
    await popup.click('button[type="submit"]');
    await popup.waitForSelector('#details-title ::-p-text(Scanned)');
    expect((await accountNamed(request(popup), 'Scanned')).fields.totp).toBe(TOTP_SECRET);
    await popup.close();
    await page.close();
  });

  it("fills a connector's OAuth settings with the consumer key and secret, and a code page with the current code", async () => {
    const setup = await session.openExtensionPage('popup.html');
    expect(
      await send(setup, {
        type: 'account.save',
        account: inputFromFlat({ kind: 'salesforce-oauth', label: 'Sync app', ...OAUTH_FILL, sites: ['https://datasync.example'] }),
      }),
    ).toMatchObject({ ok: true });
    expect(
      await send(setup, {
        type: 'account.save',
        account: inputFromFlat({
          kind: 'salesforce',
          label: 'Code user',
          username: 'code.user@acme.com',
          password: 'pw',
          totp: TOTP_SECRET,
          sites: ['https://login.salesforce.com'],
        }),
      }),
    ).toMatchObject({ ok: true });
    await setup.close();

    const settings = await open('https://datasync.example/connectors/salesforce', oauthSettingsPage());
    let popup = await popOutOver(settings);
    await popup.click('button[aria-label="Fill Sync app on datasync.example"]');
    await expect.poll(() => settings.evaluate(VALUES_SCRIPT)).toMatchObject({ consumerKey: OAUTH_FILL.clientId, consumerSecret: OAUTH_FILL.clientSecret });
    await popup.close();
    await settings.close();

    const verify = await open('https://login.salesforce.com/_ui/identity/verification/method/EmailVerificationFinishUi', codePage());
    popup = await popOutOver(verify);
    await popup.click('button[aria-label="Fill Code user on login.salesforce.com"]');
    await expect.poll(async () => codesAround().includes(((await verify.evaluate(VALUES_SCRIPT)) as Record<string, string>).emc ?? '')).toBe(true);
    await popup.close();
    await verify.close();
  });

  it('"Save to Tokenkeep…" in the context menu of a password field opens the add form with its value, kind recognised and the page recorded', async () => {
    const key = `ghp_${'Fx7s'.repeat(9)}`;
    const page = await open(
      'https://apps.example/settings/tokens',
      `<!doctype html><p>Your new token is shown once:</p><input id="shown" type="password" value="${key}">`,
    );
    await page.focus('#shown');
    // Puppeteer over BiDi lists the new window's page as about:blank: it is the page created after the click.
    const created = new Promise<Page>((resolve) => session.browser.once('targetcreated', (t) => void t.page().then((p) => p && resolve(p))));
    // Firefox's own menu, from the keyboard: the Menu key, then up from the top to its last item, the add-on's.
    await openMenuOn(screen, page);
    screen.pressHere('Up');
    screen.pressHere('Return');
    const form = await created;
    await form.waitForSelector('::-p-text(Saved from https://apps.example.)');
    expect(await form.$eval('#f-kind', (el) => (el as HTMLSelectElement).value)).toBe('github');
    await fill(form, '#f-label', 'Saved token');
    await form.click('button[type="submit"]');
    await form.waitForSelector('#details-title ::-p-text(Saved token)');
    expect(await accountNamed(request(form), 'Saved token')).toMatchObject({ fields: { token: key }, savedFrom: 'https://apps.example' });
    await form.close();
    await page.close();
  });
});
