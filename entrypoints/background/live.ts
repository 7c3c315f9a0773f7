import { browser } from 'wxt/browser';
import type { LivePorts } from '../../utils/app/live';
import { AppError } from '../../utils/common/errors';
import type { Account } from '../../utils/vault/account';
import { permitted } from './host-permission';
import { sessionAreaPort } from './session';
import { colourTab } from './tab-colour';

/**
 * What minting needs from the browser: its fetch (in the extension, so the
 * long-lived secret never leaves it), storage.session for the tokens, and
 * the host permission for each origin a request goes to, asked for in the
 * click that needs it (the popup's, or the consent window's).
 */
export function livePorts(): LivePorts {
  return {
    fetch: (url, init) => fetch(url, init),
    area: sessionAreaPort(),
    async reach(origin, asked) {
      if (await permitted(origin, asked)) return;
      throw new AppError('forbidden', `Tokenkeep may not reach ${new URL(origin).host} yet: try again, and allow it when your browser asks.`);
    },
  };
}

/** "Open org": the single-use frontdoor URL in a new tab, in the account's colour as "Log in" opens its tabs. */
export async function openOrgTab(url: string, account: Account): Promise<void> {
  const tab = await browser.tabs.create({ url, active: true });
  await colourTab(tab, account);
}
