import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Consent } from '../../components/consent/Consent';
import { createConsentModel } from '../../components/consent/model';
import { createClient } from '../../utils/protocol/client';
import '../../assets/pages.css';
import './consent.css';

const model = createConsentModel({
  client: createClient((message) => browser.runtime.sendMessage(message)),
  ticket: new URLSearchParams(location.search).get('ticket') ?? '',
  close: () => window.close(),
  requestOrigins: (origins) => browser.permissions.request({ origins: origins.map((o) => `${o}/*`) }),
});
render(<Consent model={model} />, document.getElementById('app')!);
void model.load();
