import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { commandActions, startCommands, takePick } from '../../entrypoints/background/commands';
import type { FillResult } from '../../utils/autofill/decide';
import { COPY_FOR_SITE, FILL_FOR_SITE } from '../../utils/common/identity';
import { inputFromFlat } from '../../utils/vault/flat';
import { capture, inputOf, PASS, testVault } from './vault/helpers';

type Listener = (command: string, tab?: { id?: number; url?: string }) => Promise<void>;
const listeners: Listener[] = [];
Object.assign(fakeBrowser, { commands: { onCommand: { addListener: (l: Listener) => listeners.push(l) } } });
let popupsOpened = 0;
let popupOpens = true;
Object.assign(fakeBrowser.action, {
  openPopup: async () => {
    if (!popupOpens) throw new Error('openPopup is not allowed here');
    popupsOpened++;
  },
});

const t = testVault();
const copied: string[] = [];
const filled: string[] = [];
const notes = async () => Object.values(await fakeBrowser.notifications.getAll()).map((n) => (n as { message: string }).message);
const press = (tab?: { url?: string }, command = COPY_FOR_SITE) => Promise.all(listeners.map((l) => l(command, { id: 1, ...tab })));

beforeAll(async () => {
  await t.service.setup(PASS);
  const { accountId } = await t.service.saveCapture(capture('PVmuqFRxEP0LG40WUka5vPJjG', 'jane@acme.com'));
  await t.service.saveAccount(inputOf(await t.service.getAccount(accountId), { password: 'pw!', label: 'Acme prod' }));
  // The same company's sandbox: its own login page, by its environment.
  await t.service.saveAccount(
    inputFromFlat({
      kind: 'salesforce',
      label: 'Acme UAT',
      username: 'jane@acme.com.uat',
      password: 'uat!',
      token: 'Uat4Ab7Cd0Ef3Gh6Ij9Kl2M',
      environment: 'sandbox',
    }),
  );
  startCommands(
    commandActions(t.service, {
      writeClipboard: async (text) => (copied.push(text), 30),
      fill: async ({ id }): Promise<FillResult> => (
        filled.push((await t.service.getAccount(id)).label),
        { status: 'filled', origin: 'https://test.salesforce.com', roles: ['username', 'password'], notes: [] }
      ),
      lastFilled: async () => undefined,
    }),
  );
});

beforeEach(async () => {
  copied.length = 0;
  filled.length = 0;
  popupsOpened = 0;
  popupOpens = true;
  await fakeBrowser.notifications.clear('tokenkeep-command');
});

describe('copy command', () => {
  it('copies password + token for the account whose sites include the tab, and names the account and its environment', async () => {
    await press({ url: 'https://login.salesforce.com/?locale=uk' });
    expect(copied).toEqual(['pw!PVmuqFRxEP0LG40WUka5vPJjG']);
    // Notifications may be kept on disk: the account's own name, never its username, site or secret.
    expect(await notes()).toEqual(['Copied password + token for Acme prod (production). The clipboard clears in 30 s.']);
  });

  it('on the sandbox login page, copies the sandbox account, not production', async () => {
    await press({ url: 'https://test.salesforce.com/' });
    expect(copied).toEqual(['uat!Uat4Ab7Cd0Ef3Gh6Ij9Kl2M']);
    expect(await notes()).toEqual(['Copied password + token for Acme UAT (sandbox). The clipboard clears in 30 s.']);
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

describe('two accounts on one page', () => {
  beforeAll(async () => {
    await t.service.saveAccount(
      inputFromFlat({
        kind: 'salesforce',
        label: 'Beta UAT',
        username: 'ops@beta.com.uat',
        password: 'beta!',
        token: 'Beta4Ab7Cd0Ef3Gh6Ij9Kl2',
        environment: 'sandbox',
      }),
    );
  });

  it('copies nothing and opens the popup to choose, leaving it the action once', async () => {
    await press({ url: 'https://test.salesforce.com/' });
    expect([copied, popupsOpened, await notes()]).toEqual([[], 1, []]);
    expect(await takePick()).toEqual({ action: 'copy' });
    expect(await takePick()).toBeNull();
  });

  it('fills nothing and opens the popup to choose which to fill', async () => {
    await press({ url: 'https://test.salesforce.com/' }, FILL_FOR_SITE);
    expect([filled, popupsOpened]).toEqual([[], 1]);
    expect(await takePick()).toEqual({ action: 'fill' });
  });

  it('says how many fit and how to choose where the popup cannot open, and leaves no pick behind', async () => {
    popupOpens = false;
    await press({ url: 'https://test.salesforce.com/' });
    expect(copied).toEqual([]);
    expect(await notes()).toEqual(['2 Tokenkeep accounts fit this page. Open Tokenkeep to choose which to copy.']);
    expect(await takePick()).toBeNull();
  });

  it('fills the one account of the other login page, and names it', async () => {
    await press({ url: 'https://login.salesforce.com/' }, FILL_FOR_SITE);
    expect(filled).toEqual(['Acme prod']);
    expect(await notes()).toEqual(['Filled username, password for Acme prod (production).']);
  });
});
