import { browser } from 'wxt/browser';

const ALARM = 'tokenkeep-autolock';

/**
 * Locks the vault after a quiet period, and at once when the system locks.
 * The deadline is an alarm, so it survives the service worker stopping; the
 * browser closing clears storage.session, which locks the vault by itself.
 */
export function startAutoLock({ lock, minutes }: { lock: () => Promise<void>; minutes: () => Promise<number> }) {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void lock();
  });
  browser.idle.onStateChanged.addListener((state) => {
    if (state === 'locked') void lock();
  });
  return {
    /** Pushes the deadline back: the user just used Tokenkeep. */
    async touch() {
      await browser.alarms.create(ALARM, { delayInMinutes: await minutes() });
    },
    async cancel() {
      await browser.alarms.clear(ALARM);
    },
  };
}
