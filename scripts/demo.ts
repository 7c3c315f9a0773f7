/**
 * npm start: the whole path in a real Chromium. A Gmail page (served under
 * https://mail.google.com by route interception) shows a token email; the
 * extension offers it, the demo clicks Save, and the popup shows the account.
 * Headless when there is no display or with --headless: it prints each step
 * and writes screenshots to demo-output/. Exits non-zero if a step fails.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { bannerText, clickBanner } from './lib/banner-chromium';
import { extensionDir, ROOT } from './lib/build';
import { launchChromium, type ChromiumSession } from './lib/chromium';
import { DEMO_EMAIL, GMAIL_CONVERSATION_URL, setupVaultChromium } from './lib/flows';
import { gmailTokenPage } from '../tests/fixtures/pages';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const OUT = path.join(ROOT, 'demo-output');
const DEMO_PASSPHRASE = 'demo passphrase, not a real one';

let step = 0;
async function run<T>(title: string, action: () => Promise<T>): Promise<T> {
  step++;
  const started = Date.now();
  try {
    const result = await action();
    console.log(`✔ ${step}. ${title} (${Date.now() - started} ms)`);
    return result;
  } catch (err) {
    console.error(`✘ ${step}. ${title}: ${(err as Error).message.split('\n')[0]}`);
    throw err;
  }
}

async function main() {
  await mkdir(OUT, { recursive: true });
  console.log(`Tokenkeep demo: ${headless ? 'headless, screenshots go to demo-output/' : 'in a visible Chromium window'}`);
  const session: ChromiumSession = await run('Chromium started with the built extension', () =>
    launchChromium({ extensionDir: extensionDir('chrome'), headless, slowMo: headless ? 0 : 250 }),
  );
  try {
    await run('Vault created: the popup asked for a passphrase twice', () => setupVaultChromium(session, DEMO_PASSPHRASE));
    await session.serve('https://mail.google.com', gmailTokenPage(DEMO_EMAIL));
    const page = await session.context.newPage();
    await run('Gmail opened on a "Your new Salesforce security token" email', async () => {
      await page.goto(GMAIL_CONVERSATION_URL);
      await page.screenshot({ path: path.join(OUT, '1-gmail.png') });
    });
    await run('Tokenkeep banner shown, offering to save the token', async () => {
      await page.locator('tokenkeep-banner').waitFor({ state: 'attached', timeout: 10_000 });
      const text = await bannerText(page);
      if (!text.includes(DEMO_EMAIL.username)) throw new Error(`banner does not name ${DEMO_EMAIL.username}: "${text}"`);
      await page.screenshot({ path: path.join(OUT, '2-banner.png') });
    });
    await run('Save clicked: the background stored the account', async () => {
      await clickBanner(page, 'button.save');
      for (let i = 0; i < 50 && !(await bannerText(page)).includes('Saved'); i++) await page.waitForTimeout(100);
      if (!(await bannerText(page)).includes('Saved')) throw new Error('the banner never confirmed the save');
      await page.screenshot({ path: path.join(OUT, '3-saved.png') });
    });
    await run('Popup lists the account with its copy buttons', async () => {
      const popup = await session.openExtensionPage('popup.html');
      await popup.getByRole('button', { name: `More for ${DEMO_EMAIL.username}` }).waitFor({ timeout: 10_000 });
      await popup.screenshot({ path: path.join(OUT, '4-popup.png') });
    });
    console.log(`Done. Screenshots: ${path.relative(process.cwd(), OUT)}/`);
    if (!headless) {
      console.log('Close the browser window to end the demo.');
      await new Promise((resolve) => session.context.on('close', resolve));
    }
  } finally {
    await session.close().catch(() => undefined);
  }
}

main().catch(() => {
  process.exitCode = 1;
});
