import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createPopupModel } from '../../components/popup/model';
import { createClient } from '../../utils/protocol/client';
import { LOGIN_NOTICE, LOGIN_NOTICE_MS, type LoginNotice } from '../../utils/autofill/login-run';
import '../../assets/pages.css';

// The popped-out window loads this page with ?window; it has nothing to pop out of.
const poppedOut = new URLSearchParams(location.search).has('window');
/** In the popped-out window: the browser window the user was in last, which is never this one. */
let pageWindow: number | undefined;

async function lastPageWindow(): Promise<number | undefined> {
  if (pageWindow !== undefined) return pageWindow;
  const own = (await browser.windows.getCurrent()).id;
  // Firefox may count this popup-type window among the "normal" ones, so it is left out by id.
  const last = await browser.windows.getLastFocused();
  if (last.id !== own) return last.id;
  return (await browser.windows.getAll({ windowTypes: ['normal'] })).find((w) => w.id !== own)?.id;
}

/**
 * The page the user opened Tokenkeep over. The toolbar popup belongs to that
 * window; the popped-out window fills the active tab of the last browser
 * window used. Its address is readable only under activeTab: a web page the
 * user opened Tokenkeep on.
 */
async function currentTab() {
  const windowId = poppedOut ? await lastPageWindow() : undefined;
  const [tab] = await browser.tabs.query(windowId === undefined ? { active: true, currentWindow: true } : { active: true, windowId });
  return tab?.id !== undefined && tab.url && /^https?:/.test(tab.url) ? { id: tab.id, url: tab.url } : undefined;
}

/** A frame is drawn after its animation-frame callbacks; a task queued in one runs once it is. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** "Log in" asks for its login page's host alone, in the click; "Open org" and "Check" for the hosts an access token is made at. */
const requestOrigins = (origins: string[]) => browser.permissions.request({ origins: origins.map((o) => `${o}/*`) });

/** The background keeps the latest "Log in" notice in memory-only storage; the popup shows it while it is recent. */
function watchLogin(show: (notice: LoginNotice | null) => void) {
  const recent = (notice: LoginNotice | undefined) => (notice && Date.now() - notice.at < LOGIN_NOTICE_MS ? notice : null);
  void browser.storage.session.get(LOGIN_NOTICE).then(
    (got) => show(recent(got[LOGIN_NOTICE] as LoginNotice | undefined)),
    () => undefined,
  );
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && LOGIN_NOTICE in changes) show(recent(changes[LOGIN_NOTICE]!.newValue as LoginNotice | undefined));
  });
}

const model = createPopupModel({
  client: createClient((message) => browser.runtime.sendMessage(message)),
  host: poppedOut
    ? { currentTab, afterPaint, requestOrigins, watchLogin }
    : {
        currentTab,
        afterPaint,
        requestOrigins,
        watchLogin,
        afterFill: () => window.close(),
        popOut() {
          void browser.windows.create({ url: browser.runtime.getURL('/popup.html?window'), type: 'popup', width: 380, height: 640 }).then(() => window.close());
        },
      },
});
if (poppedOut) {
  document.documentElement.classList.add('window');
  // The window stays open while the user moves between tabs and windows: Fill follows the tab they were on last.
  void browser.windows.getCurrent().then(({ id: own }) => {
    browser.windows.onFocusChanged.addListener((id) => {
      if (id === browser.windows.WINDOW_ID_NONE || id === own) return;
      pageWindow = id;
      model.refreshTab();
    });
  });
  browser.tabs.onActivated.addListener(() => model.refreshTab());
  window.addEventListener('focus', () => model.refreshTab());
}
render(<Popup model={model} />, document.getElementById('app')!);
void model.refresh();
