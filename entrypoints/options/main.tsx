/// <reference types="vite/client" />
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../components/options/Options';
import { createLoginSitesModel } from '../../components/options/login-sites-model';
import { WEBMAIL_MATCHES } from '../../utils/webmail/hosts';
import { createOptionsModel } from '../../components/options/model';
import { createSyncModel } from '../../components/options/sync-model';
import { createTerminalModel } from '../../components/options/terminal-model';
import { createImportAccountsModel } from '../../components/options/import-accounts-model';
import { capturesFromEmailFile } from '../../utils/extract/browser-email';
import { AppError } from '../../utils/common/errors';
import { resultOf, type ReadAsk } from '../../utils/import/read-reply';
import type { ImportFile, ReadResult } from '../../utils/import/types';
// Vite bundles the worker on its own (WXT defines import.meta.url away, so `new URL(…, import.meta.url)` is not seen).
import ReadWorker from './read-worker?worker';
import { createClient } from '../../utils/protocol/client';
import { BRIDGE_STATUS_KEY, type BridgeStatus } from '../../utils/bridge/status';
import { SETTINGS_KEY } from '../../utils/settings';
import '../../assets/pages.css';
import './options.css';

const client = createClient((message) => browser.runtime.sendMessage(message));
/** Saves text as a file through the browser's own download, by a link click in this page (no downloads permission). */
function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const model = createOptionsModel({
  store: {
    load: async () => (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY],
    save: (settings) => browser.storage.local.set({ [SETTINGS_KEY]: settings }),
  },
  client,
  readCaptures: (file) => capturesFromEmailFile(file, new DOMParser()),
  download: (name, text) => download(name, text, 'application/json'),
});
// The name users know their browser's sync by.
const sync = createSyncModel({ client, browserName: import.meta.env.FIREFOX ? 'Firefox' : 'Chrome' });
const terminal = createTerminalModel({
  client,
  requestPermission: () => browser.permissions.request({ permissions: ['nativeMessaging'] }),
  // The file the extension ships, as a plain download: a type the browser would not open or run.
  saveCommand: async () => download('tokenkeep.mjs', await (await fetch('/tokenkeep.mjs')).text(), 'application/octet-stream'),
  watch: (onStatus) =>
    browser.storage.onChanged.addListener((changes, area) => {
      const next = changes[BRIDGE_STATUS_KEY]?.newValue;
      if (area === 'session' && next) onStatus(next as BridgeStatus);
    }),
});
// The hosts Log in was granted: every origin the browser lists but the content script's webmails (and the optional pattern itself).
const loginSites = createLoginSitesModel({
  list: async () =>
    ((await browser.permissions.getAll()).origins ?? [])
      .filter((pattern) => !WEBMAIL_MATCHES.includes(pattern) && /^https:\/\/[^*/]+\/\*$/.test(pattern))
      .map((pattern) => pattern.slice(0, -2)),
  remove: (origin) => browser.permissions.remove({ origins: [`${origin}/*`] }),
  watch: (changed) => {
    browser.permissions.onAdded.addListener(changed);
    browser.permissions.onRemoved.addListener(changed);
  },
});
/**
 * Each file is read in a worker of its own (./read-worker.ts), which loads the readers (KeePass, Argon2,
 * zip, CSV) only then: a key derivation at its bound keeps the page responsive, and Cancel ends it.
 */
function readInWorker(file: ImportFile, password: string | undefined, signal: AbortSignal): Promise<ReadResult> {
  const worker = new ReadWorker();
  return new Promise<ReadResult>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<unknown>) => {
      try {
        resolve(resultOf(data));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    worker.onerror = (event) => reject(new AppError('internal', `Tokenkeep could not read the file: ${event.message || 'its reader stopped'}.`));
    signal.addEventListener('abort', () => reject(new DOMException('The read was cancelled.', 'AbortError')), { once: true });
    worker.postMessage({ file, ...(password === undefined ? {} : { password }) } satisfies ReadAsk);
    // Answered, failed or cancelled: the worker ends, and a derivation under way with it.
  }).finally(() => worker.terminate());
}
// Recognition runs in the page, where the kind a user picks is applied; it loads with the first file.
const recognition = () => Promise.all([import('../../utils/import/candidates'), import('../../utils/kinds')]);
const imports = createImportAccountsModel({
  client,
  read: readInWorker,
  candidate: async (entry, kind) => {
    const [{ candidateFor }, { kindOf }] = await recognition();
    const chosen = kind ? kindOf(kind) : undefined;
    return chosen ? candidateFor(entry, chosen) : candidateFor(entry);
  },
});
render(<Options model={model} sync={sync} terminal={terminal} loginSites={loginSites} imports={imports} />, document.getElementById('app')!);
void loginSites.load();
void sync.load();
void terminal.load();
void model.load().then(() => {
  if (location.hash) document.querySelector(location.hash)?.scrollIntoView();
});
