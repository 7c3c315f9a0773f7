import { browser } from 'wxt/browser';
import { AppError } from '../../utils/errors';
import { COPY_FOR_SITE } from '../../utils/identity';

/**
 * The keyboard command that copies the credential for the site in the
 * current tab. The command grants activeTab, which is what lets us read
 * that tab's address; we hold no broader host permission.
 */
export function startCommands({ copyForUrl }: { copyForUrl: (url: string) => Promise<{ message: string; clearsInSeconds: number | null }> }) {
  const notify = (message: string) =>
    browser.notifications.create('tokenkeep-command', { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: 'Tokenkeep', message });

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== COPY_FOR_SITE) return;
    const url = tab?.url ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url;
    try {
      if (!url) throw new AppError('not-found', 'Tokenkeep cannot see the address of this tab.');
      const { message, clearsInSeconds } = await copyForUrl(url);
      await notify(clearsInSeconds === null ? message : `${message}. The clipboard clears in ${clearsInSeconds} s.`);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'locked' || err.code === 'setup-required')) {
        // The popup is where the passphrase goes; show it when the browser allows.
        await browser.action.openPopup().catch(() => notify(err.message));
        return;
      }
      await notify(err instanceof AppError ? err.message : 'Tokenkeep could not copy.');
    }
  });
}
