import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bannerText, clickBanner } from '../../../scripts/lib/banner-chromium';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startChromium } from '../support/launch';
import { openWebmail, setupVaultChromium } from '../support/flows';
import { holdVaultWrites } from '../support/damage';
import { trackedSessions } from '../support/sessions';
import { tokenPage } from '../support/webmail';

const tracked = trackedSessions(startChromium);
const start = (profileDir?: string) => tracked.start({ profileDir });

/** Sends a protocol request from a real extension page, as the popup does. */
function request(page: Page, message: unknown) {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>;
}

async function captureOn(session: ChromiumSession, username: string, token: string) {
  const page = await openWebmail(session, 'gmail', tokenPage('gmail', username, token));
  await page.locator('tokenkeep-banner').waitFor({ state: 'attached' });
  await clickBanner(page, 'button.save');
  await expect.poll(() => bannerText(page)).toContain('Saved');
  return page;
}

/** What only Chromium can show: its service worker killed mid-write. The rest is in ../shared/vault.test.ts. */
describe('vault in Chromium', () => {
  it('keeps every acknowledged account and no half-written one when the service worker is killed in the middle of a write, and works after', async () => {
    const session = await start();
    await setupVaultChromium(session);
    const popup = await session.openExtensionPage('popup.html');
    const save = (i: number) =>
      request(popup, {
        type: 'capture.save',
        capture: {
          provider: 'salesforce',
          username: `kill${i}@acme.example.com`,
          token: `Kl${String(i).padStart(2, '0')}Ab7Cd0Ef3Gh6Ij9Kl2Mn`,
          sender: { name: 'Salesforce', address: 'support@salesforce.com' },
          subject: 'Your new Salesforce security token',
        },
      });
    // Three saves acknowledged before anything goes wrong.
    for (const i of [0, 1, 2]) expect(await save(i)).toMatchObject({ ok: true });
    // The disk stalls: the next saves wait on IndexedDB, and the worker dies with them in flight.
    await popup.evaluate(holdVaultWrites);
    const stalled = [3, 4, 5].map((i) =>
      save(i).then(
        (reply) => reply,
        // A killed worker leaves the message with no answer at all: not acknowledged either.
        (err: Error) => ({ ok: false, error: { code: 'killed', message: err.message } }),
      ),
    );
    const cdp = await session.context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // A save still queued for the worker when it died (a busy machine delivers late) goes to the next
    // worker and waits on the held store too: release it before waiting for the answers.
    await popup.evaluate(() => (window as unknown as { releaseVaultWrites: () => void }).releaseVaultWrites());
    const replies = await Promise.all(stalled);
    const acknowledged = [0, 1, 2, ...[3, 4, 5].filter((_, i) => replies[i]?.ok === true)].map((i) => `kill${i}@acme.example.com`);

    // The next request wakes a new worker, which restores the key from the session store.
    await expect.poll(async () => (await request(popup, { type: 'vault.status' })).data?.state).toBe('unlocked');
    const list = await request(popup, { type: 'accounts.list' });
    expect(list.data.problems).toEqual([]);
    // Exactly what was acknowledged: every save killed in flight left nothing behind, not even half.
    const stored = (list.data.accounts as Array<{ fields: { username: string } }>).map((a) => a.fields.username).sort();
    expect(stored).toEqual(acknowledged.sort());
    // The vault is usable: a new capture is stored.
    await captureOn(session, 'after-kill@acme.example.com', 'Ak4Ab7Cd0Ef3Gh6Ij9Kl2Mn5');
    const after = await session.openExtensionPage('popup.html');
    await after.getByRole('button', { name: 'More for after-kill@acme.example.com' }).waitFor();
  });
});
