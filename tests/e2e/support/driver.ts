/**
 * What a scenario shared by both browsers asks of a browser: start one with
 * the built extension, open pages, find things the way a person names them
 * (a role and a name, a label, a text) or by CSS, and act. Implemented once
 * over Playwright for Chromium (driver-chromium.ts) and once over
 * puppeteer-core's WebDriver BiDi for Firefox (driver-firefox.ts); a shared
 * test file picks the one its project runs (`driver()` in drivers.ts).
 */
import type { WebmailId } from '../../../utils/webmail/hosts';

/** How a scenario points at an element: CSS, as assistive technology names it, or by its text (anywhere, or within what CSS matches). */
export type Target =
  | string
  | { role: 'button' | 'menuitem' | 'heading' | 'link' | 'checkbox' | 'textbox' | 'status'; name: string }
  | { label: string }
  | { text: string; within?: string };

/** Keys a scenario presses, alone or with Control held. */
export type Key = 'Enter' | 'Tab' | 'Escape' | 'ArrowDown' | 'Control+a' | 'Control+c' | 'Control+Enter';

/** The background's answer to a request, as any extension page receives it. */
export type Reply = { ok: boolean; data?: any; error?: { code: string; message: string } };

export interface Tab {
  click(target: Target): Promise<void>;
  /** Replaces the field's value in one input, as Playwright's fill and a paste do. */
  fill(target: Target, value: string): Promise<void>;
  /** Picks an option of a `<select>` by its value. */
  select(target: Target, value: string): Promise<void>;
  waitFor(target: Target): Promise<void>;
  /** Waits until the page's text includes `text`. */
  showsText(text: string): Promise<void>;
  /** Waits until `check`, run in the page, is true. */
  waitUntil(check: () => boolean): Promise<void>;
  /** The page's visible text. */
  text(): Promise<string>;
  count(css: string): Promise<number>;
  attribute(target: Target, name: string): Promise<string | null>;
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Sends a protocol request from this extension page, as the popup does. */
  request(message: unknown): Promise<Reply>;
  press(key: Key): Promise<void>;
  /** Types the text into whatever has focus, a key at a time. */
  type(text: string): Promise<void>;
  /** The text of every element `css` matches, in order. */
  texts(css: string): Promise<string[]>;
  /** Clicks the target, which opens a tab or window of the extension's own, and returns it once loaded. */
  clickForWindow(target: Target): Promise<Tab>;
  /** Clicks the target, which downloads a file, and returns the path it was saved at (in the start's `downloadDir`). */
  download(target: Target): Promise<string>;
  /** Sets the file on an `<input type=file>`, as the file picker would (and fires its change). */
  setFiles(target: Target, file: string): Promise<void>;
  /**
   * Asks for an optional permission (`ask`, a click on this page) and grants
   * it as a person does in the browser's prompt (start with `uses: {
   * permissionPrompts: true }`), until `granted`; `askAgain` asks once more
   * where the page says an answer came too early and was taken as Deny.
   */
  allowPermission(steps: { ask(): Promise<void>; granted(): Promise<boolean>; askAgain(): Promise<void> }): Promise<void>;
  /** Fails with what axe-core finds wrong on the page as it stands, named by `state`. */
  audit(state: string): Promise<void>;
  close(): Promise<void>;
}

/** A web page the test serves under a real https (or http) origin, as a user's tab. */
export interface Site extends Tab {
  /** Navigates this tab to another address the test serves. */
  goto(url: string): Promise<void>;
  /** Runs `fn` in each frame of the page below the top one. */
  inFrames<R>(fn: () => R): Promise<R[]>;
  /**
   * Tokenkeep's toolbar popup as if clicked over this tab (activeTab granted
   * on it), popped out into a window a test can drive, once its list is drawn.
   */
  toolbarPopup(): Promise<Tab>;
  /** Presses one of the browser's keyboard shortcuts with this page in front (start with `uses: { shortcuts: true }`). */
  shortcut(keys: 'alt+shift+l' | 'alt+shift+y' | 'alt+shift+k'): Promise<void>;
  /**
   * Chooses "Save to Tokenkeep…" from the browser's own context menu on the
   * focused field, from the keyboard (start with `uses: { shortcuts: true }`),
   * and returns the add form's window.
   */
  saveFromMenu(): Promise<Tab>;
}

/** A webmail page with the save banner on it. */
export interface WebmailTab extends Tab {
  /** Presses the banner's Save as a person does (a real click in Chromium, Tab and Enter in Firefox). */
  save(): Promise<void>;
  /** Tabs to the banner as a keyboard user does, until focus is on it. */
  tabToBanner(): Promise<void>;
  /** Tabs to the banner and presses Enter, as a keyboard user saves. */
  saveWithKeyboard(): Promise<void>;
  /** Loads the page again, as the browser's reload does. */
  reload(): Promise<void>;
  /** Turns the offer down as a person does (Not now in Chromium, Escape from the keyboard in Firefox), and waits until the banner is gone. */
  dismiss(): Promise<void>;
}

export interface Running {
  profileDir: string;
  extensionPage(path: string, size?: { width: number; height: number }): Promise<Tab>;
  /** The popup, once it has drawn its first screen. */
  popup(): Promise<Tab>;
  /** What the system clipboard holds, pasted with the keyboard in a tab of its own. */
  clipboard(): Promise<string>;
  /** `html` served at `url`'s origin (or made per address asked for), and each of `others` at its own origin; opened at `url`. */
  site(url: string, html: string | ((url: URL) => string), others?: Record<string, string>): Promise<Site>;
  /** A webmail page served under the webmail's real origin (or made per address asked for), opened at a mail route. */
  webmail(id: WebmailId, html: string | ((url: URL) => string)): Promise<WebmailTab>;
  close(): Promise<void>;
}

export interface StartOptions {
  profileDir?: string;
  /** Where downloads go: needed for `Tab.download`. */
  downloadDir?: string;
  /**
   * What the scenarios will do that a headless browser cannot: press the
   * browser's own shortcuts, or (in Firefox, where a test has no other way
   * to grant activeTab) open the toolbar popup over a page, or answer a
   * permission prompt. Each starts the browser visible on a virtual screen of
   * its own where that browser needs one.
   */
  uses?: { shortcuts?: boolean; toolbarPopup?: boolean; permissionPrompts?: boolean };
  /** A stand-in server for https sites, behind an HTTP proxy, whose certificate (by its key) the browser takes in place of a real authority's. */
  standIn?: { proxy: string; spki: string };
}

export interface Driver {
  name: 'chromium' | 'firefox';
  /** What the browser calls its sync, as the options page names it: "Chrome", "Firefox". */
  syncName: string;
  /** Where the profile keeps storage.sync on disk: a folder, and which files in it. */
  syncStorage(profileDir: string): { dir: string; files: RegExp };
  start(options?: StartOptions): Promise<Running>;
}

const popupReady = () => !!document.querySelector('main') && !document.body.textContent!.includes('Loading');

/** A running browser with its popup: the popup page, once it has drawn its first screen. */
export function withPopup(running: Omit<Running, 'popup'>): Running {
  return {
    ...running,
    async popup() {
      const popup = await running.extensionPage('popup.html');
      await popup.waitUntil(popupReady);
      return popup;
    },
  };
}
