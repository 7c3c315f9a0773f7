import { browser } from 'wxt/browser';
import { notify } from './notify';
import type { FillResult } from '../../utils/autofill/decide';
import { accountName } from '../../utils/vault/account-list';
import { AppError, type ErrorCode } from '../../utils/common/errors';
import { copiedMessage, filledMessage } from '../../utils/common/format';
import { COPY_FOR_SITE, FILL_FOR_SITE } from '../../utils/common/identity';
import { fillWords, kindFor } from '../../utils/kinds';
import type { VaultService } from '../../utils/app/service';

/** More than one account fits the page: the user chooses, in the popup. */
export type Choice = { choose: number };

export interface CommandActions {
  /** Copies the credential of the page's one account; says what was copied ("password + token") and for which account. */
  copyForUrl(url: string): Promise<{ label: string; account: string; clearsInSeconds: number | null } | Choice>;
  /** Fills the tab's login form with the page's one account. */
  fillTab(tabId: number, url: string): Promise<{ result: FillResult; account: string; kind: string } | Choice>;
}

/**
 * The commands' actions on the vault: the page's accounts decide, and one alone is used. A
 * second step of a two-step login goes on with the account the first step filled.
 */
export function commandActions(
  service: Pick<VaultService, 'copyForUrl' | 'accountsForUrl' | 'getAccount'>,
  host: {
    writeClipboard(text: string): Promise<number | null>;
    fill(request: { id: string; tabId: number }): Promise<FillResult>;
    lastFilled(tabId: number, url: string): Promise<string | undefined>;
  },
): CommandActions {
  return {
    async copyForUrl(url) {
      const copied = await service.copyForUrl(url);
      if ('choose' in copied) return copied;
      return { label: copied.label, account: copied.account, clearsInSeconds: await host.writeClipboard(copied.text) };
    },
    async fillTab(tabId, url) {
      const last = await host.lastFilled(tabId, url);
      const matches = last ? [await service.getAccount(last)] : await service.accountsForUrl(url);
      if (matches.length > 1) return { choose: matches.length };
      const account = matches[0]!;
      return { result: await host.fill({ id: account.id, tabId }), account: accountName(account), kind: account.kind };
    },
  };
}

/** What a command that found several accounts leaves for the popup it opens: choose one, to copy or to fill. */
export interface CommandPick {
  action: 'copy' | 'fill';
}
const PICK_KEY = 'commandPick';
/** A pick is for the popup the command opens now, not for one opened later by hand. */
const PICK_MS = 30_000;

/** The pick a command left, taken once (memory-only storage: it outlives a sleeping worker, not the browser). */
export async function takePick(): Promise<CommandPick | null> {
  const stored = (await browser.storage.session.get(PICK_KEY))[PICK_KEY] as (CommandPick & { at: number }) | undefined;
  await browser.storage.session.remove(PICK_KEY);
  return stored && Date.now() - stored.at < PICK_MS ? { action: stored.action } : null;
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
 * centre), so none holds a secret, a username or a site: the errors' own
 * messages may, and are not passed on. A notification after a copy or fill
 * names the account the user chose to call it, which is what tells two
 * orgs apart.
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
  const notifyCommand = (message: string) => notify('tokenkeep-command', message);

  /** Several accounts fit: the popup opens on them, the first one's button focused; without a popup, a notification says how to choose. */
  async function choose(action: CommandPick['action'], count: number) {
    await browser.storage.session.set({ [PICK_KEY]: { action, at: Date.now() } });
    if (
      await browser.action.openPopup().then(
        () => true,
        () => false,
      )
    )
      return;
    await browser.storage.session.remove(PICK_KEY);
    await notifyCommand(`${count} Tokenkeep accounts fit this page. Open Tokenkeep to choose which to ${action === 'copy' ? 'copy' : 'fill'}.`);
  }

  async function run(command: string, tab: { id?: number; url?: string }) {
    if (!tab.url || tab.id === undefined) return void (await notifyCommand('Tokenkeep cannot see the address of this tab.'));
    if (command === COPY_FOR_SITE) {
      const copied = await actions.copyForUrl(tab.url);
      if ('choose' in copied) return choose('copy', copied.choose);
      const message = copiedMessage(copied.label, copied.account);
      await notifyCommand(copied.clearsInSeconds === null ? `${message}.` : `${message}. The clipboard clears in ${copied.clearsInSeconds} s.`);
      return;
    }
    const filled = await actions.fillTab(tab.id, tab.url);
    if ('choose' in filled) return choose('fill', filled.choose);
    const { result } = filled;
    if (result.status === 'filled') return void (await notifyCommand(filledMessage(result.roles, filled.account, fillWords(kindFor(filled.kind)))));
    // The popup is where the user answers a question; show it when the browser allows.
    const question = result.status === 'confirm-site' || result.status === 'choose-mode';
    if (
      question &&
      (await browser.action.openPopup().then(
        () => true,
        () => false,
      ))
    )
      return;
    await notifyCommand(FILL_MESSAGES[result.status]);
  }

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== COPY_FOR_SITE && command !== FILL_FOR_SITE) return;
    const current = tab?.url ? tab : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    try {
      await run(command, current ?? {});
    } catch (err) {
      if (err instanceof AppError && (err.code === 'locked' || err.code === 'setup-required')) {
        await browser.action.openPopup().catch(() => notifyCommand('Tokenkeep is locked: open it and unlock it first.'));
        return;
      }
      await notifyCommand((err instanceof AppError && ERROR_MESSAGES[err.code]) || 'Tokenkeep could not do that on this page.');
    }
  });
}
