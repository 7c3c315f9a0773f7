import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { startFirefox } from '../support/launch';
import { gmailTokenPage, tokenEmailHtml } from '../../fixtures/pages';
import { suspectThenControl } from '../support/webmail';
import { openWebmailFirefox, popupTextFirefox, saveWithKeyboard, setupVaultFirefox } from '../support/flows';

let session: FirefoxSession;

beforeAll(async () => {
  session = await startFirefox();
  await setupVaultFirefox(session);
});
afterAll(async () => {
  await session?.close();
});

const openGmail = (html: string) => openWebmailFirefox(session, 'gmail', html);
const popupText = () => popupTextFirefox(session);

describe('capture in Firefox', () => {
  it('ignores a synthetic Enter and click on the banner: nothing is stored, and a real Enter saves', async () => {
    const page = await openGmail(gmailTokenPage({ username: 'ignored@navy.example.org', token: 'Ig8sLr2Vb7Np0Tx4Kc9Zw3Hd' }));
    await page.waitForSelector('tokenkeep-banner');
    // The shadow root is closed: page script sees only the host element.
    expect(await page.evaluate(() => document.querySelector('tokenkeep-banner')!.shadowRoot)).toBeNull();

    // Page script focuses the banner and fakes Enter and a click: neither saves.
    await page.evaluate(() => {
      const host = document.querySelector('tokenkeep-banner') as HTMLElement;
      host.focus();
      for (const type of ['keydown', 'keypress', 'keyup']) host.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', bubbles: true, composed: true }));
      host.click();
    });
    // Had either counted, the save would be under way and the banner would stay
    // until it was stored; a real Escape closes it at once.
    await page.bringToFront();
    await page.evaluate(() => (document.querySelector('tokenkeep-banner') as HTMLElement).focus());
    await page.keyboard.press('Escape');
    await page.waitForSelector('tokenkeep-banner', { hidden: true });
    expect(await popupText()).toContain('No accounts yet');

    const user = 'grace.hopper@navy.example.org';
    const saved = await openGmail(gmailTokenPage({ username: user, token: 'Qm8sLr2Vb7Np0Tx4Kc9Zw3Hd' }));
    await saved.waitForSelector('tokenkeep-banner');
    await saveWithKeyboard(saved);
    await expect.poll(popupText).toContain(user);
  });

  it('shows no banner for a sender on a salesforce.com lookalike subdomain', async () => {
    const suspect = { username: 'x@acme.example.com', token: 'Zr5Tq8Wm1Lp4Vn7Kb0Xc3Hs6' };
    const control = { username: 'control.subdomain@acme.example.com', token: 'Cs5Tq8Wm1Lp4Vn7Kb0Xc3Hs6' };
    const page = await openGmail(suspectThenControl('gmail', { from: 'support@salesforce.com.verify-login.io', bodyHtml: tokenEmailHtml(suspect) }, control));
    // The first banner is the control's: the lookalike was never offered.
    await page.waitForSelector('tokenkeep-banner');
    await saveWithKeyboard(page);
    await expect.poll(popupText).toContain(control.username);
    expect(await popupText()).not.toContain(suspect.username);
  });
});
