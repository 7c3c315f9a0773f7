/** Import email file (the options page), in Chromium and in Firefox alike: a token saved from an .eml file, and a forwarded one refused. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../support/driver';
import { driver } from '../support/drivers';
import { ROOT } from '../support/paths';
import { setUpVault } from '../support/steps';

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
