import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { quietPeriod, startChromium } from '../support/launch';
import { sendOk } from '../../../scripts/lib/messaging';
import { expectNoAxeViolations } from '../support/axe';
import { setupVaultChromium } from '../support/flows';
import { form, FORM_CLASS_SITES, UNSEEN_TOKEN_CASES, VALUES_SCRIPT, withReactLikeInput } from '../support/forms';
import { trackedSessions } from '../support/sessions';
import { salesforceAccount, TOKEN } from '../support/accounts';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { openPlanner } from '../../../scripts/lib/plan-in-chromium';
import type { FillPlan } from '../../../utils/autofill/types';
import { extensionDir, ROOT } from '../support/paths';

const tracked = trackedSessions(startChromium);
// Listed beyond the defaults: a connector's site (where no Salesforce rule decides the token question), a billing site, and one
// site each for the forms that once failed (a card number above the login, two logins under Register, a password of 6 digits).
const ACCOUNT = salesforceAccount({
  sites: [...salesforceAccount().sites, 'https://datasync.example', 'https://etl.acme.example', 'https://billing.acme.example', ...FORM_CLASS_SITES],
});

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

/** Opens `html` at `url` under the popup, and chooses "Fill on <host>" from the account's menu. */
async function fillOnFromMenu(session: ChromiumSession, url: string, html: string): Promise<{ page: Page; popup: Page }> {
  const opened = await openAndClick(session, url, html);
  await opened.popup.getByRole('button', { name: 'More for Acme prod' }).click();
  await opened.popup.getByRole('menuitem', { name: `Fill on ${new URL(url).host}` }).click();
  return opened;
}

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
    await expect
      .poll(() => values(page))
      .toMatchObject({ 'conn-host': 'https://login.salesforce.com', 'conn-user': 'integration@acme.com', 'conn-pass': 'Pa55-word!', 'conn-token': TOKEN });
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
    await popup
      .getByRole('alertdialog')
      .getByText(/has no field for the security token/)
      .waitFor();
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

  it('fills the login beside a card number, the first of two logins under a Register button, and nothing into a password field that takes 6 digits, saying why', async () => {
    const session = await start();
    const fillWith = async (url: string, file: string, mode: 'Password only' | 'Password + token') => {
      const opened = await openAndClick(session, url, form(file));
      await opened.popup.getByRole('button', { name: `Fill Acme prod on ${new URL(url).host}` }).click();
      await opened.popup.getByRole('alertdialog').getByRole('button', { name: mode }).click();
      return opened;
    };
    const card = await fillWith('https://portal.acme.example/login', 'card-then-login.html', 'Password only');
    await expect.poll(() => values(card.page)).toEqual({ cc: '', u: 'integration@acme.com', p: 'Pa55-word!' });
    await card.popup.getByText('Left out the field with label "Card number": it is a payment card field.').waitFor();

    const orgs = await fillWith('https://pipelines.acme.example/new', 'two-orgs-register.html', 'Password only');
    await expect.poll(() => values(orgs.page)).toEqual({ 's-user': 'integration@acme.com', 's-pass': 'Pa55-word!', 't-user': '', 't-pass': '' });

    const pin = await fillWith('https://pin.acme.example/login', 'constrained-password.html', 'Password + token');
    await pin.popup.getByText('The password + token does not fit the password field, which takes at most 6 characters. Nothing was filled.').waitFor();
    expect(await values(pin.page)).toEqual({ user: '', pin: '' });
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

  it.each(UNSEEN_TOKEN_CASES)(
    'leaves a token field that %s empty, and asks whether the token goes with the password',
    async (_how, url, html, [user, pass, token]) => {
      const session = await start();
      const { page, popup } = await openAndClick(session, url, html);
      await popup.getByRole('button', { name: `Fill Acme prod on ${new URL(url).host}` }).click();
      // The unseen field does not count as the form's token field, so the question is asked.
      await popup
        .getByRole('alertdialog')
        .getByText(/has no field for the security token/)
        .waitFor();
      await popup.getByRole('alertdialog').getByRole('button', { name: 'Password only' }).click();
      await expect.poll(() => values(page)).toMatchObject({ [user]: 'integration@acme.com', [pass]: 'Pa55-word!' });
      expect(await values(page)).toMatchObject({ [token]: '' });
    },
  );

  it('fills nothing into a 2FA code page or a payment form, on listed sites', async () => {
    const session = await start();
    for (const [url, file, fields] of [
      ['https://acme.my.salesforce.com/_ui/identity/verification/method/EmailVerificationFinishUi', 'twofa-code.html', ['emc']],
      ['https://billing.acme.example/checkout', 'payment-en.html', ['email', 'cardnumber', 'cc-exp', 'cvc', 'billing-name']],
    ] as const) {
      const { page, popup } = await openAndClick(session, url, form(file));
      await popup.getByRole('button', { name: `Fill Acme prod on ${new URL(url).host}` }).click();
      await popup
        .getByRole('status')
        .getByText(`Tokenkeep found no login form it may fill on ${new URL(url).host}.`)
        .waitFor();
      expect(await values(page)).toMatchObject(Object.fromEntries(fields.map((f) => [f, ''])));
      await popup.close();
      await page.close();
    }
  });

  it('fills nothing when the page navigates between the question and "Fill and remember", and remembers nothing', async () => {
    const session = await start();
    const { page, popup } = await fillOnFromMenu(session, 'https://apps.jitterbit.example/connections/new', form('jitterbit-connection.html'));
    await popup.getByRole('alertdialog').getByText('Fill Acme prod on https://apps.jitterbit.example and remember it?').waitFor();
    // Another page of the same site, with the same form, comes while the question is open.
    await page.goto('https://apps.jitterbit.example/connections/other');
    await page.locator('#conn-user').waitFor();
    await popup.getByRole('button', { name: 'Fill and remember' }).click();
    await popup
      .getByRole('status')
      .getByText(/nothing was filled/)
      .waitFor();
    expect(await values(page)).toMatchObject({ 'conn-user': '', 'conn-pass': '', 'conn-token': '' });
    await popup.reload();
    await popup.getByRole('searchbox', { name: 'Search accounts' }).waitFor();
    expect(await popup.getByRole('button', { name: 'Fill Acme prod on apps.jitterbit.example' }).count()).toBe(0);
  });

  it('refuses a plain http:// page, and says why', async () => {
    const session = await start();
    const { page, popup } = await fillOnFromMenu(session, 'http://intranet.acme.example/login', form('salesforce-login.html'));
    await popup
      .getByRole('status')
      .getByText('Tokenkeep fills only https:// pages: intranet.acme.example is plain http, where what is filled travels in the clear.')
      .waitFor();
    expect(await popup.getByRole('alertdialog').count()).toBe(0);
    expect(await values(page)).toMatchObject({ username: '', password: '' });
  });

  it("asks before filling another org's My Domain, though the account lists its own", async () => {
    const session = await start();
    const { page, popup } = await fillOnFromMenu(session, 'https://freeorg-dev-ed.my.salesforce.com/', form('salesforce-login.html'));
    expect(await popup.getByRole('button', { name: /^Fill Acme prod on / }).count()).toBe(0);
    await popup.getByRole('alertdialog').getByText('Fill Acme prod on https://freeorg-dev-ed.my.salesforce.com and remember it?').waitFor();
    expect(await values(page)).toMatchObject({ username: '', password: '' });
  });
});

