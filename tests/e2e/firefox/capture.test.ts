import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { startFirefox } from '../support/launch';
import { quietPeriod } from '../support/launch';
import { gmailConversation, gmailShellWithMessage, openConversation } from '../support/webmail';
import { openWebmail, setupVaultFirefox, tabToBanner } from '../support/flows';

let session: FirefoxSession;

beforeAll(async () => {
  session = await startFirefox();
  await setupVaultFirefox(session);
});
afterAll(async () => {
  await session?.close();
});

const openGmail = (html: string) => openWebmail(session, 'gmail', html);

// Shared with Chromium in ../shared/capture.test.ts. Here: a click through a see-through layer, which Firefox (with no
// IntersectionObserver v2) refuses by arming Save only after the banner has been seen uncovered for a moment.
describe('capture in Firefox', () => {
  it('ignores a click on Save while another layer lies over the banner, even one that lets clicks through', async () => {
    const page = await openGmail(gmailShellWithMessage('ff.first@acme.example.com', 'Ff1sAb7Cd0Ef3Gh6Ij9Kl2Mn5'));
    // Where Save is drawn: the closed shadow root hides the button, not the host's box (see banner.css).
    const saveAt = () =>
      page.evaluate(() => {
        const box = document.querySelector('tokenkeep-banner')!.getBoundingClientRect();
        return { x: box.left + 40, y: box.bottom - 26 };
      });
    const accounts = async () => {
      const ext = await session.openExtensionPage('popup.html');
      const reply = (await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'accounts.list' }))) as {
        data: { accounts: Array<{ fields: { username: string } }> };
      };
      await ext.close();
      await page.bringToFront();
      return reply.data.accounts.map((a) => a.fields.username);
    };
    // Uncovered, a click on Save counts once the banner has been seen for a moment: how long that takes here.
    await page.waitForSelector('tokenkeep-banner');
    const shown = Date.now();
    let armedMs = 0;
    for (;;) {
      const { x, y } = await saveAt();
      await page.mouse.click(x, y);
      if ((await accounts()).includes('ff.first@acme.example.com')) break;
      armedMs = Date.now() - shown;
    }
    await page.waitForSelector('tokenkeep-banner', { hidden: true });

    // The next token email, and the page lays a see-through top-layer element over it at once.
    await page.evaluate(openConversation, gmailConversation('ff.second@acme.example.com', 'Ff2sAb7Cd0Ef3Gh6Ij9Kl2Mn5'));
    await page.waitForSelector('tokenkeep-banner');
    const second = Date.now();
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.id = 'cover';
      cover.setAttribute('popover', 'manual');
      cover.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;margin:0;border:0;background:rgba(255,255,255,0.01);pointer-events:none';
      document.body.append(cover);
      cover.showPopover();
    });
    // Past the time an uncovered banner took to take a click, five times over.
    await new Promise((r) => setTimeout(r, Math.max(0, quietPeriod(armedMs) - (Date.now() - second))));
    const { x, y } = await saveAt();
    await page.mouse.click(x, y);
    // Had the click counted, the save would be under way and Escape would not close the banner before it was stored.
    await page.evaluate(() => document.getElementById('cover')!.remove());
    await tabToBanner(page);
    await page.keyboard.press('Escape');
    await page.waitForSelector('tokenkeep-banner', { hidden: true });
    expect(await accounts()).not.toContain('ff.second@acme.example.com');
  });
});
