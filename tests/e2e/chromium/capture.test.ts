import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startChromium } from '../support/launch';
import { gmailTokenPage, tokenEmailHtml } from '../../fixtures/pages';
import { suspectThenControl } from '../support/webmail';
import { pasteClipboard } from '../support/clipboard';
import { bannerButtonCenter, bannerButtonEnabled, bannerText, clickBanner, syntheticClickBanner } from '../../../scripts/lib/banner-chromium';
import { openWebmailChromium, saveWithKeyboard, setupVaultChromium } from '../support/flows';

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

const openGmail = (html: string) => openWebmailChromium(session, 'gmail', html);

async function popupAccounts() {
  const popup = await session.openExtensionPage('popup.html');
  await popup.getByRole('heading', { name: 'Tokenkeep' }).waitFor();
  await popup.waitForFunction(() => !document.body.textContent?.includes('Loading'));
  return popup;
}

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

  it('saves from the keyboard: Tab reaches the banner, and Enter presses Save', async () => {
    const page = await openGmail(gmailTokenPage({ username: USER, token: TOKEN }));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    await saveWithKeyboard(page);
    await expect.poll(() => bannerText(page)).toContain('Saved to Tokenkeep');
  });

  it('does not let a page script focus Save for the next Enter', async () => {
    const page = await openGmail(gmailTokenPage({ username: USER, token: TOKEN }));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    await page.evaluate(() => (document.querySelector('tokenkeep-banner') as HTMLElement).focus());
    await page.keyboard.press('Enter');
    // Had Enter counted, the save would be under way and Not now would be disabled until it was stored.
    await clickBanner(page, 'button.dismiss');
    await page.locator('tokenkeep-banner').waitFor({ state: 'detached' });
    await (await popupAccounts()).getByText('No accounts yet').waitFor();
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

  it('stays visible and on top whatever the page does to its host', async () => {
    const page = await openGmail(gmailTokenPage({ username: USER, token: TOKEN }));
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent =
        'tokenkeep-banner { opacity: 0 !important; visibility: hidden !important; transform: translateX(-9999px) !important; clip-path: inset(50%) !important }';
      document.head.append(style);
      document.querySelector('tokenkeep-banner')!.setAttribute('style', 'display:none !important; opacity:0 !important');
      (document.querySelector('tokenkeep-banner') as HTMLElement).hidePopover();
    });
    const look = await page.evaluate(() => {
      const host = document.querySelector('tokenkeep-banner')!;
      const css = getComputedStyle(host);
      const box = host.getBoundingClientRect();
      return {
        opacity: css.opacity,
        visibility: css.visibility,
        display: css.display,
        transform: css.transform,
        onScreen: box.width > 100 && box.right <= innerWidth && box.left >= 0,
        open: host.matches(':popover-open'),
      };
    });
    expect(look).toEqual({ opacity: '1', visibility: 'visible', display: 'block', transform: 'none', onScreen: true, open: true });
    // Still saves, once it has been seen again for a moment.
    await clickBanner(page, 'button.save');
    await expect.poll(() => bannerText(page)).toContain('Saved to Tokenkeep');
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

  it('shows no banner for a lookalike sender', async () => {
    const control = { username: 'control@acme.example.com', token: 'Ct4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    const page = await openGmail(
      suspectThenControl('gmail', { from: 'support@salesforce-security.com', bodyHtml: tokenEmailHtml({ username: USER, token: TOKEN }) }, control),
    );
    await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    const text = await bannerText(page);
    expect(text).toContain(control.username);
    expect(text).not.toContain(USER);
  });

  it('answers a malformed message from an extension page with a typed error and writes nothing', async () => {
    const popup = await popupAccounts();
    // Real extension messaging, from a real extension page.
    const reply = await popup.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'capture.save', capture: { provider: 'salesforce', username: 'x', token: 'short' } }),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await popup.reload();
    await popup.getByText('No accounts yet').waitFor();
  });
});
