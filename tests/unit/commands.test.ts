import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startCommands } from '../../entrypoints/background/commands';
import { COPY_FOR_SITE } from '../../utils/identity';
import { capture, inputOf, PASS, testVault } from './vault/helpers';

type Listener = (command: string, tab?: { id?: number; url?: string }) => Promise<void>;
const listeners: Listener[] = [];
Object.assign(fakeBrowser, { commands: { onCommand: { addListener: (l: Listener) => listeners.push(l) } } });
let popupsOpened = 0;
Object.assign(fakeBrowser.action, { openPopup: async () => void popupsOpened++ });

const t = testVault();
const copied: string[] = [];
const notes = async () => Object.values(await fakeBrowser.notifications.getAll()).map((n) => (n as { message: string }).message);
const press = (tab?: { url?: string }) => Promise.all(listeners.map((l) => l(COPY_FOR_SITE, { id: 1, ...tab })));

beforeAll(async () => {
  await t.service.setup(PASS);
  const { accountId } = await t.service.saveCapture(capture('PVmuqFRxEP0LG40WUka5vPJjG', 'jane@acme.com'));
  await t.service.saveAccount(inputOf(await t.service.getAccount(accountId), { password: 'pw!', label: 'Acme prod' }));
  startCommands({
    async copyForUrl(url) {
      const { text, label } = await t.service.copyForUrl(url);
      copied.push(text);
      return { label, clearsInSeconds: 30 };
    },
    fillTab: async () => ({ status: 'no-form', origin: '', notes: [] }),
  });
});

beforeEach(async () => {
  copied.length = 0;
  await fakeBrowser.notifications.clear('tokenkeep-command');
});

describe('copy command', () => {
  it('copies password + token for the account whose sites include the tab, and says so without naming it', async () => {
    await press({ url: 'https://login.salesforce.com/?locale=uk' });
    expect(copied).toEqual(['pw!PVmuqFRxEP0LG40WUka5vPJjG']);
    // Notifications may be kept on disk: no label, username or site in them.
    expect(await notes()).toEqual(['Copied password + token. The clipboard clears in 30 s.']);
  });

  it('copies nothing on a site no account lists, nor on a lookalike host, and names neither', async () => {
    await press({ url: 'https://login.salesforce.com.evil.io/' });
    expect(copied).toEqual([]);
    expect(await notes()).toEqual(['No Tokenkeep account is set for this site. Add the site to an account in Tokenkeep.']);
  });

  it('names no account when it has nothing to copy', async () => {
    const { accountId } = await t.service.saveCapture(capture('Nt4Ab7Cd0Ef3Gh6Ij9Kl2Mn5', 'only-token@acme.com'));
    await t.service.saveAccount(inputOf(await t.service.getAccount(accountId), { token: '', label: 'Secret project', sites: ['https://secret.example'] }));
    await press({ url: 'https://secret.example/' });
    const [note] = await notes();
    expect(note).toBe('That account has nothing to copy yet: add its password or token in Tokenkeep.');
  });

  it('opens the popup for the passphrase when the vault is locked', async () => {
    await t.service.lock();
    await press({ url: 'https://login.salesforce.com/' });
    expect([copied, popupsOpened]).toEqual([[], 1]);
    await t.service.unlock(PASS);
  });

  it('ignores other commands', async () => {
    await Promise.all(listeners.map((l) => l('something-else', { url: 'https://login.salesforce.com/' })));
    expect(copied).toEqual([]);
  });
});
