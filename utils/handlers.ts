/**
 * Maps each request of the protocol to the vault service. Shared by the
 * background and by tests that drive extension pages against a real service.
 */
import type { Handlers } from './messages';
import type { VaultService } from './vault/service';

export function createHandlers(service: VaultService, hooks: { onLock?: () => Promise<void> } = {}): Handlers {
  const locked = async () => {
    await hooks.onLock?.();
    return {};
  };
  return {
    'capture.status': async ({ capture }) => ({ status: await service.captureStatus(capture) }),
    'capture.save': ({ capture }) => service.saveCapture(capture),
    'capture.dismiss': async ({ capture }) => (await service.dismissCapture(capture), {}),
    'accounts.list': () => service.listAccounts(),
    'account.setPassword': async ({ id, password }) => ({ account: await service.setPassword(id, password) }),
    'vault.status': () => service.status(),
    'vault.setup': async ({ passphrase }) => (await service.setup(passphrase), {}),
    'vault.unlock': ({ passphrase }) => service.unlock(passphrase),
    'vault.lock': async () => (await service.lock(), locked()),
    'vault.changePassphrase': async ({ current, next }) => (await service.changePassphrase(current, next), {}),
    'vault.export': () => service.exportBackup(),
    'vault.import': ({ file, passphrase }) => service.importBackup(file, passphrase),
    'vault.reset': async () => (await service.reset(), locked()),
  };
}
