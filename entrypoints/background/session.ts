import { browser } from 'wxt/browser';
import type { SessionKeyStore } from '../../utils/vault/vault';

const KEY = 'vaultKey';

/**
 * The unlocked vault key, in storage.session: memory only, cleared when the
 * browser closes, and closed to content scripts.
 */
export function sessionKeyStore(): SessionKeyStore {
  const area = browser.storage.session as typeof browser.storage.session & {
    setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  // Chrome's default, stated explicitly; Firefox never exposes storage.session to content scripts.
  void area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  return {
    get: async () => (await area.get(KEY))[KEY] as string | undefined,
    set: (raw) => area.set({ [KEY]: raw }),
    clear: () => area.remove(KEY),
  };
}
