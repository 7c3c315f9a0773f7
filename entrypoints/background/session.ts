import { browser } from 'wxt/browser';
import type { PinLock } from '../../utils/vault/pin';
import type { PinStore } from '../../utils/app/pin-unlock';
import type { SessionArea } from '../../utils/live/cache';
import type { SessionKeyStore } from '../../utils/vault/vault';

const KEY = 'vaultKey';
const PIN = 'pinLock';

/** storage.session: memory only, cleared when the browser closes, and closed to content scripts. */
function sessionArea() {
  const area = browser.storage.session as typeof browser.storage.session & {
    setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  // Chrome's default, stated explicitly; Firefox never exposes storage.session to content scripts.
  void area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  return area;
}

/** One value in storage.session. */
function sessionValue<T>(key: string) {
  const area = sessionArea();
  return {
    get: async () => (await area.get(key))[key] as T | undefined,
    set: (value: T) => area.set({ [key]: value }),
    clear: () => area.remove(key),
  };
}

/** The unlocked vault key. */
export const sessionKeyStore = (): SessionKeyStore => sessionValue<string>(KEY);

/** The vault key wrapped under the PIN: it outlives a lock, not the browser. */
export const sessionPinStore = (): PinStore => sessionValue<PinLock>(PIN);

/** storage.session as a port: live tokens and what the checks found (utils/live/cache.ts). */
export function sessionAreaPort(): SessionArea {
  const area = sessionArea();
  return {
    get: async (key) => (await area.get(key))[key],
    set: (items) => area.set(items),
    remove: (keys) => area.remove(keys),
    keys: async () => Object.keys(await area.get(null)),
  };
}
