import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { answering } from '../../utils/protocol/answering';
import { createHandlers } from '../../utils/app/handlers';
import { handleRequest } from '../../utils/protocol/messages';
import { classifySender, originOf } from '../../utils/protocol/senders';
import { readSettings, SETTINGS_KEY } from '../../utils/settings';
import { createVaultService } from '../../utils/app/service';
import { idbStore } from '../../utils/vault/store';
import { createVault } from '../../utils/vault/vault';
import { startAutoLock } from './autolock';
import { startBridge } from './bridge';
import { createConsentWindows } from './consent';
import { createAutofill } from './autofill';
import { createClipboardHost } from './clipboard';
import { commandActions, startCommands, takePick } from './commands';
import { startExpiryReminders } from './expiry';
import { livePorts, openOrgTab } from './live';
import { startLogins } from './login';
import { scanVisibleQr, startSaveFromPage, takePendingSave } from './save-from-page';
import { sessionKeyStore, sessionPinStore } from './session';
import { startSync } from './sync';

export default defineBackground({
  main() {
    const kv = idbStore();
    const vault = createVault({ kv, session: sessionKeyStore(), onChange: () => void accountsChanged() });
    const service = createVaultService({ kv, vault, pins: sessionPinStore(), live: livePorts() });
    const extension = { id: browser.runtime.id, origin: originOf(browser.runtime.getURL('/'))! };
    const settings = async () => readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    const clipboard = createClipboardHost();
    // However the vault locks, a secret copied from it leaves the clipboard too (unless the user copied over it),
    // and the terminal's standing answers end.
    // However the vault locks, the access tokens minted from it leave memory too.
    const afterLock = async () => {
      bridge.locked();
      await service.live?.forget().catch(() => undefined);
      await clipboard.clearNow().catch(() => undefined);
    };
    const autoLock = startAutoLock({ lock: () => service.lock().then(afterLock), minutes: async () => (await settings()).autoLockMinutes });
    const pushBackAutoLock = async () => {
      if ((await vault.state()) === 'unlocked') await autoLock.touch().catch(() => undefined);
    };
    const unlockedAccounts = async () => ((await vault.state()) === 'unlocked' ? service.allAccounts() : undefined);
    const expiry = startExpiryReminders({ accounts: unlockedAccounts });
    /** Expiry reminders follow the accounts, whether changed here or arrived by sync. */
    const followExpiry = async () => {
      const list = await unlockedAccounts();
      if (list) await expiry.sync(list);
    };
    const sync = startSync(vault, followExpiry);
    /** Every change to the accounts, from wherever it came, and every unlock: sync and the expiry reminders follow. */
    async function accountsChanged() {
      sync.soon();
      await followExpiry();
    }
    const consent = createConsentWindows();
    const live = service.live;
    const bridge = startBridge({
      accounts: unlockedAccounts,
      consent,
      ...(live ? { live: { token: live.tokenFor, origins: live.origins } } : {}),
      imports: { preview: (items) => service.previewImport(items), commit: (items) => service.importEntries(items) },
    });

    /** Writes the clipboard and says in how many seconds it clears (null: never). */
    async function writeClipboard(text: string): Promise<number | null> {
      const seconds = (await settings()).clipboardSeconds;
      await clipboard.copy(text, seconds === null ? null : seconds * 1000);
      return seconds;
    }

    const autofill = createAutofill({ service });
    const logins = startLogins({ service, autofill });

    const handlers = createHandlers(service, {
      fill: (request) => autofill.fill(request),
      onLock: async () => {
        await autoLock.cancel();
        await afterLock();
      },
      // The unlock's reply does not wait for them: reminders and sync follow on their own, as after any change.
      onUnlocked: async () => void accountsChanged().catch(() => undefined),
      writeClipboard,
      takePendingSave,
      takePick,
      logIn: (id) => logins.open(id),
      openTab: openOrgTab,
      scanQr: scanVisibleQr,
      sync,
      bridge,
      consent,
    });
    startSaveFromPage();

    startCommands(commandActions(service, { writeClipboard, fill: (request) => autofill.fill(request), lastFilled: autofill.lastFilled }));

    browser.runtime.onMessage.addListener(
      answering((message, sender) => {
        const context = classifySender(sender as Parameters<typeof classifySender>[0], extension);
        // Unknown senders get no reply at all.
        if (!context) return undefined;
        return handleRequest(message, context, handlers).then((reply) => {
          // Using Tokenkeep from its own pages pushes the auto-lock back; asking whether it is locked does not.
          // The reply does not wait for it: the popup's first list is on the clock the user sees.
          const asksStatus = (message as { type?: unknown } | null)?.type === 'vault.status';
          if (context === 'page' && !asksStatus) void pushBackAutoLock();
          return reply;
        });
      }),
    );
  },
});
