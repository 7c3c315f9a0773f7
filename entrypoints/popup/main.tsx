import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createPopupModel } from '../../components/popup/model';
import { createClient } from '../../utils/messages-client';
import './popup.css';

// The popped-out window loads this page with ?window; it has nothing to pop out of.
const poppedOut = new URLSearchParams(location.search).has('window');
const model = createPopupModel({
  client: createClient((message) => browser.runtime.sendMessage(message)),
  host: poppedOut
    ? {}
    : {
        popOut() {
          void browser.windows.create({ url: browser.runtime.getURL('/popup.html?window'), type: 'popup', width: 380, height: 640 }).then(() => window.close());
        },
      },
});
if (poppedOut) document.documentElement.classList.add('window');
render(<Popup model={model} />, document.getElementById('app')!);
void model.refresh();
