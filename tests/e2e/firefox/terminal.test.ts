/**
 * The terminal bridge in Firefox, end to end: the real host installed with
 * `tokenkeep install --browser firefox` into the test's own home (Firefox
 * reads ~/.mozilla/native-messaging-hosts), started by Firefox over native
 * messaging once the user turns it on, and the real CLI asking it, each
 * request answered in the consent window.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { MASK } from '../../../utils/bridge/mask';
import { salesforceAccount, TOKEN } from '../support/accounts';
import { E2E_PASSPHRASE, setupVaultFirefox } from '../support/flows';
import { quietPeriod, startFirefox } from '../support/launch';
import { requestIn } from '../support/sync';
import { CHECKSUM_CHILD, checksumOf, ENV_TEXT, FIREFOX_GRANTS_PERMISSIONS, firefoxConsentWindow, installHost, PASSWORD, secretsWritten, terminalHome, tokenkeep, turnOnBridgeFirefox, type TerminalHome } from '../support/terminal';

/** Firefox suspends an idle event page after this long here (30 s by default): the bridge must keep it awake. */
const IDLE_MS = 2000;

let home: TerminalHome;
let session: FirefoxSession;
let options: Page;
let request: (message: unknown) => Promise<any>;

beforeAll(async () => {
  home = await terminalHome();
  installHost(home, 'firefox');
  session = await startFirefox({
    env: home.env,
    prefs: { ...FIREFOX_GRANTS_PERMISSIONS, 'extensions.background.idle.timeout': IDLE_MS },
  });
  await setupVaultFirefox(session, E2E_PASSPHRASE);
  options = await session.openExtensionPage('options.html', { width: 900, height: 900 });
  request = requestIn((fn, arg) => options.evaluate(fn as never, arg) as never);
  await request({ type: 'account.save', account: salesforceAccount() });
});

afterAll(async () => {
  await session?.close();
  await home?.remove();
});

/** Starts the CLI, waits for the consent window it opens, and gives both to the test. */
async function asked(args: string[]) {
  const opened = firefoxConsentWindow(session);
  const run = tokenkeep(home, args);
  return { run, consent: await opened };
}

/** The extension's windows of its own (consent windows) that are open. */
const extensionWindows = () => options.evaluate(async () => (await (globalThis as unknown as { browser: typeof chrome }).browser.windows.getAll({ windowTypes: ['popup'] })).length);

/** Clicks one of the consent window's answers; the window closes with it (which BiDi does not report, so the extension is asked). */
async function answer(consent: Page, name: string) {
  await consent.click(`::-p-aria(${name})`).catch((err: Error) => {
    if (!consent.isClosed()) throw err;
  });
  await expect.poll(extensionWindows).toBe(0);
}

describe('terminal bridge in Firefox', () => {
  it('terminal: turning it on asks for the permission and starts the host on a private socket', async () => {
    await turnOnBridgeFirefox(options);
    expect(await options.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ permissions: ['nativeMessaging'] }))).toBe(true);
    expect((await stat(path.join(home.socketDir, 'bridge.sock'))).mode & 0o777).toBe(0o600);
  });

  it('terminal: tokenkeep env gets the values once Allow is clicked in the consent window, which names the account, the fields and the command', async () => {
    const { run, consent } = await asked(['env', 'acme prod']);
    const text = await consent.$eval('main', (el) => (el as HTMLElement).innerText);
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
    await expect.poll(extensionWindows).toBe(0);
    expect(await closed.run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('closed without an answer') });
  });

  it('terminal: tokenkeep run passes the env to a child that prints a checksum of it, masks the secret it prints, and passes its exit code', async () => {
    const { run, consent } = await asked(['run', 'Acme prod', '--', ...CHECKSUM_CHILD]);
    await answer(consent, 'Allow once');
    const { code, stdout } = await run;
    expect(code).toBe(3);
    expect(stdout).toBe(`checksum ${checksumOf()}\npassword ${MASK}\n`);
  });

  it('terminal: the bridge keeps answering after the background has been idle for longer than Firefox lets an idle one live', async () => {
    const started = Date.now();
    await new Promise((r) => setTimeout(r, quietPeriod(IDLE_MS)));
    expect(Date.now() - started).toBeGreaterThan(IDLE_MS);
    const { run, consent } = await asked(['get', 'Acme prod', 'token']);
    await answer(consent, 'Allow once');
    expect(await run).toMatchObject({ code: 0, stdout: TOKEN });
  });

  it('terminal: a locked vault gives the locked message and nothing else; no file under the host’s or the CLI’s folders holds a secret', async () => {
    await request({ type: 'vault.lock' });
    expect(await tokenkeep(home, ['env', 'Acme prod'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('Tokenkeep is locked: unlock it in the browser') });
    expect(await secretsWritten(home, [PASSWORD, TOKEN])).toEqual([]);
  });
});
