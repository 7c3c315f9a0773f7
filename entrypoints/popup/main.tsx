import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createPopupModel } from '../../components/popup/model';
import { createClient } from '../../utils/messages-client';
import './popup.css';

const model = createPopupModel({
  client: createClient((message) => browser.runtime.sendMessage(message)),
  clipboard: navigator.clipboard,
});
render(<Popup model={model} />, document.getElementById('app')!);
void model.refresh();
