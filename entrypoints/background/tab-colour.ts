import { browser } from 'wxt/browser';
import type { Account } from '../../utils/vault/account';

/** The tab group each account's tabs ("Log in", "Open org") go into, so a second one joins the first one's group. */
const GROUPS = 'loginGroups';

/** Puts the tab into the account's coloured group, named for it; a browser without tab groups opens it plainly. */
export async function colourTab(tab: { id?: number; windowId?: number }, account: Account): Promise<void> {
  if (!account.color || tab.id === undefined || !browser.tabs.group || !browser.tabGroups) return;
  try {
    const groups = ((await browser.storage.session.get(GROUPS))[GROUPS] ?? {}) as Record<string, number>;
    const earlier = groups[account.id] === undefined ? undefined : await browser.tabGroups.get(groups[account.id]!).catch(() => undefined);
    const groupId = await browser.tabs.group({ tabIds: [tab.id], ...(earlier && earlier.windowId === tab.windowId ? { groupId: earlier.id } : {}) });
    await browser.tabGroups.update(groupId, { color: account.color, title: account.label });
    await browser.storage.session.set({ [GROUPS]: { ...groups, [account.id]: groupId } });
  } catch {
    // The tab is open; only its colour is missing.
  }
}
