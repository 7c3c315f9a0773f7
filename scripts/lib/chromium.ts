/**
 * Chromium with the built extension loaded, as the demo, the e2e tests and the
 * benchmark use it. Pages are served under real webmail origins by route
 * interception, so the content script runs exactly as it would on the site.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { chromiumPath } from './browsers';

export interface ChromiumSession {
  context: BrowserContext;
  /** Empty when launched without an extension. */
  extensionId: string;
  serviceWorker: Worker;
  profileDir: string;
  extensionUrl(page: string): string;
  /** Serves `html` for every request under `origin` (e.g. https://mail.google.com), in every tab. */
  serve(origin: string, html: string | ((url: URL) => string)): Promise<void>;
  /** A new tab whose requests under `origin` are answered with `html` (other tabs may serve other pages). */
  newPageServing(origin: string, html: string | ((url: URL) => string)): Promise<Page>;
  openExtensionPage(page: string, viewport?: { width: number; height: number }): Promise<Page>;
  /**
   * Clicks the toolbar button over `page`, as a user does: the popup opens
   * and the extension gets activeTab on that tab. (DevTools' Extensions
   * domain; the popup itself is not a page Playwright drives.)
   */
  clickAction(page: Page): Promise<void>;
  /**
   * Runs `expression` in the toolbar popup, when one is open (opened by the toolbar button or by
   * the extension itself), and returns its value; undefined while there is none. The popup is
   * not a page Playwright drives, so this goes through DevTools' Target domain.
   */
  evaluateInActionPopup(expression: string): Promise<unknown>;
  /** Opens the popup in its own window, as its Pop out button does, for a test to drive. */
  popOut(): Promise<Page>;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  /** The built extension to load; without one, a plain browser (benchmark baselines). */
  extensionDir?: string;
  headless?: boolean;
  /** Reuse a profile (to test restarts); a fresh temporary one otherwise. */
  profileDir?: string;
  slowMo?: number;
  /** Environment for the browser process (DISPLAY for a virtual screen). */
  env?: Record<string, string>;
  /** More command-line switches (a proxy to a stand-in server, the one certificate key it may present). */
  args?: string[];
  /** How long any one wait or action may take (Playwright's default is 30 s); tests derive it from the machine's pace. */
  timeoutMs?: number;
}

// Webmails send their pages no-store; so do we, or the fixture's own text would sit in the disk cache.
function fulfill(route: Route, body: string) {
  return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-store' }, body });
}

export async function launchChromium({
  extensionDir,
  headless = true,
  profileDir,
  slowMo,
  env,
  args = [],
  timeoutMs = 30_000,
}: ChromiumOptions): Promise<ChromiumSession> {
  const dir = profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tokenkeep-chromium-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless,
    timeout: timeoutMs,
    slowMo,
    ...(env ? { env: { ...process.env, ...env } as Record<string, string> } : {}),
    viewport: { width: 1280, height: 800 },
    // Playwright passes --disable-extensions by default, which would win over --load-extension.
    ignoreDefaultArgs: extensionDir ? ['--disable-extensions'] : [],
    args: [
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Lets clickAction use DevTools' Extensions.triggerAction (over Playwright's pipe).
      ...(extensionDir ? ['--enable-unsafe-extension-debugging'] : []),
      ...args,
    ],
  });
  context.setDefaultTimeout(timeoutMs);
  const serviceWorker = extensionDir ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))) : (undefined as unknown as Worker);
  const extensionId = serviceWorker ? new URL(serviceWorker.url()).host : '';
  const extensionUrl = (page: string) => `chrome-extension://${extensionId}/${page.replace(/^\//, '')}`;
  return {
    context,
    extensionId,
    serviceWorker,
    profileDir: dir,
    extensionUrl,
    async serve(origin, html) {
      await context.route(`${origin}/**`, (route) => fulfill(route, typeof html === 'string' ? html : html(new URL(route.request().url()))));
    },
    async newPageServing(origin, html) {
      const page = await context.newPage();
      await page.route(`${origin}/**`, (route) => fulfill(route, typeof html === 'string' ? html : html(new URL(route.request().url()))));
      return page;
    },
    async openExtensionPage(page, viewport = { width: 360, height: 600 }) {
      const tab = await context.newPage();
      await tab.setViewportSize(viewport);
      await tab.goto(extensionUrl(page));
      return tab;
    },
    async clickAction(page) {
      const browser = context.browser();
      if (!browser) throw new Error('no browser-level DevTools session for this context');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as unknown as {
        targetInfos: Array<{ targetId: string; url: string }>;
      };
      const tabs = targetInfos.filter((t) => t.url === page.url());
      if (tabs.length !== 1) throw new Error(`expected one tab at ${page.url()}, found ${tabs.length}`);
      await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabs[0]!.targetId } as never);
      await cdp.detach();
    },
    async evaluateInActionPopup(expression) {
      const browser = context.browser();
      if (!browser) throw new Error('no browser-level DevTools session for this context');
      const cdp = await browser.newBrowserCDPSession();
      try {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as unknown as { targetInfos: Array<{ targetId: string; url: string; type: string }> };
        const popup = targetInfos.find((t) => t.url === extensionUrl('popup.html'));
        if (!popup) return undefined;
        const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false })) as { sessionId: string };
        const reply = new Promise<{ result?: { result?: { value?: unknown } } }>((resolve) =>
          cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
            const message = JSON.parse(event.message) as { id?: number; result?: { result?: { value?: unknown } } };
            if (event.sessionId === sessionId && message.id === 1) resolve(message);
          }),
        );
        await cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }),
        });
        return (await reply).result?.result?.value;
      } finally {
        await cdp.detach();
      }
    },
    async popOut() {
      const opened = context.waitForEvent('page', (p) => p.url().includes('popup.html?window'));
      await serviceWorker.evaluate((url) => chrome.windows.create({ url, type: 'popup', width: 380, height: 640 }), extensionUrl('popup.html?window'));
      const page = await opened;
      await page.waitForLoadState();
      return page;
    },
    async close() {
      await context.close();
      if (!profileDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
