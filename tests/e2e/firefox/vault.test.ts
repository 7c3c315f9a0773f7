import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { FirefoxSession } from '../../../scripts/lib/firefox';
import { startFirefox } from '../support/launch';
import { E2E_PASSPHRASE, openWebmailFirefox, popupTextFirefox, saveWithKeyboard, setupVaultFirefox } from '../support/flows';
import { trackedSessions } from '../support/sessions';
import { tokenPage } from '../support/webmail';

const tracked = trackedSessions(startFirefox);
const start = (profileDir?: string, downloadDir?: string) => tracked.start({ profileDir, downloadDir });

const showsText = (page: Page, text: string) => page.waitForFunction((t) => document.body.textContent!.includes(t), {}, text);

async function popup(session: FirefoxSession) {
  const page = await session.openExtensionPage('popup.html');
  await page.waitForFunction(() => document.querySelector('main') && !document.body.textContent!.includes('Loading'));
  return page;
}

async function capture(session: FirefoxSession, username: string, token: string) {
  const page = await openWebmailFirefox(session, 'gmail', tokenPage('gmail', username, token));
  await page.waitForSelector('tokenkeep-banner');
  await saveWithKeyboard(page);
  return page;
}

/** What Firefox does its own way: a backup goes through its download folder, and BiDi cannot set an add-on page's file input. The rest is in ../shared/vault.test.ts. */
describe('vault in Firefox', () => {
  it('exports a backup, and after a reset imports it back', async () => {
    const downloads = tracked.removeAfter(await mkdtemp(path.join(os.tmpdir(), 'tk-ff-downloads-')));
    const session = await start(undefined, downloads);
    await setupVaultFirefox(session);
    await capture(session, 'ff.backup@acme.example.com', 'Fk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(() => popupTextFirefox(session)).toContain('ff.backup@acme.example.com');
    const options = await session.openExtensionPage('options.html', { width: 900, height: 1200 });
    await options.waitForSelector('::-p-aria([name="Export backup"][role="button"])');
    await options.click('::-p-aria([name="Export backup"][role="button"])');
    await showsText(options, 'with 1 account');
    // Firefox writes a .part file first; the backup is there once it has its own name.
    const saved = async () => (await readdir(downloads)).find((f) => /^tokenkeep-backup-.*\.json$/.test(f));
    await expect.poll(saved).toBeDefined();

    await options.type('#reset-confirm', 'delete everything');
    await options.click('::-p-aria([name="Delete everything"][role="button"])');
    await showsText(options, 'The vault was deleted.');
    await options.close();
    await setupVaultFirefox(session, 'a new vault passphrase');
    const file = await readFile(path.join(downloads, (await saved())!), 'utf8');
    // BiDi can neither set files on an add-on page's file input nor see its
    // picker (Chromium's test drives that control); the downloaded file goes
    // to the background the way that control sends it.
    const page = await popup(session);
    const reply = await page.evaluate((f, p) => chrome.runtime.sendMessage({ type: 'vault.import', file: f, passphrase: p }), file, E2E_PASSPHRASE);
    expect(reply).toMatchObject({ ok: true, data: { added: 1, updated: 0, unchanged: 0 } });
    await page.close();
    expect(await popupTextFirefox(session)).toContain('ff.backup@acme.example.com');
  });
});
