import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startChromium } from '../support/launch';
import { gmailTokenPage } from '../../fixtures/pages';
import { gmailThreadOfTwo } from '../support/webmail';
import { pasteClipboard } from '../support/clipboard';
import { bannerButtonCenter, bannerButtonEnabled, bannerText, clickBanner, syntheticClickBanner } from '../../../scripts/lib/banner-chromium';
import { openWebmail, setupVaultChromium } from '../support/flows';

const USER = 'ada.lovelace@analytical.example.com';
const TOKEN = 'Xk29fPqL0mZr7TbV4nWc1yHs';

let session: ChromiumSession;

beforeEach(async () => {
  session = await startChromium();
  await setupVaultChromium(session);
});
afterEach(async () => {
  await session?.close();
});

const openGmail = (html: string) => openWebmail(session, 'gmail', html);

async function popupAccounts() {
  const popup = await session.openExtensionPage('popup.html');
  await popup.getByRole('heading', { name: 'Tokenkeep' }).waitFor();
  await popup.waitForFunction(() => !document.body.textContent?.includes('Loading'));
  return popup;
}

// Shared with Firefox in ../shared/capture.test.ts. Here: what reads or clicks inside the banner's closed shadow root over
// DevTools, and the covered-banner check that rests on Chromium's IntersectionObserver v2.
describe('capture in Chromium', () => {
  it('offers a Salesforce token email, saves it on a real click, and the popup copies the token in one click', async () => {
    const page = await openGmail(gmailTokenPage({ username: USER, token: TOKEN, from: 'support@emea.salesforce.com' }));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    const text = await bannerText(page);
    expect(text).toContain(USER);
    expect(text).toContain('support@emea.salesforce.com');
    // The token itself is never written into the page's DOM.
    expect(text).not.toContain(TOKEN);

    await clickBanner(page, 'button.save');
    await expect.poll(() => bannerText(page)).toContain('Saved to Tokenkeep');

    // No password yet: the row's one-click copy is the token the email brought.
    const popup = await popupAccounts();
    await popup.getByRole('button', { name: `Copy token for ${USER}` }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Copied token');
    expect(await pasteClipboard(await session.context.newPage())).toBe(TOKEN);
  });

  it('ignores a click on Save while another layer lies over the banner, even one that lets clicks through', async () => {
    const page = await openGmail(gmailTokenPage({ username: USER, token: TOKEN }));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    await expect.poll(() => bannerButtonEnabled(page, 'button.save')).toBe(true);
    // The page puts a see-through layer in the top layer, over everything, clicks passing through it.
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.id = 'cover';
      cover.setAttribute('popover', 'manual');
      cover.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;margin:0;border:0;background:rgba(255,255,255,0.01);pointer-events:none';
      document.body.append(cover);
      cover.showPopover();
    });
    // The banner sees itself covered (IntersectionObserver v2) and takes Save back.
    await expect.poll(() => bannerButtonEnabled(page, 'button.save')).toBe(false);
    const { x, y } = await bannerButtonCenter(page, 'button.save');
    await page.mouse.click(x, y);
    expect(await bannerText(page)).toContain('Save this Salesforce token?');
    await clickBanner(page, 'button.dismiss');
    await page.locator('tokenkeep-banner').waitFor({ state: 'detached' });
    await (await popupAccounts()).getByText('No accounts yet').waitFor();
  });

  it('ignores a synthetic click on Save: nothing is stored', async () => {
    const page = await openGmail(gmailTokenPage({ username: USER, token: TOKEN }));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    await syntheticClickBanner(page, 'button.save');
    // Had the fake click counted, the save would be under way, and the banner
    // would stay until it was stored; a real Not now closes it at once.
    await clickBanner(page, 'button.dismiss');
    await page.locator('tokenkeep-banner').waitFor({ state: 'detached' });
    const popup = await popupAccounts();
    await popup.getByText('No accounts yet').waitFor();
  });

  it('says in the banner that the older token of a thread of two goes to the history', async () => {
    const older = 'Od4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const newer = 'Nw4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
    const page = await openGmail(gmailThreadOfTwo('thread@acme.example.com', older, newer));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    expect(await bannerText(page)).toContain('1 older token in this thread will be kept in the history');
  });
});