describe('fill-plan and Chromium', () => {
  it('give the same plan for every form fixture: the CLI lays the page out as the browser does', async () => {
    const session = await tracked.start();
    const filler = path.join(extensionDir('chrome'), 'autofill.js');
    const dir = path.join(ROOT, 'tests/fixtures/forms');
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    const essentials = (p: Pick<FillPlan, 'step' | 'hasTokenField' | 'fields' | 'notes'>) => ({
      step: p.step,
      hasTokenField: p.hasTokenField,
      fields: p.fields.map((f) => `${f.role} ${f.selector}`),
      notes: p.notes,
    });
    // What `npm run fill-plan` runs, one browser for every file.
    const cli = await openPlanner();
    try {
      for (const file of files) {
        const page = await session.newPageServing('https://forms.example', form(file));
        await page.goto(`https://forms.example/${file}`);
        // The extension's own filler script, run in the page: the planner as the extension ships it, with real layout.
        await page.addScriptTag({ path: filler });
        const inBrowser = await page.evaluate(
          () => (globalThis as unknown as { __tokenkeepAutofill: { plan(o: object): { plan: FillPlan } } }).__tokenkeepAutofill.plan({}).plan,
        );
        expect(essentials(await cli.plan(path.join(dir, file))), file).toEqual(essentials(inBrowser));
        await page.close();
      }
    } finally {
      await cli.close();
    }
    expect(files.length).toBeGreaterThanOrEqual(32);
  });
});
