import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { classifySender, handleRequest, originOf, type Handlers } from '../utils/messages';
import { plainRepository } from '../utils/vault/repository';
import { createVaultService } from '../utils/vault/service';
import { idbStore } from '../utils/vault/store';

export default defineBackground({
  main() {
    const kv = idbStore();
    const vault = createVaultService({ kv, accounts: plainRepository(kv) });
    const extension = { id: browser.runtime.id, origin: originOf(browser.runtime.getURL('/'))! };

    const handlers: Handlers = {
      'capture.status': async ({ capture }) => ({ status: await vault.captureStatus(capture) }),
      'capture.save': ({ capture }) => vault.saveCapture(capture),
      'capture.dismiss': async ({ capture }) => (await vault.dismissCapture(capture), {}),
      'accounts.list': async () => ({ accounts: await vault.listAccounts() }),
      'account.setPassword': async ({ id, password }) => ({ account: await vault.setPassword(id, password) }),
    };

    browser.runtime.onMessage.addListener((message, sender) => {
      const context = classifySender(sender as Parameters<typeof classifySender>[0], extension);
      // Unknown senders get no reply at all.
      if (!context) return undefined;
      return handleRequest(message, context, handlers);
    });
  },
});
