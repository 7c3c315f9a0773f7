/**
 * Maps each request of the protocol to the vault service. Shared by the
 * background and by tests that drive extension pages against a real service.
 */
import type { FillRequest, FillResult } from '../autofill/decide';
import { AppError } from '../common/errors';
import type { Handlers } from '../protocol/messages';
import { summarize } from '../vault/account';
import type { ConsentAnswer, ConsentQuestion } from '../bridge/consent';
import type { BridgeControl } from '../bridge/status';
import type { SyncController } from '../sync/controller';
import type { Account } from '../vault/account';
import type { VaultService } from './service';

export interface HandlerHooks {
  onLock?: () => Promise<void>;
  /** The vault opened: the expiry reminders and sync catch up (changes to the accounts reach them from the vault itself). */
  onUnlocked?: () => Promise<void>;
  /** Puts text on the clipboard and clears it later; returns the delay in seconds (null: never). */
  writeClipboard: (text: string) => Promise<number | null>;
  /** Fills a tab's login form (the background's scripting); absent where there are no tabs. */
  fill?: (request: FillRequest) => Promise<FillResult>;
  /** The value "Save to Tokenkeep…" took from a page, taken once. */
  takePendingSave?: () => Promise<{ value: string; origin: string } | null>;
  /** What a keyboard command that found several accounts for the page left for the popup: choose one to copy or fill. */
  takePick?: () => Promise<{ action: 'copy' | 'fill' } | null>;
  /** Opens an account's login page in a new tab and fills it as it loads. */
  logIn?: (id: string) => Promise<{ origin: string }>;
  /** Opens a URL in a new tab, in the account's colour ("Open org"). */
  openTab?: (url: string, account: Account) => Promise<void>;
  /** The text of the QR code the tab shows. */
  scanQr?: (tabId: number) => Promise<string>;
  /** Browser sync; absent where there is none. */
  sync?: SyncController;
  /** The terminal bridge and its consent windows; absent where there is none. */
  bridge?: BridgeControl;
  consent?: { question(ticket: string): ConsentQuestion; answer(ticket: string, answer: ConsentAnswer): void };
}

function present<T>(part: T | undefined, what: string): T {
  if (!part) throw new AppError('bad-request', `${what} is not available here.`);
  return part;
}
const syncOf = (hooks: HandlerHooks) => present(hooks.sync, 'Sync');
const bridgeOf = (hooks: HandlerHooks) => present(hooks.bridge, 'The terminal bridge');
const consentOf = (hooks: HandlerHooks) => present(hooks.consent, 'The terminal bridge');
const liveOf = (service: VaultService) => present(service.live, 'Making access tokens');

export function createHandlers(service: VaultService, hooks: HandlerHooks): Handlers {
  const unlocked = async <T>(result: T) => {
    await hooks.onUnlocked?.();
    return result;
  };
  const locked = async () => {
    await hooks.onLock?.();
    return {};
  };
  return {
    'capture.status': async ({ capture }) => ({ status: await service.captureStatus(capture) }),
    'capture.save': ({ capture }) => service.saveCapture(capture),
    'capture.dismiss': async ({ capture }) => (await service.dismissCapture(capture), {}),
    'accounts.list': ({ first }) => service.listAccounts(first),
    'account.get': async ({ id }) => ({ account: await service.getAccount(id) }),
    'account.save': async ({ account }) => ({ account: summarize(await service.saveAccount(account)) }),
    'account.delete': async ({ id }) => {
      await service.deleteAccount(id);
      await hooks.sync?.deleted(id);
      return {};
    },
    'account.restore': async ({ id }) => {
      const account = summarize(await service.restoreAccount(id));
      await hooks.sync?.restored(id);
      return { account };
    },
    'clipboard.copy': async ({ id, format, historyIndex }) => {
      const { text, message } = await service.copyText(id, format, historyIndex);
      return { message, clearsInSeconds: await hooks.writeClipboard(text) };
    },
    'account.code': ({ id }) => service.currentCode(id),
    'capture.pending': async () => {
      // Held until unlocked: the add form that takes it needs the vault open.
      if ((await service.status()).state !== 'unlocked') return { pending: null };
      return { pending: (await hooks.takePendingSave?.()) ?? null };
    },
    'command.pick': async () => ({ pick: (await hooks.takePick?.()) ?? null }),
    'login.open': ({ id }) => present(hooks.logIn, 'Log in')(id),
    'live.open': async ({ id }) => {
      const { url, account } = await liveOf(service).openOrg(id);
      await present(hooks.openTab, 'Open org')(url, account);
      return { host: new URL(url).host };
    },
    'live.check': async ({ id }) => ({ check: await liveOf(service).check(id) }),
    'live.status': async () => ({ statuses: await liveOf(service).statuses() }),
    'qr.scan': async ({ tabId }) => {
      if (!hooks.scanQr) throw new AppError('bad-request', 'Scanning is not available here.');
      return { text: await hooks.scanQr(tabId) };
    },
    'autofill.fill': ({ type: _, ...request }) => {
      if (!hooks.fill) throw new AppError('bad-request', 'Filling is not available here.');
      return hooks.fill(request);
    },
    'vault.status': () => service.status(),
    'vault.setup': async ({ passphrase }) => (await service.setup(passphrase), {}),
    'vault.unlock': async ({ passphrase }) => unlocked(await service.unlock(passphrase)),
    'vault.unlockPin': async ({ pin }) => unlocked(await service.unlockWithPin(pin)),
    'vault.setPin': async ({ pin }) => (await service.setPin(pin), {}),
    'vault.clearPin': async () => (await service.clearPin(), {}),
    'vault.lock': async () => (await service.lock(), locked()),
    'vault.changePassphrase': async ({ current, next }) => {
      await service.changePassphrase(current, next);
      // A new vault key: the synced vault is written again under it, and the other browsers ask for the new passphrase.
      await hooks.sync?.rekeyed();
      return {};
    },
    'vault.export': () => service.exportBackup(),
    'vault.import': async ({ file, passphrase }) => service.importBackup(file, passphrase),
    'vault.reset': async () => (await service.reset(), locked()),
    'import.preview': async ({ items }) => ({ actions: await service.previewImport(items) }),
    'import.commit': ({ items }) => service.importEntries(items),
    'sync.status': () => syncOf(hooks).status(),
    'sync.notices': async () => ({ notices: (await hooks.sync?.takeNotices()) ?? [] }),
    'sync.enable': ({ passphrase }) => syncOf(hooks).enable(passphrase),
    'sync.join': async ({ passphrase }) => unlocked(await syncOf(hooks).joinFromStart(passphrase)),
    'sync.disable': () => syncOf(hooks).disable(),
    'sync.remove': () => syncOf(hooks).remove(),
    'bridge.status': () => bridgeOf(hooks).status(),
    'bridge.enable': () => bridgeOf(hooks).enable(),
    'bridge.disable': () => bridgeOf(hooks).disable(),
    'consent.get': async ({ ticket }) => ({ question: consentOf(hooks).question(ticket) }),
    'consent.answer': async ({ ticket, answer }) => (consentOf(hooks).answer(ticket, answer), {}),
  };
}
