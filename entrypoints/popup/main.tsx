import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createPopupModel } from '../../components/popup/model';
import { createClient } from '../../utils/messages-client';
import './popup.css';

// The popped-out window loads this page with ?window; it has nothing to pop out of.
const poppedOut = new URLSearchParams(location.search).has('window');
/**
 * The page the user opened Tokenkeep over. The toolbar popup belongs to that
 * window; the popped-out window fills the active tab of the last browser
 * window used. Its address is readable only under activeTab: a web page the
 * user opened Tokenkeep on.
 */
async function currentTab() {
  const windowId = poppedOut ? (await browser.windows.getLastFocused({ windowTypes: ['normal'] })).id : undefined;
  const [tab] = await browser.tabs.query(windowId === undefined ? { active: true, currentWindow: true } : { active: true, windowId });
  return tab?.id !== undefined && tab.url && /^https?:/.test(tab.url) ? { id: tab.id, url: tab.url } : undefined;
}

const model = createPopupModel({
  client: createClient((message) => browser.runtime.sendMessage(message)),
  host: poppedOut
    ? { currentTab }
    : {
        currentTab,
        afterFill: () => window.close(),
        popOut() {
          void browser.windows.create({ url: browser.runtime.getURL('/popup.html?window'), type: 'popup', width: 380, height: 640 }).then(() => window.close());
        },
      },
});
if (poppedOut) document.documentElement.classList.add('window');
render(<Popup model={model} />, document.getElementById('app')!);
void model.refresh();
