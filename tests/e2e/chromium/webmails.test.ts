import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bannerText, clickBanner } from '../../../scripts/lib/banner-chromium';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startChromium } from '../support/launch';
import type { WebmailId } from '../../../utils/webmail/hosts';
import { gmailPage, tokenEmailHtml } from '../../fixtures/pages';
import { openWebmailChromium, popupTextChromium, setupVaultChromium, tabToBanner } from '../support/flows';
import { quietPeriod } from '../support/launch';
import { driftedSpoofThread, driftedTokenPage, hugeThenTokenPage, readingUrl, suspectThenControl, tokenPage } from '../support/webmail';
import { WEBMAILS } from '../../../utils/webmail/hosts';

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

describe('capture across webmails in Chromium', () => {
  it.each<[WebmailId, string, string]>([
    ['gmail', 'g.user@acme.example.com', 'Gm4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
    ['outlook', 'o.user@acme.example.com', 'Ol4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
    ['proton', 'p.user@acme.example.com', 'Pr4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
  ])('captures and saves on %s', async (id, user, token) => {
    const page = await open(id, tokenPage(id, user, token));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    expect(await bannerText(page)).toContain(user);
    await clickBanner(page, 'button.save');
    await expect.poll(() => bannerText(page)).toContain('Saved');
    expect(await accountsInPopup()).toContain(user);
  });

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

  it.each(WEBMAILS.map((w) => w.id))('offers a genuine token email on %s after a redesign no adapter knows', async (id) => {
    const user = `drift.${id}@acme.example.com`;
    const page = await open(id, driftedTokenPage(id, user, 'Dr4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    expect(await bannerText(page)).toContain(user);
    await page.close();
  });

  it('offers only the genuine token when a redesign leaves the fallback to read a thread with a spoof in it', async () => {
    const genuine = 'Gn4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const page = await open('gmail', driftedSpoofThread('drift@acme.example.com', genuine, 'Sf4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    // The spoof, the newer of the two, would be offered with it and make the genuine token "older".
    const text = await bannerText(page);
    expect(text).toContain('drift@acme.example.com');
    expect(text).not.toContain('older token');
    await clickBanner(page, 'button.save');
    await expect.poll(() => bannerText(page)).toContain('Saved');
    const popup = await session.openExtensionPage('popup.html');
    const account = await popup.evaluate(async () => {
      const list = (await chrome.runtime.sendMessage({ type: 'accounts.list' })) as { data: { accounts: Array<{ id: string }> } };
      return (
        (await chrome.runtime.sendMessage({ type: 'account.get', id: list.data.accounts[0]!.id })) as {
          data: { account: { fields: { token: string }; history: unknown[] } };
        }
      ).data.account;
    });
    expect([account.fields.token, account.history]).toEqual([genuine, []]);
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

  it('neither hangs the page nor gives up on a 5 MB email body', async () => {
    const page = await open('gmail', hugeThenTokenPage(5 * 1024 * 1024, 'big@acme.example.com', 'Bg4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    expect(await bannerText(page)).toContain('big@acme.example.com');
    // The page still answers its own scripts.
    expect(await page.evaluate(() => document.querySelectorAll('p').length)).toBeGreaterThan(1000);
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
