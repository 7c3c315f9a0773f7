/**
 * npm run screenshots: renders the README's pictures of the save banner over
 * a Gmail token email, the popup in each state (first run, locked, list,
 * menu, details, edit) and the options page, from the built extension in
 * headless Chromium, into docs/screenshots/. The terminal bridge's pictures
 * (its options section, a consent window, and a terminal using it) come from
 * headless Firefox, which can grant the permission without its prompt: the
 * terminal's text is what the real CLI printed.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { build, ROOT } from './lib/build';
import { launchChromium } from './lib/chromium';
import { allowForFirefox, firefoxConsentWindow, startFirefoxWithBridge, terminalHome, tokenkeep } from './lib/terminal';
import { gmailTokenPage } from '../tests/fixtures/pages';
import { bitwardenJson } from '../tests/fixtures/import/make';
import { liveAccounts, startLiveSite } from '../tests/e2e/support/live-site';
import { firefoxProxyPrefs } from '../tests/e2e/support/proxy';
import { bannerButtonEnabled } from './lib/banner-chromium';
import { DEMO_EMAIL, E2E_PASSPHRASE, GMAIL_CONVERSATION_URL, setupVaultChromium } from './lib/flows';
import { sendOk } from './lib/messaging';
import { inputFromFlat } from '../utils/vault/flat';
import type { Account } from '../utils/vault/account';
import githubKind from '../utils/kinds/github.kind';
import salesforceKind from '../utils/kinds/salesforce.kind';
import salesforceOauthKind from '../utils/kinds/salesforce-oauth.kind';

const OUT = path.join(ROOT, 'docs/screenshots');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

const ACCOUNTS = [
  { label: 'Acme production', username: 'integration@acme.com', environment: 'production', issued: -3, color: 'red' },
  { label: 'Acme UAT', username: 'integration@acme.com.uat', environment: 'sandbox', issued: -40, color: 'green' },
  { label: 'Acme QA', username: 'integration@acme.com.qa', environment: 'sandbox', issued: -2, expires: 9 },
  { label: 'Globex Jitterbit', username: 'jb.service@globex.example', environment: 'production', issued: -120 },
];

const capture = (username: string, token: string, date: string) => ({
  type: 'capture.save',
  capture: {
    provider: salesforceKind.name,
    username,
    token,
    sender: { name: 'Salesforce', address: 'support@salesforce.com' },
    subject: 'Your new Salesforce security token',
    date,
  },
});

/** Accounts as a user has them: captured from emails of different dates, then given a password and a name. */
async function seed(page: Page) {
  for (const [i, a] of ACCOUNTS.entries()) {
    await sendOk(page, capture(a.username, `Old${i}Ab7Cd0Ef3Gh6Ij9Kl2Mn`, day(a.issued - 90)));
    const { accountId } = (await sendOk(page, capture(a.username, `Xk${i}9fPqL0mZr7TbV4nWc1yHs`, day(a.issued)))) as { accountId: string };
    const { account } = (await sendOk(page, { type: 'account.get', id: accountId })) as { account: Account };
    await sendOk(page, {
      type: 'account.save',
      account: {
        ...inputFromFlat({
          id: account.id,
          kind: account.kind,
          ...account.fields,
          sites: account.sites,
          label: a.label,
          password: `Example-${i}-pass`,
          expiresAt: a.expires ? day(a.expires).slice(0, 10) : '',
        }),
        // Production in red, the sandbox in green: the stripe in the list and the tab Log in opens.
        ...(a.color ? { color: a.color } : {}),
      },
    });
  }
  await sendOk(page, {
    type: 'account.save',
    account: inputFromFlat({ kind: githubKind.name, label: 'CI deploy bot', token: `ghp_${'a1B2'.repeat(9)}`, sites: [] }),
  });
}

