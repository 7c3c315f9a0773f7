import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../../../scripts/lib/firefox';
import { E2E_PASSPHRASE, openWebmailFirefox, popupTextFirefox, saveWithKeyboard, setupVaultFirefox } from '../support/flows';
import { extensionDir } from '../support/paths';
import { countFiles, findSecretsOnDisk } from '../support/profile';
import { trackedSessions } from '../support/sessions';
import { tokenPage } from '../support/webmail';

const tracked = trackedSessions(launchFirefox);
const start = (profileDir?: string) => tracked.start({ extensionDir: extensionDir('firefox'), profileDir });

const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

async function popup(session: FirefoxSession) {
  const page = await session.openExtensionPage('popup.html');
  await page.waitForFunction(() => document.querySelector('main') && !document.body.textContent!.includes('Loading'));
  return page;
}

async function lock(session: FirefoxSession) {
  const page = await popup(session);
  await page.click('::-p-aria(Lock)');
  await page.waitForSelector('#unlock-pass');
  await page.close();
}

async function unlock(session: FirefoxSession, passphrase: string) {
  const page = await popup(session);
  await page.type('#unlock-pass', passphrase);
  await page.click('button[type="submit"]');
  return page;
}

async function capture(session: FirefoxSession, username: string, token: string) {
  const page = await openWebmailFirefox(session, 'gmail', tokenPage('gmail', username, token));
  await page.waitForSelector('tokenkeep-banner');
  await saveWithKeyboard(page);
  return page;
}

describe('vault in Firefox', () => {
  it('locks, refuses a wrong passphrase clearly, and adds a token captured while locked at the next unlock', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    await lock(session);
    await capture(session, 'ff.sealed@acme.example.com', 'Fs4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    await expect.poll(async () => (await popupTextFirefox(session)).includes('1 token was captured while locked'), { timeout: 10_000 }).toBe(true);
    const wrong = await unlock(session, 'not the passphrase');
    await wrong.waitForFunction(() => document.body.textContent!.includes('That passphrase is not right.'));
    await wrong.close();
    const right = await unlock(session, E2E_PASSPHRASE);
    await right.waitForFunction(() => document.body.textContent!.includes('1 token captured while locked was added: ff.sealed@acme.example.com.'), { timeout: 15_000 });
    expect(await bodyText(right)).toContain('ff.sealed@acme.example.com');
  });

  it('stores every capture exactly once when five tabs save in quick succession', async () => {
    const session = await start();
    await setupVaultFirefox(session);
    const users = ['ff.tab0', 'ff.tab1', 'ff.tab2', 'ff.tab3', 'ff.tab0'].map((u) => `${u}@acme.example.com`);
    const pages = await Promise.all(users.map((u, i) => openWebmailFirefox(session, 'gmail', tokenPage('gmail', u, `Ft${i === 4 ? 0 : i}xAb7Cd0Ef3Gh6Ij9Kl2Mn`))));
    await Promise.all(pages.map((p) => p.waitForSelector('tokenkeep-banner')));
    // Keys reach only the active tab, so the presses go one tab after another, without
    // waiting for any save to finish: the five saves overlap in the background.
    for (const p of pages) await saveWithKeyboard(p);
    await expect.poll(async () => (await popupTextFirefox(session)).match(/ff\.tab\d@acme\.example\.com/g)?.length ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    const text = await popupTextFirefox(session);
    for (const user of new Set(users)) expect(text.split(user).length - 1).toBeGreaterThanOrEqual(1);
    const page = await popup(session);
    const reply = (await page.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: 'accounts.list' }))) as {
      data: { accounts: Array<{ username: string; history: unknown[] }> };
    };
    expect(reply.data.accounts.map((a) => a.username).sort()).toEqual([...new Set(users)].sort());
    expect(reply.data.accounts.every((a) => a.history.length === 0)).toBe(true);
  });

  it('leaves no token, username or passphrase in plain text in the profile, after save, lock and restart', async () => {
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'tk-ff-profile-'));
    tracked.removeAfter(profileDir);
    const secrets = { username: 'ff.disk@acme.example.com', token: 'Fd4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    let session = await start(profileDir);
    await setupVaultFirefox(session);
    await capture(session, secrets.username, secrets.token);
    await expect.poll(() => popupTextFirefox(session), { timeout: 10_000 }).toContain(secrets.username);
    // A marker written next to the vault proves the search can see what the add-on stores.
    const page = await popup(session);
    await page.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.set({ marker: 'PlainMarker-7Qw2' }));
    await page.close();
    await lock(session);
    await session.close();

    session = await start(profileDir);
    const again = await unlock(session, E2E_PASSPHRASE);
    await again.waitForFunction((u) => document.body.textContent!.includes(u), { timeout: 15_000 }, secrets.username);
    await again.close();
    await lock(session);
    await session.close();

    expect(await countFiles(profileDir)).toBeGreaterThan(20);
    expect(await findSecretsOnDisk(profileDir, ['PlainMarker-7Qw2'])).not.toEqual([]);
    expect(await findSecretsOnDisk(profileDir, [...Object.values(secrets), E2E_PASSPHRASE])).toEqual([]);
  });
});
