import { browser } from 'wxt/browser';
import type { FillResult } from '../../utils/autofill/decide';
import { AppError, type ErrorCode } from '../../utils/errors';
import { copiedMessage } from '../../utils/format';
import { COPY_FOR_SITE, FILL_FOR_SITE } from '../../utils/identity';

export interface CommandActions {
  /** Copies the credential for the page; says what was copied ("password + token"). */
  copyForUrl(url: string): Promise<{ label: string; clearsInSeconds: number | null }>;
  /** Fills the tab's login form with the account for the page. */
  fillTab(tabId: number, url: string): Promise<FillResult>;
}

const FILL_MESSAGES: Record<Exclude<FillResult['status'], 'filled'>, string> = {
  'no-form': 'Tokenkeep found no login form it may fill on this page.',
  'confirm-site': 'No account is set for this site yet. Open Tokenkeep and choose Fill once: it asks before adding the site.',
  'choose-mode': 'This form has no token field. Open Tokenkeep and choose Fill once: it asks whether the token goes with the password.',
  changed: 'The page changed, or a field was hidden, before the fill: nothing was filled.',
  insecure: 'Tokenkeep fills only https:// pages: this one is plain http.',
};

/**
 * What a notification may say when a command fails. Browsers keep
 * notifications on disk (Chrome's history, the system's notification
 * centre), so none names an account, a username, a site or a secret: the
 * errors' own messages may, and are not passed on.
 */
const ERROR_MESSAGES: Partial<Record<ErrorCode, string>> = {
  'not-found': 'No Tokenkeep account is set for this site. Add the site to an account in Tokenkeep.',
  'bad-request': 'That account has nothing to copy yet: add its password or token in Tokenkeep.',
};

/**
 * The keyboard commands that act on the current tab: copy its account's
 * credential, or fill its login form. A command grants activeTab, which is
 * what lets us read the tab's address and fill it; we hold no broader host
 * permission.
 */
export function startCommands(actions: CommandActions) {
  const notify = (message: string) =>
    browser.notifications.create('tokenkeep-command', { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: 'Tokenkeep', message });

  async function run(command: string, tab: { id?: number; url?: string }) {
    if (!tab.url || tab.id === undefined) return void (await notify('Tokenkeep cannot see the address of this tab.'));
    if (command === COPY_FOR_SITE) {
      const { label, clearsInSeconds } = await actions.copyForUrl(tab.url);
      const message = copiedMessage(label);
      await notify(clearsInSeconds === null ? `${message}.` : `${message}. The clipboard clears in ${clearsInSeconds} s.`);
      return;
    }
    const result = await actions.fillTab(tab.id, tab.url);
    if (result.status === 'filled') return;
    // The popup is where the user answers a question; show it when the browser allows.
    const question = result.status === 'confirm-site' || result.status === 'choose-mode';
    if (question && (await browser.action.openPopup().then(() => true, () => false))) return;
    await notify(FILL_MESSAGES[result.status]);
  }

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== COPY_FOR_SITE && command !== FILL_FOR_SITE) return;
    const current = tab?.url ? tab : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    try {
      await run(command, current ?? {});
    } catch (err) {
      if (err instanceof AppError && (err.code === 'locked' || err.code === 'setup-required')) {
        await browser.action.openPopup().catch(() => notify('Tokenkeep is locked: open it and unlock it first.'));
        return;
      }
      await notify((err instanceof AppError && ERROR_MESSAGES[err.code]) || 'Tokenkeep could not do that on this page.');
    }
  });
}
