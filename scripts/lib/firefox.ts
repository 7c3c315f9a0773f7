/**
 * Firefox (puppeteer-core over WebDriver BiDi) with the built add-on
 * installed. The add-on's internal UUID is pinned through a pref so tests can
 * open its pages; `--remote-allow-system-access` lets BiDi navigate to them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { ProtocolError, type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../utils/common/identity';
import { firefoxPath } from './browsers';

export const FIREFOX_EXTENSION_UUID = '6d1c7a52-3f0e-4b8a-9c2d-5e4f3a2b1c0d';

export interface FirefoxSession {
  browser: Browser;
  profileDir: string;
  extensionUrl(page: string): string;
  /**
   * A new tab whose requests under `origin` are answered with `html`, and
   * those under each origin of `others` with its page; all else is refused.
   */
  newPageServing(origin: string, html: string | ((url: URL) => string), others?: Record<string, string>): Promise<Page>;
  openExtensionPage(page: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  extensionDir: string;
  headless?: boolean;
  profileDir?: string;
  /** Environment for the browser process (DISPLAY for a virtual screen). */
  env?: Record<string, string>;
  /** Where downloads go, without asking. */
  downloadDir?: string;
  /** How long any one wait may take on any page (puppeteer's default is 30 s); tests derive it from the machine's pace. */
  timeoutMs?: number;
  /** More preferences for the profile. */
  prefs?: Record<string, unknown>;
  /** Take a stand-in server's certificate, which no authority Firefox knows has signed (WebDriver's acceptInsecureCerts). */
  acceptInsecureCerts?: boolean;
}

export async function launchFirefox({
  extensionDir,
  headless = true,
  profileDir,
  env,
  downloadDir,
  timeoutMs = 30_000,
  prefs = {},
  acceptInsecureCerts = false,
}: FirefoxOptions): Promise<FirefoxSession> {
  const dir = profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tokenkeep-firefox-')));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless,
    timeout: timeoutMs,
    userDataDir: dir,
    acceptInsecureCerts,
    ...(env ? { env: { ...process.env, ...env } } : {}),
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      // A temporary add-on is uninstalled when Firefox quits; keeping its storage
      // and UUID lets a relaunch with the same profile stand for a browser restart.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      ...(downloadDir
        ? {
            'browser.download.folderList': 2,
            'browser.download.dir': downloadDir,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
          }
        : {}),
      ...prefs,
    },
  });
  // Puppeteer sets timeouts per page; every page, including the popup windows the extension opens, gets ours.
  const paced = (page: Page | null) => page?.setDefaultTimeout(timeoutMs);
  browser.on('targetcreated', (target) => void target.page().then(paced, () => undefined));
  for (const page of await browser.pages()) paced(page);
  await browser.installExtension(extensionDir);
  const extensionUrl = (page: string) => `moz-extension://${FIREFOX_EXTENSION_UUID}/${page.replace(/^\//, '')}`;
  return {
    browser,
    profileDir: dir,
    extensionUrl,
    async newPageServing(origin, html, others = {}) {
      const page = await browser.newPage();
      paced(page);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = new URL(request.url());
        const body = url.origin === origin ? (typeof html === 'string' ? html : html(url)) : others[url.origin];
        if (body === undefined) return void request.abort();
        // Webmails send their pages no-store; so do we, or the fixture's own text would sit in the disk cache.
        void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-store' }, body });
      });
      return page;
    },
    async openExtensionPage(page, viewport = { width: 360, height: 600 }) {
      const tab = await browser.newPage();
      paced(tab);
      await tab.setViewport(viewport);
      // BiDi does not report navigations into the extension's process, so the
      // goto promise never settles; wait for the document instead.
      void tab.goto(extensionUrl(page), { timeout: 0 }).catch(() => undefined);
      // An evaluation can land in the document being replaced and fail inside Firefox; only the deadline ends the wait.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          await tab.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete', {
            timeout: Math.max(1, deadline - Date.now()),
          });
          return tab;
        } catch (err) {
          // puppeteer reports it as "Waiting failed", caused by the protocol error.
          const inFirefox = err instanceof ProtocolError || (err as { cause?: unknown }).cause instanceof ProtocolError;
          if (!inFirefox || Date.now() >= deadline) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    async close() {
      await browser.close();
      if (!profileDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
