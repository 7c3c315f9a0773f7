import jsQR from 'jsqr';
import { browser } from 'wxt/browser';
import { AppError } from '../../utils/common/errors';
import { originOf } from '../../utils/protocol/senders';

const MENU = 'tokenkeep-save';
const PENDING = 'pendingSave';
/** What a click saved waits this long for the popup to take it; then it is dropped. */
const PENDING_MS = 10 * 60_000;
const MAX_VALUE = 64 * 1024;

export interface PendingSave {
  value: string;
  origin: string;
}

/**
 * Secrets a page shows once (a consumer secret after its email code, an API
 * token dialog): "Save to Tokenkeep…" on a selection or a field. The click
 * grants activeTab, which is all that lets Tokenkeep read the field, in that
 * one frame; nothing is read from any page without it. The value waits in
 * storage.session (memory only, closed to content scripts) until the add
 * form, opened in a window of its own, takes it.
 */
export function startSaveFromPage() {
  const createMenu = () =>
    browser.contextMenus.removeAll().then(() => browser.contextMenus.create({ id: MENU, title: 'Save to Tokenkeep…', contexts: ['selection', 'editable'] }));
  browser.runtime.onInstalled.addListener(() => void createMenu());
  browser.runtime.onStartup?.addListener(() => void createMenu());

  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== MENU || tab?.id === undefined) return;
    const origin = originOf(info.frameUrl ?? info.pageUrl ?? tab.url);
    if (!origin) return;
    let value = info.selectionText?.trim() ?? '';
    // Chrome gives no selection text for a password field, and a field's whole value is what users mean.
    // Chromium never grants a frame of another site, so only a same-site field is worth reading again.
    if (info.editable) value = (await readField(tab.id, info.frameId ?? 0, origin === originOf(tab.url) ? READ_TRIES_MS : [0])) || value;
    // A field that could not be read still opens the form, which says so and takes a paste: a click never does nothing.
    await browser.storage.session.set({ [PENDING]: { value: value.slice(0, MAX_VALUE), origin, at: Date.now() } });
    await browser.windows.create({ url: browser.runtime.getURL('/popup.html?window&save'), type: 'popup', width: 400, height: 680 });
  });
}

/**
 * Waits before each read of the field until the form opens without it. A
 * busy machine has refused the first read ("Cannot access contents of the
 * page") though the click had granted activeTab.
 */
const READ_TRIES_MS = [0, 100, 250, 500, 1000, 2000];

/** The right-clicked field's selection, or else its whole value, read in that frame only; '' when the page will not let it be read. */
async function readField(tabId: number, frameId: number, waits: readonly number[]): Promise<string> {
  for (const wait of waits) {
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: focusedValue });
      return typeof result?.result === 'string' ? result.result.trim() : '';
    } catch {
      // Refused: try again, until the tries run out.
    }
  }
  return '';
}

/** Runs in the page: the focused field's selection, or else its whole value. */
function focusedValue(): string {
  const el = document.activeElement;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const { selectionStart: s, selectionEnd: e } = el;
    return s !== null && e !== null && e > s ? el.value.slice(s, e) : el.value;
  }
  return el instanceof HTMLElement && el.isContentEditable ? (el.textContent ?? '') : '';
}

/** The value a click saved, taken once: the add form opens with it. */
export async function takePendingSave(): Promise<PendingSave | null> {
  const pending = (await browser.storage.session.get(PENDING))[PENDING] as (PendingSave & { at: number }) | undefined;
  if (!pending) return null;
  await browser.storage.session.remove(PENDING);
  return Date.now() - pending.at < PENDING_MS ? { value: pending.value, origin: pending.origin } : null;
}

/**
 * Reads an authenticator QR code from what the tab shows (Salesforce's MFA
 * setup page shows one), under the activeTab the popup was opened with. The
 * screenshot is decoded in memory and dropped.
 */
export async function scanVisibleQr(tabId: number): Promise<string> {
  const tab = await browser.tabs.get(tabId);
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch {
    throw new AppError('bad-request', 'Tokenkeep cannot see this tab: open it from the toolbar on the page with the QR code.');
  }
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  const code = jsQR(data, width, height);
  if (!code?.data) throw new AppError('not-found', 'No QR code is visible on this page. Scroll it into view, or paste the key shown under it.');
  return code.data;
}
