/**
 * The popup's state as signals, made by a factory so tests, the benchmark and
 * the pop-out window each get their own. Components read these signals and
 * call the actions; they hold no state beyond form inputs.
 *
 * The popup never holds a secret for a copy: it asks the background, which
 * writes the clipboard and clears it later. Only the edit form loads one.
 */
import { batch, computed, signal } from '@preact/signals';
import { accountName, filterAccounts, forPage, groupAccounts, searchText } from '../../utils/vault/account-list';
import { filledMessage } from '../../utils/common/format';
import type { FillMode } from '../../utils/autofill/decide';
import type { LoginNotice } from '../../utils/autofill/login-run';
import { fillWords, formatOf, kindFor, loginOriginOf } from '../../utils/kinds';
import { matchesAnySite } from '../../utils/common/sites';
import { UNDO_WINDOW_MS } from '../../utils/vault/vault';
import { errorMessage } from '../../utils/common/errors';
import type { Client } from '../../utils/protocol/client';
import type { Account, AccountSummary } from '../../utils/vault/account';
import type { AccountInput } from '../../utils/vault/account';
import type { AccountList, MergedCapture, VaultStatus } from '../../utils/protocol/replies';
import type { RecordProblem } from '../../utils/vault/vault';
import type { FormSeed } from './form-model';
import { createLiveModel } from './live-model';

export type Screen = 'loading' | 'uninitialized' | 'locked' | 'unlocked' | 'error';

export type View = { kind: 'list' } | { kind: 'details'; id: string } | { kind: 'edit'; account?: Account; seed?: FormSeed };

export interface Toast {
  message: string;
  /** Seconds until the clipboard clears, for copies; null: never. */
  clearsInSeconds?: number | null;
  /** The account whose deletion can still be undone. */
  undo?: { id: string; label: string };
  error?: boolean;
}

/**
 * The first page of the list, and the rows of the first paint: the toolbar
 * popup (600 px at most) shows about eight, and each row drawn costs that
 * paint. Once the rest of the list is in, rows come ROWS_PER_STEP at a time,
 * ahead of the scrolling.
 */
export const FIRST_ROWS = 12;
export const ROWS_PER_STEP = 40;

const UNLOCKED: VaultStatus = { state: 'unlocked', failures: 0, retryAfterMs: 0, pending: 0, pin: 'off', pinRetryAfterMs: 0 };

function describeMerged(merged: MergedCapture[]): string | null {
  if (!merged.length) return null;
  const names = [...new Set(merged.map((m) => m.username))].join(', ');
  return `${merged.length === 1 ? '1 token' : `${merged.length} tokens`} captured while locked ${merged.length === 1 ? 'was' : 'were'} added: ${names}.`;
}

export interface PopupHost {
  /** Opens the popup in a window of its own; absent where that is not possible (tests, the window itself). */
  popOut?: () => void;
  /** The tab the user opened Tokenkeep over, when it is a web page. */
  currentTab?: () => Promise<{ id: number; url: string } | undefined>;
  /** After a fill: the toolbar popup closes, as the user goes back to the form. */
  afterFill?: () => void;
  /** Resolves once the next frame is on screen; the rest of the list is asked for then, not in the first frame's way. */
  afterPaint?: () => Promise<void>;
  /** Asks the browser for origins (optional host permission, those hosts alone); called in the user's click, before anything is awaited. */
  requestOrigins?: (origins: string[]) => Promise<boolean>;
  /** Calls `show` with the latest "Log in" notice now and whenever it changes. */
  watchLogin?: (show: (notice: LoginNotice | null) => void) => void;
}

/** A question the popup asks before it fills. */
export type FillPrompt = { kind: 'confirm-site' | 'choose-mode'; id: string; label: string; origin: string; ticket: string; modes: FillMode[] };

