import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { startFirefox } from '../support/launch';
import { setupVaultFirefox } from '../support/flows';
import { form, VALUES_SCRIPT, withReactLikeInput } from '../support/forms';
import { salesforceAccount, TOKEN } from '../support/accounts';

const ACCOUNT = salesforceAccount({ sites: ['https://login.salesforce.com', 'https://apps.jitterbit.example'] });

let screen: VirtualDisplay;
let session: FirefoxSession;

beforeAll(async () => {
  screen = await startDisplay();
  // Visible, on the virtual screen: Firefox handles extension shortcuts in its own window, before any page.
  session = await startFirefox({ headless: false, env: { DISPLAY: screen.display } });
  await setupVaultFirefox(session);
  const page = await session.openExtensionPage('popup.html');
  expect(await page.evaluate((account) => chrome.runtime.sendMessage({ type: 'account.save', account }), ACCOUNT)).toMatchObject({ ok: true });
  await page.close();
});
afterAll(async () => {
  await session?.close();
  await screen?.close();
});

async function open(url: string, html: string, others?: Record<string, string>): Promise<Page> {
  const page = await session.newPageServing(new URL(url).origin, html, others);
  await page.goto(url);
  await page.bringToFront();
  return page;
}

const press = (keys: string) => screen.press('firefox', keys);

/**
 * Presses `keys`, which should open the toolbar popup, and waits until
 * Firefox draws it (a window of its own on the screen): by then the
 * command has run, and activeTab is granted. Then closes it with Escape.
 */
async function pressForPopup(keys: string): Promise<void> {
  const before = screen.windows('firefox');
  press(keys);
  let popup: string | undefined;
  await expect.poll(() => (popup = screen.windows('firefox').find((w) => !before.includes(w)))).toBeDefined();
  screen.pressIn(popup!, 'Escape');
  await expect.poll(() => screen.windows('firefox')).toEqual(before);
}

describe('autofill in Firefox', () => {
  it('has every shortcut assigned', async () => {
    const page = await session.openExtensionPage('popup.html');
    const commands = (await page.evaluate(() => chrome.commands.getAll())) as Array<{ name: string; shortcut: string }>;
    await page.close();
    expect(Object.fromEntries(commands.map((c) => [c.name, c.shortcut]))).toEqual({
      _execute_action: 'Alt+Shift+K',
      'copy-for-site': 'Alt+Shift+Y',
      'fill-for-site': 'Alt+Shift+L',
    });
  });

  it('Alt+Shift+L fills the Salesforce login', async () => {
    const page = await open('https://login.salesforce.com/', form('salesforce-login.html'));
    press('alt+shift+l');
    await expect.poll(() => page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: 'integration@acme.com', password: 'Pa55-word!' });
  });

  it('fills from the popup: username, password and the separate token field, which a React-controlled input notices', async () => {
    const page = await open('https://apps.jitterbit.example/connections/new', withReactLikeInput(form('jitterbit-connection.html'), 'conn-user'));
    // The toolbar popup, opened by its own shortcut, gives activeTab on this tab; the test drives the same popup in a window.
    await pressForPopup('alt+shift+k');
    const opener = await session.openExtensionPage('popup.html');
    const created = new Promise<Page>((resolve) => session.browser.once('targetcreated', (t) => void t.page().then((p) => p && resolve(p))));
    await opener.evaluate(() => chrome.windows.create({ url: chrome.runtime.getURL('popup.html?window'), type: 'popup', width: 380, height: 640 }));
    const popup = await created;
    await opener.close();
    // Back on the page, then to the popped-out window, as a user goes: the window asks which tab Fill acts on when it gets focus.
    await page.bringToFront();
    await popup.bringToFront();
    await popup.waitForSelector('button[aria-label="Fill Acme prod on apps.jitterbit.example"]');
    await popup.click('button[aria-label="Fill Acme prod on apps.jitterbit.example"]');
    await expect.poll(() => page.evaluate(VALUES_SCRIPT)).toMatchObject({ 'conn-user': 'integration@acme.com', 'conn-pass': 'Pa55-word!', 'conn-token': TOKEN });
    expect(await page.evaluate(() => (window as unknown as { seen: unknown }).seen)).toMatchObject({ state: 'integration@acme.com' });
  });

  it('fills the page itself but never a cross-origin iframe, nor a sandboxed one, on a listed site', async () => {
    const login = form('salesforce-login.html');
    const top = login.replace('</body>', `<iframe id="cross" src="https://evil.example/login"></iframe>
      <iframe id="sandboxed" sandbox="allow-scripts allow-forms" srcdoc="${login.replace(/"/g, '&quot;')}"></iframe></body>`);
    const page = await open('https://login.salesforce.com/', top, { 'https://evil.example': login });
    await page.waitForFrame((f) => f.url().startsWith('https://evil.example'));
    press('alt+shift+l');
    // The page's own form shows the command ran; the frames stay empty.
    await expect.poll(() => page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: 'integration@acme.com', password: 'Pa55-word!' });
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(2);
    for (const frame of frames) expect(await frame.evaluate(VALUES_SCRIPT)).toMatchObject({ username: '', password: '' });
  });

  it('fills nothing on an unlisted site: the keyboard command only asks', async () => {
    const page = await open('https://phish.example/login', form('salesforce-login.html'));
    // The command answers with a notification once it has decided; a page of the add-on hears it.
    const listener = await session.openExtensionPage('options.html');
    await listener.evaluate(() => {
      type Event = { addListener(f: (id: string) => void): void };
      const w = window as unknown as { heard: string[]; browser: { notifications: { onShown: Event; onClosed: Event } } };
      w.heard = [];
      // onShown is Firefox's own; onClosed too, in case the notification is gone before we look.
      w.browser.notifications.onShown.addListener((id) => w.heard.push(id));
      w.browser.notifications.onClosed.addListener((id) => w.heard.push(id));
    });
    await page.bringToFront();
    press('alt+shift+l');
    await expect.poll(() => listener.evaluate(() => (window as unknown as { heard: string[] }).heard)).toContain('tokenkeep-command');
    expect(await page.evaluate(VALUES_SCRIPT)).toMatchObject({ username: '', password: '' });
  });
});
