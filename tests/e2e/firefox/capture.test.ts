import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../../../scripts/lib/firefox';
import { gmailTokenPage } from '../../fixtures/pages';
import { openWebmailFirefox, popupTextFirefox, saveWithKeyboard, setupVaultFirefox } from '../support/flows';
import { extensionDir } from '../support/paths';

let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox({ extensionDir: extensionDir('firefox') });
  await setupVaultFirefox(session);
});
afterAll(async () => {
  await session?.close();
});

const openGmail = (html: string) => openWebmailFirefox(session, 'gmail', html);
const popupText = () => popupTextFirefox(session);

describe('capture in Firefox', () => {
  it('ignores a synthetic Enter on the banner, then saves on a real Enter; the popup lists the account', async () => {
    const user = 'grace.hopper@navy.example.org';
    const token = 'Qm8sLr2Vb7Np0Tx4Kc9Zw3Hd';
    const page = await openGmail(gmailTokenPage({ username: user, token }));
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
    await new Promise((r) => setTimeout(r, 500));
    expect(await popupText()).toContain('No accounts yet');

    await saveWithKeyboard(page);
    await expect.poll(popupText, { timeout: 10_000 }).toContain(user);
  });

  it('shows no banner for a sender on a salesforce.com lookalike subdomain', async () => {
    const page = await openGmail(
      gmailTokenPage({ username: 'x@acme.example.com', token: 'Zr5Tq8Wm1Lp4Vn7Kb0Xc3Hs6', from: 'support@salesforce.com.verify-login.io' }),
    );
    await page.waitForFunction(() => document.readyState === 'complete');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await page.$('tokenkeep-banner')).toBeNull();
  });
});