export function createPopupModel({ client, host = {}, undoMs = UNDO_WINDOW_MS }: { client: Client; host?: PopupHost; undoMs?: number }) {
  const status = signal<VaultStatus | null>(null);
  const failed = signal(false);
  const accounts = signal<AccountSummary[]>([]);
  const problems = signal<RecordProblem[]>([]);
  /** While only the first page is here: how many accounts each group holds in all. */
  const groupSizes = signal<Record<string, number> | null>(null);
  const query = signal('');
  const selectedId = signal<string | null>(null);
  const view = signal<View>({ kind: 'list' });
  const toast = signal<Toast | null>(null);
  const busy = signal(false);
  const rowLimit = signal(FIRST_ROWS);
  const tab = signal<{ id: number; url: string } | null>(null);
  const prompt = signal<FillPrompt | null>(null);
  const screen = computed<Screen>(() => (failed.value ? 'error' : (status.value?.state ?? 'loading')));

  // Lower-cased search text per account, computed once per list load rather than per keystroke.
  const searchIndex = computed(() => new Map(accounts.value.map((a) => [a.id, searchText(a)])));
  const filtered = computed(() => (query.value.trim() ? filterAccounts(accounts.value, query.value, (a) => searchIndex.value.get(a.id)!) : accounts.value));
  const groups = computed(() => {
    const sizes = query.value.trim() ? null : groupSizes.value;
    return groupAccounts(filtered.value).map((g) => ({ ...g, size: sizes?.[g.key] ?? g.accounts.length }));
  });
  /** Only the first page is here; the rest of the list is on its way. */
  const loadingRest = computed(() => groupSizes.value !== null);
  /** How many accounts the list shows, counting those of a first page still to come. */
  const count = computed(() => groups.value.reduce((n, g) => n + g.size, 0));
  /** Accounts in display order: what arrow keys walk through. */
  const ordered = computed(() => groups.value.flatMap((g) => g.accounts));
  const selected = computed(() => {
    const list = ordered.value;
    return list.find((a) => a.id === selectedId.value) ?? list[0] ?? null;
  });
  const byId = (id: string) => accounts.value.find((a) => a.id === id);
  const labelOf = (id: string) => byId(id)?.label ?? 'the account';
  const nameOf = (id: string) => ((a) => (a ? accountName(a) : 'the account'))(byId(id));
  /** Accounts whose sites include the current tab, the page's own environment first: the ones offered for filling. */
  const siteAccounts = computed(() =>
    tab.value
      ? forPage(
          accounts.value.filter((a) => matchesAnySite(a.sites, tab.value!.url)),
          tab.value.url,
        )
      : [],
  );
  /** A keyboard command found several accounts for the page and opened the popup: the user chooses one, to copy or to fill. */
  const pick = signal<'copy' | 'fill' | null>(null);
  const tabHost = computed(() => (tab.value ? new URL(tab.value.url).host : null));

  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  function showToast(next: Toast | null, ms = 6000) {
    clearTimeout(toastTimer);
    toast.value = next;
    if (next) toastTimer = setTimeout(() => toast.value === next && (toast.value = null), ms);
  }
  const fail = (err: unknown) => showToast({ message: errorMessage(err), error: true }, 10_000);

  async function run(action: () => Promise<void>): Promise<boolean> {
    busy.value = true;
    try {
      await action();
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  function applyList(list: AccountList) {
    accounts.value = list.accounts;
    problems.value = list.problems;
    groupSizes.value = list.groupSizes ?? null;
  }

  async function loadAccounts() {
    const list = await client({ type: 'accounts.list' });
    batch(() => applyList(list));
  }

  /** Which tab Fill acts on; a popped-out window asks again whenever it gets focus, as the user moves between tabs. */
  function refreshTab() {
    void host.currentTab?.().then(
      (t) => (tab.value = t ?? null),
      () => undefined,
    );
  }

  async function refresh() {
    refreshTab();
    try {
      // A list that comes back means unlocked, as the vault mostly is: the list shows without waiting for the
      // status, whose throttle and sealed-capture count only the other screens show.
      // Only the first screen at first: the whole list takes longer to cross from the background, and follows.
      const first = await client({ type: 'accounts.list', first: FIRST_ROWS }).catch(() => undefined);
      const next = first ? UNLOCKED : await client({ type: 'vault.status' });
      const loaded = first ?? (next.state === 'unlocked' ? await client({ type: 'accounts.list' }) : undefined);
      batch(() => {
        status.value = next;
        if (loaded) applyList(loaded);
      });
      if (next.state === 'uninitialized') {
        const sync = await client({ type: 'sync.status' }).catch(() => undefined);
        syncedVault.value = !!sync?.syncedVault;
      }
      // A value saved from a page with the context menu opens the add form, once unlocked.
      if (loaded) {
        if (loaded.groupSizes) {
          await host.afterPaint?.();
          await loadAccounts();
          rowLimit.value = Math.max(rowLimit.value, ROWS_PER_STEP);
        }
        // What sync did since the popup was last open: what merged, an edit that beat a deletion.
        const { notices } = await client({ type: 'sync.notices' }).catch(() => ({ notices: [] as string[] }));
        if (notices.length) showToast({ message: notices.join(' ') }, 10_000);
        void live.load();
        const picked = await client({ type: 'command.pick' }).catch(() => ({ pick: null }));
        if (picked.pick) pick.value = picked.pick.action;
        const { pending } = await client({ type: 'capture.pending' }).catch(() => ({ pending: null }));
        if (pending) view.value = { kind: 'edit', seed: { pasted: pending.value, savedFrom: pending.origin } };
      }
    } catch (err) {
      failed.value = true;
      fail(err);
    }
  }

  const unlockError = signal<string | null>(null);
  /** Before there is a vault here: browser sync holds one, which this browser can join instead of making its own. */
  const syncedVault = signal(false);
  /**
   * Opens the vault one way or another (passphrase, PIN, the synced vault): a failure is said
   * beside the field, success in a toast; the status then says what comes next (the throttle's
   * wait, or the passphrase after five wrong PINs).
   */
  async function opening(open: () => Promise<string | null>, toastMs: number): Promise<boolean> {
    busy.value = true;
    try {
      const message = await open();
      unlockError.value = null;
      showToast(message ? { message } : null, toastMs);
      return true;
    } catch (err) {
      unlockError.value = errorMessage(err);
      return false;
    } finally {
      busy.value = false;
      await refresh();
    }
  }

  const unlockWith = (request: { type: 'vault.unlock'; passphrase: string } | { type: 'vault.unlockPin'; pin: string }) =>
    opening(async () => {
      const { merged, notices } = await client(request);
      return [describeMerged(merged), ...notices].filter(Boolean).join(' ') || null;
    }, 15_000);

  async function copy(id: string, format: string, historyIndex?: number) {
    const account = byId(id);
    if (account && formatOf(kindFor(account.kind), format)?.live) return live.copy(id, format);
    await run(async () => {
      const { message, clearsInSeconds } = await client({ type: 'clipboard.copy', id, format, ...(historyIndex === undefined ? {} : { historyIndex }) });
      showToast({ message, clearsInSeconds });
    });
  }

  /** Fills the tab; an answer to a question carries its ticket and the origin it showed, so it fills only that page. */
  async function fill(id: string, answer: { confirmSite?: boolean; mode?: FillMode; rememberMode?: boolean } = {}) {
    const current = tab.value;
    if (!current) return;
    const asked = prompt.value;
    prompt.value = null;
    await run(async () => {
      const bound = asked && asked.id === id ? { ticket: asked.ticket, origin: asked.origin, ...answer } : {};
      const result = await client({ type: 'autofill.fill', id, tabId: current.id, ...bound });
      const label = labelOf(id);
      const site = URL.canParse(result.origin) ? new URL(result.origin).host : result.origin;
      if (result.status === 'confirm-site' || result.status === 'choose-mode') {
        prompt.value = { kind: result.status, id, label, origin: result.origin, ticket: result.ticket, modes: result.modes ?? ['password', 'password+token'] };
      } else if (result.status === 'no-form') {
        showToast({ message: [`Tokenkeep found no login form it may fill on ${site}.`, ...result.notes].join(' '), error: true }, 10_000);
      } else if (result.status === 'changed') {
        showToast({ message: result.reason, error: true }, 10_000);
      } else if (result.status === 'insecure') {
        showToast({ message: `Tokenkeep fills only https:// pages: ${site} is plain http, where what is filled travels in the clear.`, error: true }, 10_000);
      } else if (result.status === 'filled') {
        showToast({ message: [filledMessage(result.roles, nameOf(id), wordsFor(id)), ...result.notes].join(' ') });
        if (accounts.value.length) await loadAccounts();
        host.afterFill?.();
      }
    });
  }

  /** How a fill names what went in, in the words of the account's kind. */
  const wordsFor = (id: string) => fillWords(kindFor(accounts.value.find((a) => a.id === id)?.kind ?? ''));

  /** What the latest "Log in" did, or waits for: a line above the list while it is recent. */
  const loginNotice = signal<LoginNotice | null>(null);
  host.watchLogin?.((notice) => (loginNotice.value = notice));

  /**
   * Opens the account's login page in a new tab, which the background fills as it loads. The
   * browser's question about that page's host is asked here, in the click, as browsers require;
   * the background waits for its answer, so a popup the question closes loses nothing.
   */
  function logIn(id: string) {
    const account = byId(id);
    const origin = account && loginOriginOf(account);
    if (!origin) return;
    const asked = host.requestOrigins?.([origin]);
    const opening = client({ type: 'login.open', id });
    // Handled below once the browser has answered; until then its failure is not an unhandled one.
    opening.catch(() => undefined);
    void run(async () => {
      if (asked && !(await asked)) {
        throw new Error(`Tokenkeep may not open and fill ${new URL(origin).host} yet: choose Log in again, and allow it when your browser asks.`);
      }
      await opening;
    });
  }

  /** Live credentials: Open org, Check, and what the checks found. */
  const live = createLiveModel({ client, ...(host.requestOrigins ? { requestOrigins: host.requestOrigins } : {}), byId, nameOf, run, showToast });

  return {
    live,
    status,
    tab,
    tabHost,
    loginNotice,
    logIn,
    refreshTab,
    siteAccounts,
    pick,
    donePicking: () => (pick.value = null),
    prompt,
    fill,
    dismissPrompt: () => (prompt.value = null),
    screen,
    accounts,
    problems,
    query,
    selected,
    groups,
    count,
    loadingRest,
    ordered,
    view,
    toast,
    wordsFor,
    busy,
    rowLimit,
    canPopOut: !!host.popOut,
    byId,
    refresh,
    copy,
    /** The text of the QR code the tab shows (an authenticator's otpauth:// link), or undefined after a toast says why not. */
    async scanQr(): Promise<string | undefined> {
      const current = tab.value;
      if (!current) return undefined;
      let text: string | undefined;
      await run(async () => {
        text = (await client({ type: 'qr.scan', tabId: current.id })).text;
        showToast({
          message: /^otpauth:/i.test(text)
            ? 'Read the QR code: check the fields, then save.'
            : 'Read a QR code, but it is not an authenticator code: it was put in the paste box.',
        });
      });
      return text;
    },

    /** The current TOTP code of an account, made by the background. */
    code: (id: string) => client({ type: 'account.code', id }),
    dismissToast: () => showToast(null),

    setup: (passphrase: string, repeat: string) =>
      run(async () => {
        if (passphrase !== repeat) throw new Error('The two passphrases differ.');
        await client({ type: 'vault.setup', passphrase });
        showToast({ message: 'Tokenkeep is ready. Open a Salesforce token email to capture a token, or add an account.' });
        await refresh();
      }),

    /** Why the last unlock failed, said beside the field (a toast fades before it is read). */
    unlockError,
    unlock: (passphrase: string) => unlockWith({ type: 'vault.unlock', passphrase }),
    syncedVault,
    /** Joins the vault browser sync holds, from the first screen; a wrong passphrase is said beside its field. */
    joinSynced: (passphrase: string) =>
      opening(async () => {
        await client({ type: 'sync.join', passphrase });
        return 'This browser now holds the synced vault. Its accounts arrive from browser sync.';
      }, 10_000),
    unlockWithPin: (pin: string) => unlockWith({ type: 'vault.unlockPin', pin }),

    lock: () =>
      run(async () => {
        await client({ type: 'vault.lock' });
        batch(() => {
          accounts.value = [];
          view.value = { kind: 'list' };
          query.value = '';
        });
        showToast(null);
        await refresh();
      }),

    search(text: string) {
      batch(() => {
        query.value = text;
        selectedId.value = null;
        rowLimit.value = ROWS_PER_STEP;
      });
    },

    select(id: string) {
      selectedId.value = id;
    },

    /** Arrow keys: moves the selection through the visible order, drawing more rows when it reaches the end. */
    move(delta: number) {
      const list = ordered.value;
      if (!list.length) return;
      const at = Math.max(
        0,
        list.findIndex((a) => a.id === selected.value?.id),
      );
      const next = Math.min(list.length - 1, Math.max(0, at + delta));
      batch(() => {
        selectedId.value = list[next]!.id;
        if (next >= rowLimit.value) rowLimit.value = next + ROWS_PER_STEP;
      });
    },

    showMoreRows() {
      if (rowLimit.value < ordered.value.length) rowLimit.value += ROWS_PER_STEP;
    },

    showList: () => (view.value = { kind: 'list' }),
    showDetails: (id: string) => (view.value = { kind: 'details', id }),

    /** Opens the edit form: empty for a new account (or seeded with a captured value), or with the account's secrets loaded. */
    edit: (id?: string, seed?: FormSeed) =>
      run(async () => {
        // A copy's toast sits over the bottom of the popup, where the form's Save is: it belongs to the screen left behind. An error or an undo stays.
        if (toast.value && !toast.value.error && !toast.value.undo) showToast(null);
        view.value = { kind: 'edit', ...(id ? { account: (await client({ type: 'account.get', id })).account } : {}), ...(seed ? { seed } : {}) };
      }),

    save: (input: AccountInput) =>
      run(async () => {
        const { account } = await client({ type: 'account.save', account: input });
        await loadAccounts();
        batch(() => {
          view.value = { kind: 'details', id: account.id };
          selectedId.value = account.id;
        });
        showToast({ message: input.id ? `Saved ${account.label}` : `Added ${account.label}` });
      }),

    /** Deletes at once; the toast offers Undo for the undo window. */
    remove: (id: string) =>
      run(async () => {
        const label = labelOf(id);
        await client({ type: 'account.delete', id });
        await loadAccounts();
        view.value = { kind: 'list' };
        showToast({ message: `Deleted ${label}`, undo: { id, label } }, undoMs);
      }),

    undoDelete: (id: string) =>
      run(async () => {
        const { account } = await client({ type: 'account.restore', id });
        await loadAccounts();
        selectedId.value = account.id;
        showToast({ message: `Restored ${account.label}` });
      }),

    popOut() {
      host.popOut?.();
    },
  };
}

export type PopupModel = ReturnType<typeof createPopupModel>;
