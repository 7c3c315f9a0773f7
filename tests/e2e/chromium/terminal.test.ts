/**
 * The terminal bridge in Chromium, end to end: the real host installed with
 * `tokenkeep install` into the profile's NativeMessagingHosts folder, started
 * by the browser over native messaging once the user turns it on (and allows
 * the permission in Chrome's own prompt), and the real CLI asking it, with
 * each request answered in the consent window.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startDisplay, type VirtualDisplay } from '../../../scripts/lib/display';
import { MASK } from '../../../utils/bridge/mask';
import { salesforceAccount, TOKEN } from '../support/accounts';
import { E2E_PASSPHRASE, setupVaultChromium } from '../support/flows';
import { startChromium } from '../support/launch';
import { requestIn } from '../support/sync';
import { CHECKSUM_CHILD, checksumOf, installHost, ENV_TEXT, PASSWORD, secretsWritten, terminalHome, tokenkeep, type TerminalHome } from '../support/terminal';

let screen: VirtualDisplay;
let home: TerminalHome;
let profileDir: string;
let session: ChromiumSession;
let options: Page;
let request: (message: unknown) => Promise<any>;

beforeAll(async () => {
  home = await terminalHome();
  profileDir = await mkdtemp(path.join(os.tmpdir(), 'tokenkeep-chromium-'));
  installHost(home, 'chromium', profileDir);
  screen = await startDisplay();
  // Visible on the virtual screen: the permission prompt is Chrome's own window, answered with the keyboard.
  session = await startChromium({ profileDir, headless: false, env: { DISPLAY: screen.display, ...home.env } });
  await setupVaultChromium(session, E2E_PASSPHRASE);
  options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
  request = requestIn((fn, arg) => options.evaluate(fn as never, arg) as never);
  await request({ type: 'account.save', account: salesforceAccount() });
});

afterAll(async () => {
  await session?.close();
  await screen?.close();
  await rm(profileDir, { recursive: true, force: true });
  await home?.remove();
});

/**
 * Ticks the option and answers Chrome's permission prompt with the keyboard.
 * The prompt is drawn inside the browser window, with nothing a test can wait
 * for, so keys that reach the page instead (the prompt not up yet) are
 * swallowed there, and the keys are pressed again until Chrome has granted.
 */
async function allowInChromePrompt() {
  await options.evaluate(() => document.addEventListener('keydown', (e) => e.preventDefault(), true));
  const checkbox = options.getByLabel('Let the tokenkeep command ask for accounts');
  const granted = () => options.evaluate(() => chrome.permissions.contains({ permissions: ['nativeMessaging'] }));
  await checkbox.click();
  await expect
    .poll(
      async () => {
        if (await granted()) return true;
        // A Return that came before Tab reached the prompt answered Deny: ask again.
        if (await options.getByText('did not allow').isVisible()) await checkbox.click();
        // The prompt starts on Deny; Tab moves to Allow. It ignores keys for a moment after it opens, hence the pace.
        screen.pressHere('Tab');
        screen.pressHere('Return');
        return granted();
      },
      { interval: 1000 },
    )
    .toBe(true);
}

/** Starts the CLI, waits for the consent window it opens, and gives both to the test. */
async function asked(args: string[]) {
  const opened = session.context.waitForEvent('page', (p) => p.url().includes('consent.html'));
  const run = tokenkeep(home, args);
  const consent = await opened;
  await consent.getByRole('button', { name: 'Deny' }).waitFor();
  return { run, consent };
}

/** Clicks one of the consent window's answers; the window closes with it, which is part of the answer. */
async function answer(consent: Page, name: string) {
  const closed = consent.waitForEvent('close');
  // The click's own wait may find the page already gone.
  await consent
    .getByRole('button', { name })
    .click()
    .catch((err: Error) => {
      if (!consent.isClosed()) throw err;
    });
  await closed;
}

