import { browser } from 'wxt/browser';
import { createSyncController, type SyncStore } from '../../utils/sync/controller';
import type { Vault } from '../../utils/vault/vault';

const ALARM = 'tokenkeep-sync';
const STORE = 'sync';

/**
 * Browser sync: the rounds run on `storage.sync`; what this browser keeps
 * about them (versions, not secrets) sits in `storage.local`. A round is
 * asked for on a change here or there, and at unlock; a timer runs it soon,
 * and an alarm runs it should the worker have slept meanwhile.
 */
export function startSync(vault: Vault, onApplied: () => Promise<void>) {
  const area = browser.storage.sync;
  const store: SyncStore = {
    get: async () => ((await browser.storage.local.get(STORE))[STORE] as Awaited<ReturnType<SyncStore['get']>> | undefined) ?? { enabled: false },
    set: (value) => browser.storage.local.set({ [STORE]: value }),
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const controller = createSyncController({
    area: { get: () => area.get(null), set: (items) => area.set(items), remove: (keys) => area.remove(keys) },
    store,
    vault,
    onApplied,
    schedule(at) {
      clearTimeout(timer);
      timer = setTimeout(() => void controller.run(), Math.max(0, at - Date.now()));
      // Alarms come no sooner than 30 s; the timer is the quick path, this the one that survives sleep.
      void browser.alarms.create(ALARM, { when: Math.max(at, Date.now() + 30_000) });
    },
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void controller.run();
  });
  browser.storage.onChanged.addListener((_changes, areaName) => {
    if (areaName === 'sync') controller.soon();
  });
  return controller;
}
