/**
 * The save banner against a hostile page, in Chromium and in Firefox alike:
 * only a person's own key or click saves, the page cannot hide the banner,
 * and a lookalike sender is never offered. What each browser checks its own
 * way (Chromium's covered-banner check, reading into the closed shadow root)
 * stays in that browser's capture.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { gmailTokenPage, tokenEmailHtml } from '../../fixtures/pages';
import { driver } from '../support/drivers';
import { firstRuns, popupText, setUpVault } from '../support/steps';
import { suspectThenControl } from '../support/webmail';

const USER = 'ada.lovelace@analytical.example.com';
const TOKEN = 'Xk29fPqL0mZr7TbV4nWc1yHs';

const browser = await driver();
const firstRun = firstRuns(browser);

/** A first run with a vault, and a Gmail page offering USER's token. */
async function offered() {
  const b = await firstRun();
  await (await setUpVault(b)).close();
  const page = await b.webmail('gmail', gmailTokenPage({ username: USER, token: TOKEN }));
  await page.waitFor('tokenkeep-banner');
  return { b, page };
}

describe(`capture in ${browser.name}`, () => {
  it('saves from the keyboard: Tab reaches the banner, and Enter presses Save', async () => {
    const { b, page } = await offered();
    await page.saveWithKeyboard();
    await expect.poll(() => popupText(b)).toContain(USER);
    await page.close();
  });

  it("ignores a page script's Enter and click on the banner: nothing is stored", async () => {
    const { b, page } = await offered();
    // The shadow root is closed: page script sees only the host element.
    expect(await page.evaluate(() => document.querySelector('tokenkeep-banner')!.shadowRoot, undefined)).toBeNull();
    // Page script focuses the banner and fakes Enter and a click: neither saves.
    await page.evaluate(() => {
      const host = document.querySelector('tokenkeep-banner') as HTMLElement;
      host.focus();
      for (const type of ['keydown', 'keypress', 'keyup']) host.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', bubbles: true, composed: true }));
      host.click();
    }, undefined);
    // Had either counted, the save would be under way, and the banner would stay until it was stored; a real dismissal closes it at once.
    await page.dismiss();
    expect(await popupText(b)).toContain('No accounts yet');
    await page.close();
  });

  it('does not let a page script focus Save for the next Enter', async () => {
    const { b, page } = await offered();
    await page.evaluate(() => (document.querySelector('tokenkeep-banner') as HTMLElement).focus(), undefined);
    await page.press('Enter');
    // Had Enter counted, the save would be under way, and the banner would stay until it was stored.
    await page.dismiss();
    expect(await popupText(b)).toContain('No accounts yet');
    await page.close();
  });

  it('stays visible and on top whatever the page does to its host, and still saves', async () => {
    const { b, page } = await offered();
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent =
        'tokenkeep-banner { opacity: 0 !important; visibility: hidden !important; transform: translateX(-9999px) !important; clip-path: inset(50%) !important }';
      document.head.append(style);
      document.querySelector('tokenkeep-banner')!.setAttribute('style', 'display:none !important; opacity:0 !important');
      (document.querySelector('tokenkeep-banner') as HTMLElement).hidePopover();
    }, undefined);
    const look = () =>
      page.evaluate(() => {
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
      }, undefined);
    await expect.poll(look).toEqual({ opacity: '1', visibility: 'visible', display: 'block', transform: 'none', onScreen: true, open: true });
    // Still saves, once it has been seen again for a moment.
    await page.save();
    await expect.poll(() => popupText(b)).toContain(USER);
    await page.close();
  });

  it.each(['support@salesforce-security.com', 'support@salesforce.com.verify-login.io'])('shows no banner for a lookalike sender, %s', async (from) => {
    const b = await firstRun();
    await (await setUpVault(b)).close();
    const control = { username: 'control@acme.example.com', token: 'Ct4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    const page = await b.webmail('gmail', suspectThenControl('gmail', { from, bodyHtml: tokenEmailHtml({ username: USER, token: TOKEN }) }, control));
    // The first banner is the control's: the lookalike was never offered.
    await page.save();
    await expect.poll(() => popupText(b)).toContain(control.username);
    expect(await popupText(b)).not.toContain(USER);
    await page.close();
  });

  it('answers a malformed message from an extension page with a typed error and writes nothing', async () => {
    const b = await firstRun();
    const popup = await setUpVault(b);
    // Real extension messaging, from a real extension page.
    expect(await popup.request({ type: 'capture.save', capture: { provider: 'salesforce', username: 'x', token: 'short' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    await popup.close();
    expect(await popupText(b)).toContain('No accounts yet');
  });
});
