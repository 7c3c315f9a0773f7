import { browser } from 'wxt/browser';
import { accountName } from '../../utils/vault/account-list';
import { fillValues, hasOf, type FillSources, type FrameReport } from '../../utils/autofill/decide';
import { loginPage, mayRead } from '../../utils/autofill/login-page';
import { createLoginLoop } from '../../utils/autofill/login-loop';
import { LOGIN_NOTICE, type LoginNotice, type LoginPage, type LoginRun, type LoginStep, type LoginStop } from '../../utils/autofill/login-run';
import { AppError } from '../../utils/common/errors';
import { kindFor, loginOriginOf } from '../../utils/kinds';
import type { Account } from '../../utils/vault/account';
import type { VaultService } from '../../utils/app/service';
import type { createAutofill } from './autofill';
import { permitted } from './host-permission';
import { notify } from './notify';
import { colourTab } from './tab-colour';

const RUN = 'loginRun:';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The login page of an account whose kind has one, and its origin; or why there is none. */
function loginPageFor(account: Pick<Account, 'kind' | 'fields'>): { page: string; origin: string } {
  const origin = loginOriginOf(account);
  if (!origin)
    throw new AppError('bad-request', `Tokenkeep cannot log in with this ${kindFor(account.kind).title} account: it has no https login page to open.`);
  return { page: kindFor(account.kind).loginPage!(account.fields)!, origin };
}

/**
 * "Log in": opens an account's login page in a new tab, in the account's
 * colour, and fills it page by page as it loads (see utils/autofill/login-run.ts).
 * The tab is one Tokenkeep opened, so activeTab does not reach it: the user
 * grants the login page's host in the click that started it (optional host
 * permission, that host alone), and Tokenkeep reads no other.
 *
 * A run lives in storage.session, so it outlives a sleeping worker and
 * never the browser; it says how it ended in a notification (the account's
 * name and a host, never a secret) and in the popup.
 */
export function startLogins({ service, autofill }: { service: VaultService; autofill: Pick<ReturnType<typeof createAutofill>, 'reports' | 'put'> }) {
  const getRun = async (tabId: number) => (await browser.storage.session.get(RUN + tabId))[RUN + tabId] as LoginRun | undefined;
  const saveRun = (run: LoginRun) => browser.storage.session.set({ [RUN + run.tabId]: run });
  const dropRun = (tabId: number) => browser.storage.session.remove(RUN + tabId);
  const tell = (account: string, state: LoginNotice['state'], message: string) =>
    browser.storage.session.set({ [LOGIN_NOTICE]: { account, state, message, at: Date.now() } satisfies LoginNotice });

  /**
   * The tab's page as the run sees it (readable only on the account's sites, and the login page
   * it opened), with the frame a fill would go to and what the account can put there.
   */
  async function look(run: LoginRun, account: Account): Promise<{ page: LoginPage; frame?: FrameReport; sources: FillSources }> {
    const tab = await browser.tabs.get(run.tabId);
    const sites = [...account.sites, run.origin];
    const url = tab.url && URL.canParse(tab.url) ? tab.url : undefined;
    if (!mayRead(url, sites)) return { ...loginPage({ url, sites, frames: [], hasCode: false }), sources: {} };
    const sources = await service.fillSources(account);
    const frames = await autofill.reports(run.tabId, { has: hasOf(sources) }).catch(() => []);
    return { ...loginPage({ url, status: tab.status, sites, frames, hasCode: !!sources.code }), sources };
  }

  async function finish(run: LoginRun, step: LoginStop) {
    await dropRun(run.tabId);
    await tell(run.account, step.notice, step.message);
    await notify(`tokenkeep-login-${run.tabId}`, step.message);
  }

  /** Fills the step `frame` plans, and submits it if the account says so. */
  async function act(run: LoginRun, frame: FrameReport, sources: FillSources, step: Extract<LoginStep, { act: 'fill' }>): Promise<LoginRun | undefined> {
    // A login page takes the password alone; a token or a code goes after it only in API logins.
    const values = fillValues(frame.plan, sources, 'password');
    const outcome = await autofill.put(run.tabId, frame, values, step.submit);
    if (outcome.refused) {
      await finish(run, { act: 'stop', notice: 'failed', message: `${outcome.refused} Nothing was filled for ${run.account}.` });
      return undefined;
    }
    const next: LoginRun = { ...run, stage: step.stage, filledIn: frame.documentKey, submitted: !!outcome.submitted, movedAt: Date.now() };
    await saveRun(next);
    await tell(run.account, step.notice, step.message);
    return next;
  }

  /** Looks at the tab until the run has done what it can on the page in it (utils/autofill/login-loop.ts). */
  const advance = createLoginLoop<Account, { frame: FrameReport; sources: FillSources }>({
    getRun,
    saveRun,
    dropRun,
    account: (run) => service.getAccount(run.accountId).catch(() => undefined),
    look: async (run, account) => {
      const seen = await look(run, account).catch(() => undefined);
      return seen && { page: seen.page, ...(seen.frame ? { target: { frame: seen.frame, sources: seen.sources } } : {}) };
    },
    fill: (run, { frame, sources }, step) => act(run, frame, sources, step),
    finish,
    sleep,
    now: Date.now,
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') void getRun(tabId).then((run) => run && advance(tabId));
  });
  browser.tabs.onRemoved.addListener((tabId) => void dropRun(tabId));

  /** Opens the account's login page and starts filling it; waits for the permission the popup asked for in the same click. */
  async function open(id: string): Promise<{ origin: string }> {
    const account = await service.getAccount(id);
    const { page, origin } = loginPageFor(account);
    const name = accountName(account);
    if (!(await permitted(origin, true)))
      throw new AppError('forbidden', `Tokenkeep may not open and fill ${new URL(origin).host}: allow it when your browser asks, to log in with ${name}.`);
    const tab = await browser.tabs.create({ url: page, active: true });
    if (tab.id === undefined) throw new AppError('internal', 'The browser did not open the login tab.');
    const now = Date.now();
    const run: LoginRun = {
      tabId: tab.id,
      accountId: id,
      account: name,
      service: kindFor(account.kind).short,
      origin,
      submit: !!account.submitLogin,
      stage: 'opening',
      movedAt: now,
      startedAt: now,
    };
    await saveRun(run);
    await tell(name, 'working', `Opening ${new URL(origin).host} for ${name}…`);
    await colourTab(tab, account);
    // The page may have finished loading before the run was saved.
    if ((await browser.tabs.get(tab.id).catch(() => undefined))?.status === 'complete') void advance(tab.id);
    return { origin };
  }

  /** Logins waiting for the browser's permission, by account: choosing Log in again while it is asked opens one tab, not two. */
  const waiting = new Map<string, Promise<{ origin: string }>>();

  return {
    open(id: string): Promise<{ origin: string }> {
      const pending = waiting.get(id);
      if (pending) return pending;
      const started = open(id).finally(() => waiting.delete(id));
      waiting.set(id, started);
      return started;
    },
  };
}
