import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { startFirefox } from '../support/launch';
import type { WebmailId } from '../../../utils/webmail/hosts';
import { openWebmailFirefox, popupTextFirefox, saveWithKeyboard, setupVaultFirefox } from '../support/flows';
import { tokenEmailHtml } from '../../fixtures/pages';
import { driftedSpoofThread, driftedTokenPage, hugeThenTokenPage, suspectThenControl, tokenPage } from '../support/webmail';
import { WEBMAILS } from '../../../utils/webmail/hosts';

let session: FirefoxSession;
beforeAll(async () => {
  session = await startFirefox();
  await setupVaultFirefox(session);
});
afterAll(async () => {
  await session?.close();
});

const open = (id: WebmailId, html: string) => openWebmailFirefox(session, id, html);
const popupText = () => popupTextFirefox(session);

describe('capture across webmails in Firefox', () => {
  it.each<[WebmailId, string, string]>([
    ['gmail', 'fg.user@acme.example.com', 'Fg4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
    ['outlook', 'fo.user@acme.example.com', 'Fo4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
    ['proton', 'fp.user@acme.example.com', 'Fp4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'],
  ])('captures and saves on %s', async (id, user, token) => {
    const page = await open(id, tokenPage(id, user, token));
    await page.waitForSelector('tokenkeep-banner');
    await saveWithKeyboard(page);
    await expect.poll(popupText).toContain(user);
    await page.close();
  });

  it('shows no banner for a display-name spoof on Outlook', async () => {
    const suspect = { username: 'spoof@acme.example.com', token: 'Sp4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    const control = { username: 'control.outlook@acme.example.com', token: 'Co4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    const page = await open(
      'outlook',
      suspectThenControl('outlook', { from: 'mallory@evil.example', fromName: 'support@salesforce.com', bodyHtml: tokenEmailHtml(suspect) }, control),
    );
    // The first banner is the control's: the spoof was never offered.
    await page.waitForSelector('tokenkeep-banner');
    await saveWithKeyboard(page);
    await expect.poll(popupText).toContain(control.username);
    expect(await popupText()).not.toContain(suspect.username);
    await page.close();
  });

  it.each(WEBMAILS.map((w) => w.id))('saves a genuine token email on %s after a redesign no adapter knows', async (id) => {
    const user = `ff.drift.${id}@acme.example.com`;
    const page = await open(id, driftedTokenPage(id, user, 'Fd4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.waitForSelector('tokenkeep-banner');
    await saveWithKeyboard(page);
    await expect.poll(popupText).toContain(user);
    await page.close();
  });

  it('offers only the genuine token when a redesign leaves the fallback to read a thread with a spoof in it', async () => {
    const genuine = 'Fn4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const page = await open('gmail', driftedSpoofThread('ff.drift@acme.example.com', genuine, 'Fs4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.waitForSelector('tokenkeep-banner');
    await saveWithKeyboard(page);
    await expect.poll(popupText).toContain('ff.drift@acme.example.com');
    const popup = await session.openExtensionPage('popup.html');
    // Had the spoof been offered with it, as the newer token, it would be current and the genuine one in the history.
    const account = await popup.evaluate(async () => {
      const list = (await chrome.runtime.sendMessage({ type: 'accounts.list' })) as { data: { accounts: Array<{ id: string; fields: { username: string } }> } };
      const { id } = list.data.accounts.find((a) => a.fields.username === 'ff.drift@acme.example.com')!;
      return ((await chrome.runtime.sendMessage({ type: 'account.get', id })) as { data: { account: { fields: { token: string }; history: unknown[] } } }).data
        .account;
    });
    expect([account.fields.token, account.history]).toEqual([genuine, []]);
    await popup.close();
    await page.close();
  });

  it('neither hangs the page nor gives up on a 5 MB email body', async () => {
    const page = await open('gmail', hugeThenTokenPage(5 * 1024 * 1024, 'fbig@acme.example.com', 'Fb4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.waitForSelector('tokenkeep-banner');
    expect(await page.evaluate(() => document.querySelectorAll('p').length)).toBeGreaterThan(1000);
    await page.close();
  });
});