async function shot(page: Page, name: string, scheme: 'light' | 'dark' = 'light') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const session = await launchChromium({ extensionDir: build('chrome') });
  try {
    let popup = await session.openExtensionPage('popup.html');
    await popup.getByRole('heading', { name: 'Choose a passphrase' }).waitFor();
    await shot(popup, 'popup-setup');
    await popup.close();
    await setupVaultChromium(session);

    const gmail = await session.newPageServing('https://mail.google.com', gmailTokenPage(DEMO_EMAIL));
    await gmail.setViewportSize({ width: 1280, height: 400 });
    await gmail.goto(GMAIL_CONVERSATION_URL);
    await gmail.locator('tokenkeep-banner').waitFor({ state: 'attached' });
    // The picture shows the banner at rest, Save ready (it waits a moment after appearing, against clickjacking).
    while (!(await bannerButtonEnabled(gmail, 'button.save'))) await gmail.waitForTimeout(50);
    await shot(gmail, 'banner');
    await gmail.close();

    popup = await session.openExtensionPage('popup.html');
    await seed(popup);
    await popup.reload();
    await popup.getByRole('button', { name: 'More for Acme UAT' }).waitFor();
    await shot(popup, 'popup-list');
    await shot(popup, 'popup-list-dark', 'dark');
    await popup.getByRole('button', { name: 'Copy password + token for Acme UAT' }).click();
    await popup.getByRole('button', { name: 'More for Acme production' }).click();
    await shot(popup, 'popup-menu');
    await popup.keyboard.press('Escape');
    await popup.getByRole('button', { name: /^Acme UAT/ }).click();
    await shot(popup, 'popup-details');
    await popup.getByRole('button', { name: 'Edit…' }).click();
    await shot(popup, 'popup-edit');

    // The kinds that outlive login(): a JWT bearer account being added, and an OAuth app's copy menu.
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByRole('button', { name: '← Accounts' }).click();
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByLabel('Paste a credential').fill(readFileSync(path.join(ROOT, 'tests/fixtures/kinds/jwt-key.pem'), 'utf8'));
    await popup.getByLabel('Name', { exact: true }).fill('CI deploy (JWT)');
    await popup.getByLabel('Consumer key').fill('3MVG9Example_ConsumerKey.JWT');
    await popup.getByLabel('Username').fill('ci.deploy@acme.com');
    await popup.getByLabel('Certificate (PEM, optional)').fill(readFileSync(path.join(ROOT, 'tests/fixtures/kinds/jwt-cert.pem'), 'utf8'));
    await shot(popup, 'kind-jwt-form');
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await sendOk(popup, {
      type: 'account.save',
      account: inputFromFlat({
        kind: salesforceOauthKind.name,
        label: 'Data sync app',
        clientId: '3MVG9Example_ConsumerKey.OAuth',
        clientSecret: 'Example-secret',
        myDomain: 'https://acme.my.salesforce.com',
        sites: [],
      }),
    });
    await popup.reload();
    await popup.getByRole('button', { name: 'More for Data sync app' }).click();
    await shot(popup, 'kind-oauth-menu');
    await popup.keyboard.press('Escape');
    await popup.getByRole('button', { name: 'Lock', exact: true }).click();
    await popup.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
    await shot(popup, 'popup-locked', 'dark');

    const options = await session.openExtensionPage('options.html', { width: 760, height: 1100 });
    await options.getByRole('heading', { name: 'Tokenkeep settings' }).waitFor();
    await shot(options, 'options');

    // The sync section, on, with the quota meter.
    await sendOk(options, { type: 'vault.unlock', passphrase: E2E_PASSPHRASE });
    await options.reload();
    await options.getByLabel('Sync this vault through Chrome sync').click();
    await options.locator('#sync').getByText('Tokenkeep now writes this vault, encrypted').waitFor();
    await options.emulateMedia({ colorScheme: 'light' });
    await options.locator('#sync').screenshot({ path: path.join(OUT, 'options-sync.png') });
    console.log('docs/screenshots/options-sync.png');
  } finally {
    await session.close();
  }
}

const escape = (text: string) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/** A terminal window showing each command after its prompt, then what it printed. */
const terminalPage = (steps: Array<{ command: string; output: string }>) => `<!doctype html><meta charset="utf-8"><style>
  body { margin: 0; background: #d9dde3; font: 14px/1.45 'DejaVu Sans Mono', monospace; }
  .window { margin: 16px; border-radius: 8px; overflow: hidden; box-shadow: 0 4px 16px #0004; background: #1e2229; color: #d7dae0; }
  .bar { background: #2d323b; color: #9aa1ad; padding: 6px 12px; font: 12px sans-serif; }
  pre { margin: 0; padding: 12px 14px; white-space: pre-wrap; font: inherit; }
  .prompt { color: #7fd18b; } .cmd { color: #fff; }
</style><div class="window"><div class="bar">~/src/acme-etl</div><pre>${steps
  .map((s) => `<span class="prompt">~/src/acme-etl $</span> <span class="cmd">${escape(s.command)}</span>\n${escape(s.output)}`)
  .join('')}<span class="prompt">~/src/acme-etl $</span> </pre></div>`;

