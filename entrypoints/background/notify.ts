import { browser } from 'wxt/browser';

/**
 * Shows a Tokenkeep notification. Browsers keep notifications on disk (Chrome's history, the
 * system's notification centre), so `message` never holds a secret, a username or a site's
 * path: an account's label and a host at most.
 */
export const notify = (id: string, message: string, title = 'Tokenkeep') =>
  browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