describe('terminal bridge in Chromium', () => {
  it('terminal: turning it on asks Chrome for the permission, and the host starts on a private socket once Chrome starts the worker again, still unlocked', async () => {
    await allowInChromePrompt();
    // The running service worker gets the native-messaging API only when it starts again.
    await options.getByText('Tokenkeep stays unlocked meanwhile').waitFor();
    // Chrome stops an idle worker; DevTools, attached here, keeps it from idling, so the test stops it as Chrome would.
    const cdp = await session.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    // The bridge's alarm starts a new worker, which connects; the page hears it without asking.
    await options.getByText('On: the tokenkeep command can reach this browser.').waitFor();
    expect((await request({ type: 'vault.status' })).state).toBe('unlocked');
    expect((await stat(path.join(home.socketDir, 'bridge.sock'))).mode & 0o777).toBe(0o600);
    expect((await stat(home.socketDir)).mode & 0o777).toBe(0o700);
  });

  it('terminal: tokenkeep env gets the values once Allow is clicked in the consent window, which names the account, the fields and the command', async () => {
    const { run, consent } = await asked(['env', 'acme prod']);
    const text = await consent.locator('main').innerText();
    expect(text).toContain('Acme prod');
    expect(text).toContain('security token (SF_SECURITY_TOKEN)');
    expect(text).toContain("tokenkeep env 'acme prod'");
    expect(text).toContain(`in ${home.shownCwd}`);
    await answer(consent, 'Allow once');
    expect(await run).toEqual({ code: 0, stdout: ENV_TEXT, stderr: '' });
  });

  it('terminal: Deny, or closing the window, gives a non-zero exit and nothing on stdout', async () => {
    const denied = await asked(['get', 'Acme prod', 'password']);
    await answer(denied.consent, 'Deny');
    expect(await denied.run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('Denied in the browser') });

    const closed = await asked(['get', 'Acme prod', 'password']);
    await closed.consent.close();
    expect(await closed.run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('closed without an answer') });
  });

  it('terminal: a second CLI asking while the first waits is told to answer that one first, and the first still gets its answer', async () => {
    const first = await asked(['get', 'Acme prod', 'token']);
    expect(await tokenkeep(home, ['get', 'Acme prod', 'password'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('answer that one first') });
    await answer(first.consent, 'Allow once');
    expect(await first.run).toMatchObject({ code: 0, stdout: TOKEN });
  });

  it('terminal: an unknown name is refused without a window, and an ambiguous one lists the candidates', async () => {
    await request({ type: 'account.save', account: salesforceAccount({ label: 'Acme sandbox', username: 'integration@acme.com.uat', environment: 'sandbox' }) });
    expect(await tokenkeep(home, ['env', 'globex'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('No account matches "globex"') });
    const ambiguous = await tokenkeep(home, ['env', 'acme']);
    expect(ambiguous).toMatchObject({ code: 1, stdout: '' });
    expect(ambiguous.stderr).toContain('"acme" matches 2 accounts');
    expect(ambiguous.stderr).toContain('Acme sandbox');
  });

  it('terminal: tokenkeep run passes the env to a child that prints a checksum of it, masks the secret it prints, and passes its exit code', async () => {
    const { run, consent } = await asked(['run', 'Acme prod', '--', ...CHECKSUM_CHILD]);
    expect(await consent.locator('main').innerText()).toContain('run a command with these in its environment');
    await consent.getByLabel('Minutes to allow').selectOption('15');
    await answer(consent, 'Allow this account for');
    const { code, stdout } = await run;
    expect(code).toBe(3);
    expect(stdout).toBe(`checksum ${checksumOf()}\npassword ${MASK}\n`);

    // The standing answer covers the next request for that account: no window.
    let windows = 0;
    const count = () => windows++;
    session.context.on('page', count);
    expect(await tokenkeep(home, ['get', 'Acme prod', 'token'])).toMatchObject({ code: 0, stdout: TOKEN });
    session.context.off('page', count);
    expect(windows).toBe(0);
  });

  it('terminal: a locked vault gives the locked message and nothing else; no file under the host’s or the CLI’s folders holds a secret', async () => {
    await request({ type: 'vault.lock' });
    expect(await tokenkeep(home, ['env', 'Acme prod'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('Tokenkeep is locked: unlock it in the browser') });
    expect(await secretsWritten(home, [PASSWORD, TOKEN])).toEqual([]);
  });
});
