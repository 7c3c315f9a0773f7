import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../../../scripts/lib/firefox';
import { gmailTokenPage } from '../../fixtures/pages';
import { extensionDir } from '../support/paths';

const GMAIL = 'https://mail.google.com';

let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox({ extensionDir: extensionDir('firefox') });
});
afterAll(async () => {
  await session?.close();
});

async function openGmail(html: string) {
  const page = await session.newPageServing(GMAIL, html);
  await page.goto(`${GMAIL}/mail/u/0/#inbox/FMfcgz`);
  return page;
}

async function popupText(): Promise<string> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.waitForFunction(() => document.querySelector('main') && !document.body.textContent!.includes('Loading'));
  const text = await popup.evaluate(() => document.body.innerText);
  await popup.close();
  return text;
}

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

    await page.bringToFront();
    await page.evaluate(() => (document.querySelector('tokenkeep-banner') as HTMLElement).focus());
    await page.keyboard.press('Enter');
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
