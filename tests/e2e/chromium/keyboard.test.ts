import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startChromium } from '../support/launch';
import { openMenuOn, pressOn } from '../support/keys';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import { sendOk } from '../../../scripts/lib/messaging';
import { pasteClipboard } from '../support/clipboard';
import { setupVaultChromium } from '../support/flows';
import { form } from '../support/forms';
import { salesforceAccount, sandboxAccount } from '../support/accounts';

const ACCOUNT = salesforceAccount({ sites: ['https://login.salesforce.com', 'https://acme.my.salesforce.com'] });
const SANDBOX = sandboxAccount();

let screen: VirtualDisplay;
let session: ChromiumSession;

beforeAll(async () => {
  screen = await startDisplay();
  // Visible, on the virtual screen: only the browser window gets extension shortcuts.
  session = await startChromium({ headless: false, env: { DISPLAY: screen.display } });
  await setupVaultChromium(session);
  const page = await session.openExtensionPage('popup.html');
  await sendOk(page, { type: 'account.save', account: ACCOUNT });
  await sendOk(page, { type: 'account.save', account: SANDBOX });
  await page.close();
});
afterAll(async () => {
  await session?.close();
  await screen?.close();
});

async function open(url: string, html: string | ((u: URL) => string)): Promise<Page> {
  await session.serve(new URL(url).origin, html);
  const page = await session.context.newPage();
  await page.goto(url);
  return page;
}

/** "Save to Tokenkeep…" on the page's focused field, from the browser's own menu as a user can open it: the Menu key, then up from the bottom past Inspect. Resolves with the add form's window. */
async function saveFromMenu(page: Page): Promise<Page> {
  await openMenuOn(screen, page);
  screen.pressHere('Up');
  screen.pressHere('Up');
  screen.pressHere('Return');
  const saveWindow = () => session.context.pages().find((p) => p.url().includes('popup.html?window&save'));
  await expect.poll(saveWindow).toBeDefined();
  return saveWindow()!;
}

// Shared with Firefox in ../shared/keyboard.test.ts: the shortcuts, and what Alt+Shift+L and Alt+Shift+Y do. Here: what
// reads Chromium's own action popup (over DevTools) and Chromium's own context menu.
describe('keyboard commands in Chromium', () => {
  it('with two sandboxes, Alt+Shift+Y copies nothing and opens the popup on them, where Enter copies the one it offers first', async () => {
    const setup = await session.openExtensionPage('popup.html');
    const qa = salesforceAccount({
      label: 'Acme QA',
      username: 'integration@acme.com.qa',
      password: 'Qa-pa55!',
      token: 'Qa4Ab7Cd0Ef3Gh6Ij9Kl2Mn',
      environment: 'sandbox',
      loginUrl: 'https://test.salesforce.com',
      sites: undefined,
    });
    const { account } = (await sendOk(setup, { type: 'account.save', account: qa })) as { account: { id: string } };
    await setup.close();
    const page = await open('https://test.salesforce.com/', form('salesforce-login.html'));
    await pressOn(screen, page, 'alt+shift+y');
    // The toolbar popup opened over the page, says why, and gives the keyboard to the first account's copy (Acme QA before Acme UAT).
    const popup = (expression: string) => session.evaluateInActionPopup(expression);
    await expect.poll(() => popup(`document.querySelector('.site-fill [role="status"]')?.textContent`)).toBe('2 accounts fit this page: choose which to copy.');
    await expect.poll(() => popup('document.activeElement?.getAttribute("aria-label")')).toBe('Copy password + token for Acme QA');
    expect(await popup(`[...document.querySelectorAll('.site-fill .row-label')].map((l) => l.textContent)`)).toEqual(['Acme QA sandbox', 'Acme UAT sandbox']);
    screen.pressHere('Return');
    await expect.poll(() => pasteClipboard(page)).toBe('Qa-pa55!Qa4Ab7Cd0Ef3Gh6Ij9Kl2Mn');
    const cleanup = await session.openExtensionPage('popup.html');
    await sendOk(cleanup, { type: 'account.delete', id: account.id });
    await cleanup.close();
  });

  it('"Save to Tokenkeep…" on a field Tokenkeep may not read (a frame of another site) still opens the add form, which says so and takes a paste', async () => {
    await session.serve('https://widgets.example', `<!doctype html><input id="shown" type="password" value="Shown-in-a-frame-1">`);
    const page = await open('https://apps.example/embedded', `<!doctype html><p>Your key:</p><iframe src="https://widgets.example/key"></iframe>`);
    await page.frameLocator('iframe').locator('#shown').focus();
    const form = await saveFromMenu(page);
    await form.getByText('Tokenkeep could not read the field on https://widgets.example. Copy its value there and paste it below.').waitFor();
    expect(await form.getByLabel('Paste a credential').inputValue()).toBe('');
    await form.close();
  });
});
