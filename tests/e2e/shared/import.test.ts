/**
 * The options page's two imports, in Chromium and in Firefox alike: a token
 * saved from an .eml file (and a forwarded one refused); and other tools'
 * exports (a KeePass database, a Bitwarden JSON) previewed, one entry
 * unticked, confirmed, found in the popup, and imported again to no change;
 * a heavy key derivation read off the page's thread, and cancelled.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitwardenJson, bitwardenProtected, makeKdbx, onePux, PASSWORD } from '../../fixtures/import/make';
import type { Running } from '../support/driver';
import { driver } from '../support/drivers';
import { ROOT } from '../support/paths';
import { requestOk, setUpVault } from '../support/steps';

const browser = await driver();
let b: Running;
beforeAll(async () => {
  b = await browser.start();
  await (await setUpVault(b)).close();
});
afterAll(() => b?.close());

const fixture = (name: string) => path.join(ROOT, 'tests/fixtures/email', name);
const EMAIL_FILE = '#import input[type="file"]';

describe(`Import email file (options page) in ${browser.name}`, () => {
  it('saves the token from an .eml file, and the popup lists the account', async () => {
    const options = await b.extensionPage('options.html#import', { width: 800, height: 900 });
    await options.setFiles(EMAIL_FILE, fixture('token-qp.eml'));
    await options.click({ role: 'button', name: 'Save token for dev.user@example.org' });
    await options.showsText('Saved.');
    const popup = await b.popup();
    await popup.waitFor({ role: 'button', name: 'More for dev.user@example.org' });
  });

  it('refuses a token email forwarded by someone else, saying why', async () => {
    const options = await b.extensionPage('options.html#import', { width: 800, height: 900 });
    await options.setFiles(EMAIL_FILE, fixture('forwarded-as-attachment.eml'));
    await options.showsText('No Salesforce security token from a salesforce.com sender was found in forwarded-as-attachment.eml.');
    expect((await options.texts('button')).filter((t) => t.startsWith('Save token for'))).toEqual([]);
  });
});

describe(`Import from another tool (options page) in ${browser.name}`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenkeep-import-'));
  const EXPORT_FILE = '#import-accounts input[type="file"]';
  let kdbx: string;
  let bitwarden: string;
  beforeAll(async () => {
    kdbx = path.join(dir, 'work.kdbx');
    writeFileSync(kdbx, await makeKdbx());
    bitwarden = path.join(dir, 'bitwarden_export.json');
    writeFileSync(bitwarden, bitwardenJson());
  });

  it('imports a KeePass database after its password: the preview names each entry, an unticked one stays out, the rest are in the popup', async () => {
    const options = await b.extensionPage('options.html#import-accounts', { width: 900, height: 1000 });
    await options.setFiles(EXPORT_FILE, kdbx);
    await options.showsText('This KeePass database is locked: enter its password.');
    await options.fill('#import-password', PASSWORD);
    await options.click({ role: 'button', name: 'Open' });
    await options.showsText('3 entries in work.kdbx (KeePass KDBX). Nothing is saved until you import.');
    expect(await options.texts('.import-preview .entry-outcome')).toEqual(['New account', 'New account', 'New account']);
    await options.waitFor({ text: 'Fill on wiki.acme.example', within: '.import-preview' });
    await options.click({ role: 'checkbox', name: 'Team wiki' });
    await options.click({ role: 'button', name: 'Import 2 entries' });
    await options.showsText('Imported from work.kdbx: 2 added, 0 updated, 0 already in Tokenkeep.');
    const popup = await b.popup();
    await popup.waitFor({ role: 'button', name: 'More for Acme production' });
    await popup.waitFor({ role: 'button', name: 'More for Acme CI org' });
    expect(await popup.text()).not.toContain('Team wiki');
    await popup.close();
  });

  it('imports a Bitwarden JSON with one entry unticked; the same file again changes nothing', async () => {
    const options = await b.extensionPage('options.html#import-accounts', { width: 900, height: 1000 });
    await options.setFiles(EXPORT_FILE, bitwarden);
    await options.showsText('3 entries in bitwarden_export.json (Bitwarden JSON).');
    await options.click({ role: 'checkbox', name: 'CI bot token' });
    await options.click({ role: 'button', name: 'Import 2 entries' });
    await options.showsText('Imported from bitwarden_export.json: 2 added, 0 updated, 0 already in Tokenkeep.');
    const popup = await b.popup();
    await popup.waitFor({ role: 'button', name: 'More for Acme sandbox' });
    await popup.waitFor({ role: 'button', name: 'More for Integration app' });
    // The popup's tab is closed first: a page behind another tab draws no frames, and a click waits for one.
    await popup.close();
    const before = await requestOk(options, { type: 'accounts.list' });

    await options.setFiles(EXPORT_FILE, bitwarden);
    await options.showsText('3 entries in bitwarden_export.json (Bitwarden JSON).');
    expect(await options.texts('.import-preview .entry-outcome')).toEqual([
      'Already in Tokenkeep (“Acme sandbox”)',
      'Already in Tokenkeep (“Integration app”)',
      'New account',
    ]);
    await options.click({ role: 'checkbox', name: 'CI bot token' });
    await options.click({ role: 'button', name: 'Import 2 entries' });
    await options.showsText('Imported from bitwarden_export.json: 0 added, 0 updated, 2 already in Tokenkeep.');
    expect(await requestOk(options, { type: 'accounts.list' })).toEqual(before);
  });

  it('opens an export with a heavy key derivation off the page: the page answers while it runs, and Cancel reading ends it', async () => {
    // Argon2id over 256 MiB, ten passes: inside Bitwarden's own ranges, and seconds of work. Its ciphertexts are never reached.
    const block = (n: number) => Buffer.alloc(n, 7).toString('base64');
    const heavy = path.join(dir, 'bitwarden_heavy_export.json');
    writeFileSync(
      heavy,
      JSON.stringify({
        encrypted: true,
        passwordProtected: true,
        salt: 'c2FsdA==',
        kdfType: 1,
        kdfIterations: 10,
        kdfMemory: 256,
        kdfParallelism: 4,
        encKeyValidation_DO_NOT_EDIT: `2.${block(16)}|${block(16)}|${block(32)}`,
        data: `2.${block(16)}|${block(32)}|${block(32)}`,
      }),
    );
    const options = await b.extensionPage('options.html#import-accounts', { width: 900, height: 1000 });
    await options.setFiles(EXPORT_FILE, heavy);
    await options.fill('#import-password', 'export pw');
    await options.click({ role: 'button', name: 'Open' });
    await options.showsText('Reading bitwarden_heavy_export.json…');
    // This runs on the page's own thread: had the derivation run there, it would answer only once the reading was over.
    expect(await options.evaluate(() => document.body.innerText.includes('Reading bitwarden_heavy_export.json…'), undefined)).toBe(true);
    await options.click({ role: 'button', name: 'Cancel reading' });
    expect(await options.evaluate(() => document.body.innerText.includes('Reading'), undefined)).toBe(false);
    // The next file reads at once, and nothing of the cancelled one comes back.
    writeFileSync(path.join(dir, 'after.env'), 'GITHUB_TOKEN=ghp_' + 'a1B2'.repeat(9) + '\n');
    await options.setFiles(EXPORT_FILE, path.join(dir, 'after.env'));
    await options.showsText('1 entry in after.env (.env file)');
    expect(await options.text()).not.toContain('bitwarden_heavy_export.json');
    await options.close();
  });

  it('reads the other formats in the page too: a password-protected Bitwarden export, 1PUX, a browser CSV, an ORGanizer export and a .env file', async () => {
    const files: Array<[string, string | Uint8Array, string]> = [
      [
        'bitwarden_encrypted_export.json',
        await bitwardenProtected('export pw'),
        '3 entries in bitwarden_encrypted_export.json (Bitwarden JSON (password-protected))',
      ],
      ['1PasswordExport.1pux', onePux(), '2 entries in 1PasswordExport.1pux (1Password 1PUX)'],
      [
        'Chrome Passwords.csv',
        'name,url,username,password,note\nwiki,https://wiki.acme.example/,jane,pw,\n',
        '1 entry in Chrome Passwords.csv (Chrome or Edge passwords CSV)',
      ],
      [
        'organizer.json',
        JSON.stringify({
          accounts: [{ n: 'Acme UAT', u: 'jane@acme.com.uat', p: 'pw', t: 'PVmuqFRxEP0LG40WUka5vPJjG', r: 'https://test.salesforce.com' }],
          orgs: [],
        }),
        '1 entry in organizer.json (ORGanizer JSON)',
      ],
      ['.env', 'SF_USERNAME=ops@acme.com\nSF_PASSWORD="pw"\nPORT=3000\n', '2 entries in .env (.env file)'],
    ];
    const options = await b.extensionPage('options.html#import-accounts', { width: 900, height: 1000 });
    for (const [name, content, preview] of files) {
      writeFileSync(path.join(dir, name), content);
      await options.setFiles(EXPORT_FILE, path.join(dir, name));
      if (name.includes('encrypted')) {
        await options.fill('#import-password', 'export pw');
        await options.click({ role: 'button', name: 'Open' });
      }
      await options.showsText(preview);
      await options.click({ role: 'button', name: 'Cancel' });
    }
  });
});
