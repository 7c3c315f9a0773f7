import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../../../scripts/lib/firefox';
import type { WebmailId } from '../../../utils/webmail/hosts';
import { extensionDir } from '../support/paths';
import { openWebmailFirefox, popupTextFirefox, saveWithKeyboard, setupVaultFirefox } from '../support/flows';
import { hugeThenTokenPage, tokenPage } from '../support/webmail';

let session: FirefoxSession;
beforeAll(async () => {
  session = await launchFirefox({ extensionDir: extensionDir('firefox') });
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
    await expect.poll(popupText, { timeout: 10_000 }).toContain(user);
    await page.close();
  });

  it('shows no banner for a display-name spoof on Outlook', async () => {
    const page = await open('outlook', tokenPage('outlook', 'spoof@acme.example.com', 'Sp4Ab7Cd0Ef3Gh6Ij9Kl2Mn5', { from: 'mallory@evil.example', fromName: 'support@salesforce.com' }));
    await page.waitForFunction(() => document.readyState === 'complete');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await page.$('tokenkeep-banner')).toBeNull();
    await page.close();
  });

  it('neither hangs the page nor gives up on a 5 MB email body', async () => {
    const page = await open('gmail', hugeThenTokenPage(5 * 1024 * 1024, 'fbig@acme.example.com', 'Fb4Ab7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.waitForSelector('tokenkeep-banner', { timeout: 20_000 });
    expect(await page.evaluate(() => document.querySelectorAll('p').length)).toBeGreaterThan(1000);
    await page.close();
  });
});
