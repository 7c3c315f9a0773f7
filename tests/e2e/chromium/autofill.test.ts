import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { quietPeriod, startChromium } from '../support/launch';
import { sendOk } from '../../../scripts/lib/messaging';
import { expectNoAxeViolations } from '../support/axe';
import { setupVaultChromium } from '../support/flows';
import { form, VALUES_SCRIPT, withReactLikeInput } from '../support/forms';
import { trackedSessions } from '../support/sessions';
import { salesforceAccount, TOKEN } from '../support/accounts';

const tracked = trackedSessions(startChromium);
const ACCOUNT = salesforceAccount();

async function start(): Promise<ChromiumSession> {
  const session = await tracked.start();
  await setupVaultChromium(session);
  const page = await session.openExtensionPage('popup.html');
  await sendOk(page, { type: 'account.save', account: ACCOUNT });
  await page.close();
  return session;
}

/** Opens `html` at `url`, clicks Tokenkeep's toolbar button over it, and returns the page and a popup window to drive. */
async function openAndClick(session: ChromiumSession, url: string, html: string): Promise<{ page: Page; popup: Page }> {
  const page = await session.newPageServing(new URL(url).origin, html);
  await page.goto(url);
  await session.clickAction(page);
  const popup = await session.popOut();
  await popup.getByRole('searchbox', { name: 'Search accounts' }).waitFor();
  return { page, popup };
}

const values = (page: Page) => page.evaluate(VALUES_SCRIPT);

describe('autofill in Chromium', () => {
  it('fills the Salesforce login from the popup: username and password, no token on Salesforce itself', async () => {
    const session = await start();
    const { page, popup } = await openAndClick(session, 'https://login.salesforce.com/?locale=uk', form('salesforce-login.html'));
    await popup.getByRole('button', { name: 'Fill Acme prod on login.salesforce.com' }).waitFor();
    await expectNoAxeViolations(popup, 'fill: accounts of this site');
    await popup.getByRole('button', { name: 'Fill Acme prod on login.salesforce.com' }).click();
    await expect.poll(() => values(page)).toMatchObject({ username: 'integration@acme.com', password: 'Pa55-word!' });
  });

  it('asks before filling on a new site, then fills the separate token field; a React-controlled input sees typing', async () => {
    const session = await start();
    const html = withReactLikeInput(form('jitterbit-connection.html'), 'conn-user');
    const { page, popup } = await openAndClick(session, 'https://apps.jitterbit.example/connections/new', html);
    // Not one of the account's sites: nothing is offered until the user says so.
    expect(await popup.getByRole('button', { name: /^Fill / }).count()).toBe(0);
    await popup.getByRole('button', { name: 'More for Acme prod' }).click();
    await popup.getByRole('menuitem', { name: 'Fill on apps.jitterbit.example' }).click();
    await popup.getByRole('alertdialog').getByText('Fill Acme prod on https://apps.jitterbit.example and remember it?').waitFor();
    await expectNoAxeViolations(popup, 'fill: new site question');
    expect(await values(page)).toMatchObject({ 'conn-user': '', 'conn-pass': '', 'conn-token': '' });
    await popup.getByRole('button', { name: 'Fill and remember' }).click();
    await expect.poll(() => values(page)).toMatchObject({ 'conn-host': 'https://login.salesforce.com', 'conn-user': 'integration@acme.com', 'conn-pass': 'Pa55-word!', 'conn-token': TOKEN });
    expect(await page.evaluate(() => (window as unknown as { seen: unknown }).seen)).toEqual({
      events: ['focus', 'keydown', 'input', 'keyup', 'change', 'blur'],
      state: 'integration@acme.com',
    });
    // The site was remembered: the popup now offers Fill there directly.
    await popup.reload();
    await popup.getByRole('button', { name: 'Fill Acme prod on apps.jitterbit.example' }).waitFor();
  });

  it('asks whether the token goes with the password where the form has no token field, and remembers the answer', async () => {
    const session = await start();
    const url = 'https://workbench.developerforce.example/login.php';
    let { page, popup } = await openAndClick(session, url, form('workbench-login.html'));
    await popup.getByRole('button', { name: 'More for Acme prod' }).click();
    await popup.getByRole('menuitem', { name: /^Fill on / }).click();
    await popup.getByRole('button', { name: 'Fill and remember' }).click();
    await popup.getByRole('alertdialog').getByText(/has no field for the security token/).waitFor();
    await expectNoAxeViolations(popup, 'fill: token question');
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Password + token' }).click();
    await expect.poll(() => values(page)).toMatchObject({ un: 'integration@acme.com', pw: `Pa55-word!${TOKEN}` });

    await page.close();
    await popup.close();
    ({ page, popup } = await openAndClick(session, url, form('workbench-login.html')));
    await popup.getByRole('button', { name: `Fill Acme prod on ${new URL(url).host}` }).click();
    await expect.poll(() => values(page)).toMatchObject({ pw: `Pa55-word!${TOKEN}` });
    expect(await popup.getByRole('alertdialog').count()).toBe(0);
  });

  it('never fills a cross-origin iframe, nor a sandboxed one, on a listed site', async () => {
    const session = await start();
    const login = form('salesforce-login.html');
    await session.serve('https://evil.example', login);
    const top = `<!doctype html><body><p>Portal</p>
      <iframe id="cross" src="https://evil.example/login"></iframe>
      <iframe id="sandboxed" sandbox="allow-scripts allow-forms" srcdoc="${login.replace(/"/g, '&quot;')}"></iframe></body>`;
    const { page, popup } = await openAndClick(session, 'https://acme.my.salesforce.com/portal', top);
    await popup.getByRole('button', { name: 'Fill Acme prod on acme.my.salesforce.com' }).click();
    await popup.getByRole('status').getByText('Tokenkeep found no login form it may fill on acme.my.salesforce.com.').waitFor();
    for (const frame of page.frames().slice(1)) expect(await frame.evaluate(VALUES_SCRIPT)).toMatchObject({ username: '', password: '' });
  });

  it('fills nothing on an unlisted site when the user does not confirm it', async () => {
    const session = await start();
    const { page, popup } = await openAndClick(session, 'https://phish.example/login', form('salesforce-login.html'));
    await popup.getByRole('button', { name: 'More for Acme prod' }).click();
    // The round trip that asks the question is most of what a fill would take.
    const asked = Date.now();
    await popup.getByRole('menuitem', { name: 'Fill on phish.example' }).click();
    await popup.getByRole('button', { name: 'Cancel' }).waitFor();
    const askMs = Date.now() - asked;
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByRole('alertdialog').waitFor({ state: 'detached' });
    await page.waitForTimeout(quietPeriod(askMs));
    expect(await values(page)).toMatchObject({ username: '', password: '' });
    // Nor was the site remembered: asking again asks the same question.
    await popup.getByRole('button', { name: 'More for Acme prod' }).click();
    await popup.getByRole('menuitem', { name: 'Fill on phish.example' }).click();
    await popup.getByRole('alertdialog').getByText('Fill Acme prod on https://phish.example and remember it?').waitFor();
  });
});
