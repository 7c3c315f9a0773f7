/** Capture across the webmails, in Chromium and in Firefox alike: genuine token emails saved, redesigns survived, spoofs refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBMAILS, type WebmailId } from '../../../utils/webmail/hosts';
import { tokenEmailHtml } from '../../fixtures/pages';
import { quietPeriod } from '../support/launch';
import type { Running } from '../support/driver';
import { driver } from '../support/drivers';
import { popupText, setUpVault } from '../support/steps';
import { driftedSpoofThread, driftedTokenPage, gmailThreadOfTwo, hugeThenTokenPage, suspectThenControl, tokenPage } from '../support/webmail';

const browser = await driver();
let b: Running;
beforeAll(async () => {
  b = await browser.start();
  await (await setUpVault(b)).close();
});
afterAll(async () => {
  await b?.close();
});

const bannerShown = () => !!document.querySelector('tokenkeep-banner');

/** The stored account of `username`, secrets and history included. */
async function accountOf(username: string) {
  const popup = await b.popup();
  const list = (await popup.request({ type: 'accounts.list' })).data.accounts as Array<{ id: string; fields: { username: string } }>;
  const { id } = list.find((a) => a.fields.username === username)!;
  const account = (await popup.request({ type: 'account.get', id })).data.account as { fields: { token: string }; history: unknown[] };
  await popup.close();
  return account;
}

describe(`capture across webmails in ${browser.name}`, () => {
  it.each<[WebmailId, string, string]>([
    ['gmail', 'g.user@acme.example.com', 'Gm4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
    ['outlook', 'o.user@acme.example.com', 'Ol4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
    ['proton', 'p.user@acme.example.com', 'Pr4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
  ])('captures and saves on %s', async (id, user, token) => {
    const page = await b.webmail(id, tokenPage(id, user, token));
    await page.save();
    await expect.poll(() => popupText(b)).toContain(user);
    await page.close();
  });

  it('shows no banner for a display-name spoof on Outlook', async () => {
    const suspect = { username: 'spoof@acme.example.com', token: 'Sp4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    const control = { username: 'control.outlook@acme.example.com', token: 'Co4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    const page = await b.webmail(
      'outlook',
      suspectThenControl('outlook', { from: 'mallory@evil.example', fromName: 'support@salesforce.com', bodyHtml: tokenEmailHtml(suspect) }, control),
    );
    // The first banner is the control's: the spoof was never offered.
    await page.save();
    await expect.poll(() => popupText(b)).toContain(control.username);
    expect(await popupText(b)).not.toContain(suspect.username);
    await page.close();
  });

  it.each(WEBMAILS.map((w) => w.id))('saves a genuine token email on %s after a redesign no adapter knows', async (id) => {
    const user = `drift.${id}@acme.example.com`;
    const page = await b.webmail(id, driftedTokenPage(id, user, 'Dr4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.save();
    await expect.poll(() => popupText(b)).toContain(user);
    await page.close();
  });

  it('offers only the genuine token when a redesign leaves the fallback to read a thread with a spoof in it', async () => {
    const genuine = 'Gn4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const page = await b.webmail('gmail', driftedSpoofThread('drift@acme.example.com', genuine, 'Sf4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.save();
    await expect.poll(() => popupText(b)).toContain('drift@acme.example.com');
    // Had the spoof been offered with it, as the newer token, it would be current and the genuine one in the history.
    const account = await accountOf('drift@acme.example.com');
    expect([account.fields.token, account.history]).toEqual([genuine, []]);
    await page.close();
  });

  it('neither hangs the page nor gives up on a 5 MB email body', async () => {
    const page = await b.webmail('gmail', hugeThenTokenPage(5 * 1024 * 1024, 'big@acme.example.com', 'Bg4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.waitUntil(bannerShown);
    // The page still answers its own scripts.
    expect(await page.count('p')).toBeGreaterThan(1000);
    await page.close();
  });

  it('saves a thread of two token emails together: the newer is current, the older goes to the history', async () => {
    const older = 'Od4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const newer = 'Nw4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const page = await b.webmail('gmail', gmailThreadOfTwo('thread@acme.example.com', older, newer));
    await page.save();
    await expect.poll(() => popupText(b)).toContain('thread@acme.example.com');
    const account = await accountOf('thread@acme.example.com');
    expect([account.fields.token, (account.history as Array<{ value: string }>).map((h) => h.value)]).toEqual([newer, [older]]);
    await page.close();
  });

  it('does not offer a dismissed token again, even after a reload', async () => {
    const seen = { username: 'seen@acme.example.com', token: 'Sn4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    const control = { username: 'control.reload@acme.example.com', token: 'Cr4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    let loads = 0;
    // After the reload the thread has grown: the dismissed email, then a new one.
    const page = await b.webmail('gmail', () =>
      loads++ === 0
        ? tokenPage('gmail', seen.username, seen.token)
        : suspectThenControl('gmail', { from: 'support@salesforce.com', bodyHtml: tokenEmailHtml(seen) }, control),
    );
    await page.dismiss();
    await page.reload();
    // The first banner after the reload is the new email's: the dismissed one was not offered again.
    await page.save();
    await expect.poll(() => popupText(b)).toContain(control.username);
    expect(await popupText(b)).not.toContain(seen.username);
    await page.close();
  });

  it('dismisses on Escape from the keyboard', async () => {
    const page = await b.webmail('outlook', tokenPage('outlook', 'esc@acme.example.com', 'Es4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.waitUntil(bannerShown);
    await page.tabToBanner();
    await page.press('Escape');
    await page.waitUntil(() => !document.querySelector('tokenkeep-banner')?.checkVisibility());
    expect(await popupText(b)).not.toContain('esc@acme.example.com');
    await page.close();
  });

  it('stays silent on a webmail where capture is turned off in settings, and offers again once it is on', async () => {
    // How long a banner takes to appear on this machine, on a webmail that is still on.
    const started = Date.now();
    const outlook = await b.webmail('outlook', tokenPage('outlook', 'on@acme.example.com', 'On4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await outlook.waitUntil(bannerShown);
    const bannerMs = Date.now() - started;
    await outlook.close();

    const options = await b.extensionPage('options.html', { width: 800, height: 800 });
    const captureOn = () =>
      options.evaluate(
        () => chrome.storage.local.get('settings').then((s) => (s.settings as { capture?: { gmail?: boolean } } | undefined)?.capture?.gmail),
        undefined,
      );
    const gmailSwitch = { within: '.toggles label', text: 'Gmail' };
    await options.click(gmailSwitch);
    await expect.poll(captureOn).toBe(false);
    const page = await b.webmail('gmail', tokenPage('gmail', 'off@acme.example.com', 'Of4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    // Nothing to wait for when nothing should happen: give it five times what a banner took just now.
    await new Promise((r) => setTimeout(r, quietPeriod(bannerMs)));
    expect(await page.count('tokenkeep-banner')).toBe(0);
    // Turning it back on takes effect on the open page.
    await options.click(gmailSwitch);
    await expect.poll(captureOn).toBe(true);
    await page.waitUntil(bannerShown);
    await options.close();
    await page.close();
  });
});
