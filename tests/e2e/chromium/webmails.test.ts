import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bannerText, clickBanner } from '../../../scripts/lib/banner-chromium';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startChromium } from '../support/launch';
import type { WebmailId } from '../../../utils/webmail/hosts';
import { gmailPage, tokenEmailHtml } from '../../fixtures/pages';
import { openWebmailChromium, popupTextChromium, setupVaultChromium, tabToBanner } from '../support/flows';
import { quietPeriod } from '../support/launch';
import { readingUrl, suspectThenControl, tokenPage } from '../support/webmail';

let session: ChromiumSession;
beforeEach(async () => {
  session = await startChromium();
  await setupVaultChromium(session);
});
afterEach(async () => {
  await session?.close();
});

const open = (id: WebmailId, html: string) => openWebmailChromium(session, id, html);
const accountsInPopup = () => popupTextChromium(session);

/** What these take from Chromium alone: the closed banner's text read through CDP, a reload, one origin serving pages in turn. The rest is in ../shared/webmails.test.ts. */
describe('capture across webmails in Chromium', () => {
  it('saves a thread of two token emails together: the newer is current, the older goes to the history', async () => {
    const older = 'Od4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const newer = 'Nw4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const page = await open(
      'gmail',
      gmailPage({
        subject: 'Your new Salesforce security token',
        messages: [
          {
            from: 'support@salesforce.com',
            date: 'Mon, Nov 2, 2026, 9:14 AM',
            bodyHtml: tokenEmailHtml({ username: 'thread@acme.example.com', token: older }),
          },
          {
            from: 'support@salesforce.com',
            date: 'Fri, Nov 20, 2026, 9:14 AM',
            bodyHtml: tokenEmailHtml({ username: 'thread@acme.example.com', token: newer }),
          },
        ],
      }),
    );
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    expect(await bannerText(page)).toContain('1 older token in this thread will be kept in the history');
    await clickBanner(page, 'button.save');
    await expect.poll(() => bannerText(page)).toContain('Saved');
    const popup = await session.openExtensionPage('popup.html');
    // The list carries no secrets; the account itself (as the edit form loads it) does.
    const accounts = await popup.evaluate(async () => {
      const list = (await chrome.runtime.sendMessage({ type: 'accounts.list' })) as { data: { accounts: Array<{ id: string }> } };
      return Promise.all(
        list.data.accounts.map(
          async ({ id }) =>
            (
              (await chrome.runtime.sendMessage({ type: 'account.get', id })) as {
                data: { account: { fields: { token: string }; history: Array<{ value: string }> } };
              }
            ).data.account,
        ),
      );
    });
    expect(accounts.map((a) => [a.fields.token, a.history.map((h) => h.value)])).toEqual([[newer, [older]]]);
  });

  it('does not offer a saved or dismissed token again, even after a reload', async () => {
    const seen = { username: 'seen@acme.example.com', token: 'Sn4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    const control = { username: 'control@acme.example.com', token: 'Ct4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    let loads = 0;
    // After the reload the thread has grown: the dismissed email, then a new one.
    await session.serve('https://mail.google.com', () =>
      loads++ === 0
        ? tokenPage('gmail', seen.username, seen.token)
        : suspectThenControl('gmail', { from: 'support@salesforce.com', bodyHtml: tokenEmailHtml(seen) }, control),
    );
    const page = await session.context.newPage();
    await page.goto(readingUrl('gmail'));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    await clickBanner(page, 'button.dismiss');
    await page.locator('tokenkeep-banner').waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    expect(await bannerText(page)).toContain(control.username);
    expect(await accountsInPopup()).toContain('No accounts yet');
  });

  it('dismisses on Escape from the keyboard', async () => {
    const page = await open('outlook', tokenPage('outlook', 'esc@acme.example.com', 'Es4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    await tabToBanner(page);
    await page.keyboard.press('Escape');
    await page.locator('tokenkeep-banner').waitFor({ state: 'detached' });
  });

  it('stays silent on a webmail where capture is turned off in settings', async () => {
    // How long a banner takes to appear on this machine, on a webmail that is still on.
    const started = Date.now();
    const outlook = await open('outlook', tokenPage('outlook', 'on@acme.example.com', 'On4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await outlook.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    const bannerMs = Date.now() - started;

    const options = await session.openExtensionPage('options.html', { width: 800, height: 800 });
    await options.getByRole('checkbox', { name: /Gmail/ }).uncheck();
    await expect
      .poll(() => session.serviceWorker.evaluate(() => chrome.storage.local.get('settings')))
      .toMatchObject({ settings: { capture: { gmail: false } } });
    const page = await open('gmail', tokenPage('gmail', 'off@acme.example.com', 'Of4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    // Nothing to wait for when nothing should happen: give it five times what a banner took just now.
    await page.waitForTimeout(quietPeriod(bannerMs));
    expect(await page.locator('tokenkeep-banner').count()).toBe(0);
    // Turning it back on takes effect on the open page.
    await options.getByRole('checkbox', { name: /Gmail/ }).check();
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
  });
});
