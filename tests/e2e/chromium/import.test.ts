import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumSession } from '../../../scripts/lib/chromium';
import { startChromium } from '../support/launch';
import { setupVaultChromium } from '../support/flows';
import { ROOT } from '../support/paths';

let session: ChromiumSession;
beforeAll(async () => {
  session = await startChromium();
  await setupVaultChromium(session);
});
afterAll(async () => {
  await session?.close();
});

const fixture = (name: string) => path.join(ROOT, 'tests/fixtures/email', name);

describe('Import email file (options page) in Chromium', () => {
  it('saves the token from an .eml file, and the popup lists the account', async () => {
    const options = await session.openExtensionPage('options.html#import', { width: 800, height: 900 });
    await options.getByLabel('Email file', { exact: true }).setInputFiles(fixture('token-qp.eml'));
    await options.getByRole('button', { name: 'Save token for dev.user@example.org' }).click();
    await options.getByText('Saved.').waitFor();
    const popup = await session.openExtensionPage('popup.html');
    await popup.getByRole('button', { name: 'More for dev.user@example.org' }).waitFor();
  });

  it('refuses a token email forwarded by someone else, saying why', async () => {
    const options = await session.openExtensionPage('options.html#import', { width: 800, height: 900 });
    await options.getByLabel('Email file', { exact: true }).setInputFiles(fixture('forwarded-as-attachment.eml'));
    await options.getByText('No Salesforce security token from a salesforce.com sender was found in forwarded-as-attachment.eml.').waitFor();
    expect(await options.getByRole('button', { name: /^Save token for/ }).count()).toBe(0);
  });
});