/** The terminal bridge: its options section on, a consent window, and a terminal that used it. */
async function terminalShots() {
  const home = await terminalHome();
  const accounts = (
    [
      ['Acme production', 'integration@acme.com', 'production'],
      ['Acme UAT', 'integration@acme.com.uat', 'sandbox'],
    ] as const
  ).map(([label, username, environment]) =>
    inputFromFlat({ kind: salesforceKind.name, label, username, password: 'Example-0-pass', token: 'Xk09fPqL0mZr7TbV4nWc1yHs', environment }),
  );
  const { session, options } = await startFirefoxWithBridge(home, accounts);
  try {
    const section = await options.$('#terminal');
    await section!.screenshot({ path: path.join(OUT, 'options-terminal.png') });
    console.log('docs/screenshots/options-terminal.png');

    await writeFile(
      path.join(home.cwd, 'sync.mjs'),
      'console.log(`Logging in to ${process.env.SF_LOGIN_URL} as ${process.env.SF_USERNAME}`);\nconsole.log(`password: ${process.env.SF_PASSWORD}`);\n',
    );
    // Each asks in a window: the first is pictured; the last names two accounts, and the window asks which.
    const steps: Array<{ command: string; args: string[]; pick?: string }> = [
      { command: 'tokenkeep env "acme production"', args: ['env', 'acme production'] },
      { command: 'tokenkeep run "acme production" -- node sync.mjs', args: ['run', 'acme production', '--', process.execPath, 'sync.mjs'] },
      { command: 'tokenkeep get acme token', args: ['get', 'acme', 'token'], pick: 'Acme UAT' },
    ];
    const shown: Array<{ command: string; output: string }> = [];
    for (const [i, step] of steps.entries()) {
      const consent = firefoxConsentWindow(session);
      const run = tokenkeep(home, step.args);
      const window = await consent;
      if (i === 0) {
        await window.setViewport({ width: 460, height: 600 });
        // Pictured as the user answers it: once the Allow buttons are armed.
        await window.waitForSelector('button.primary:not([disabled])');
        await window.screenshot({ path: path.join(OUT, 'terminal-consent.png') });
        console.log('docs/screenshots/terminal-consent.png');
      }
      await allowForFirefox(window, 'once', step.pick);
      const { stdout, stderr } = await run;
      // On a terminal, tokenkeep get ends its value with a newline; here it printed into a pipe.
      shown.push({ command: step.command, output: (stdout + stderr).replace(/([^\n])$/, '$1\n') });
    }
    const terminal = await session.browser.newPage();
    await terminal.setViewport({ width: 760, height: 330 });
    await terminal.setContent(terminalPage(shown));
    await terminal.screenshot({ path: path.join(OUT, 'terminal.png') });
    console.log('docs/screenshots/terminal.png');
  } finally {
    await session.close();
    await home.remove();
  }
}

/**
 * Live credentials, in Firefox against the stand-in (tests/e2e/support/live-site.ts): the consent window
 * for an access token, and the account's details after "Check", with "Open org".
 */
async function liveShots() {
  const site = await startLiveSite();
  const home = await terminalHome();
  const { session } = await startFirefoxWithBridge(home, [liveAccounts.oauth as never], { prefs: firefoxProxyPrefs(site.proxy), acceptInsecureCerts: true });
  try {
    const consent = firefoxConsentWindow(session);
    const run = tokenkeep(home, ['token', 'Acme production']);
    const window = await consent;
    await window.setViewport({ width: 460, height: 640 });
    await window.waitForSelector('button.primary:not([disabled])');
    await window.screenshot({ path: path.join(OUT, 'live-consent.png') });
    console.log('docs/screenshots/live-consent.png');
    await allowForFirefox(window, 'once');
    if ((await run).code !== 0) throw new Error('screenshots: tokenkeep token failed');

    const popup = await session.openExtensionPage('popup.html?window', { width: 380, height: 640 });
    await popup.click('.row-main');
    await popup.click('::-p-text(Check that it works)');
    await popup.waitForSelector('.live-check');
    await popup.screenshot({ path: path.join(OUT, 'live-open-org.png') });
    console.log('docs/screenshots/live-open-org.png');
  } finally {
    await session.close();
    await home.remove();
    await site.close();
  }
}

/** Options › Import from another tool: a Bitwarden export's preview, one entry already in the vault. */
async function importShots() {
  const dir = await mkdtemp(path.join(tmpdir(), 'tokenkeep-shots-'));
  const file = path.join(dir, 'bitwarden_export.json');
  await writeFile(file, bitwardenJson());
  const session = await launchChromium({ extensionDir: build('chrome') });
  try {
    const options = await session.openExtensionPage('options.html#import-accounts', { width: 820, height: 900 });
    await sendOk(options, { type: 'vault.setup', passphrase: E2E_PASSPHRASE });
    await sendOk(options, {
      type: 'account.save',
      account: inputFromFlat({ kind: salesforceKind.name, label: 'Acme UAT', username: 'jane@acme.com.uat', password: 'kept', environment: 'sandbox' }),
    });
    await options.reload();
    await options.setInputFiles('#import-accounts input[type="file"]', file);
    await options.getByText('Nothing is saved until you import.').waitFor();
    await options.getByRole('checkbox', { name: 'CI bot token' }).click();
    await options.emulateMedia({ colorScheme: 'light' });
    await options.locator('#import-accounts').screenshot({ path: path.join(OUT, 'import-preview.png') });
    console.log('docs/screenshots/import-preview.png');
  } finally {
    await session.close();
  }
}

// --only=terminal, --only=live or --only=import renders those pictures alone.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
(only === 'live'
  ? liveShots()
  : only === 'import'
    ? importShots()
    : (only === 'terminal' ? Promise.resolve() : main()).then(terminalShots).then(liveShots).then(importShots)
).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
