/** Capture across the webmails, in Chromium and in Firefox alike: genuine token emails saved, redesigns survived, spoofs refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBMAILS, type WebmailId } from '../../../utils/webmail/hosts';
import { tokenEmailHtml } from '../../fixtures/pages';
import type { Running } from '../support/driver';
import { driver } from '../support/drivers';
import { popupText, setUpVault } from '../support/steps';
import { driftedSpoofThread, driftedTokenPage, hugeThenTokenPage, suspectThenControl, tokenPage } from '../support/webmail';

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
});
