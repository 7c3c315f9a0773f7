import { browser } from 'wxt/browser';
import { chooseFrame, defaultMode, fillValues, needsMode, type FillMode, type FillRequest, type FillResult, type FrameReport } from '../../utils/autofill/decide';
import type { FillValue } from '../../utils/autofill/fill';
import type { FillRole, PlanOptions } from '../../utils/autofill/types';
import { AppError } from '../../utils/errors';
import { matchesAnySite } from '../../utils/sites';
import type { VaultService } from '../../utils/vault/service';

const CHOICES_KEY = 'fillChoices';
const LAST_FILL = 'lastFill:';

type Api = { plan(o: PlanOptions): Omit<FrameReport, 'frameId'>; fill(v: FillValue[]): FillRole[] };

/**
 * Fills the tab the user pointed at (popup Fill button or keyboard command).
 * Both grant activeTab, which is all the access this needs: the planner is
 * injected into the tab's frames, reports without secrets, and the values
 * go to the single frame the account's sites allow.
 */
export function createAutofill({ service }: { service: VaultService }) {
  const choices = async () => ((await browser.storage.local.get(CHOICES_KEY))[CHOICES_KEY] ?? {}) as Record<string, FillMode>;

  async function reports(tabId: number, options: PlanOptions): Promise<FrameReport[]> {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['/autofill.js'] });
    const results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: (o: PlanOptions) => (globalThis as unknown as { __tokenkeepAutofill: Api }).__tokenkeepAutofill.plan(o),
      args: [options],
    });
    return results.flatMap((r) => (r.result ? [{ frameId: r.frameId, ...(r.result as Omit<FrameReport, 'frameId'>) }] : []));
  }

  return {
    async fill({ id, tabId, confirmSite, mode, rememberMode }: FillRequest): Promise<FillResult> {
      const url = (await browser.tabs.get(tabId)).url;
      if (!url || !/^https?:/.test(url)) throw new AppError('bad-request', 'Tokenkeep fills web pages only, and needs you to open it on that page.');
      const origin = new URL(url).origin;
      let account = await service.getAccount(id);
      if (!matchesAnySite(account.sites, url)) {
        if (!confirmSite) return { status: 'confirm-site', origin };
        account = await service.addSite(id, origin);
      }
      const frames = await reports(tabId, { has: { username: !!account.username, password: !!account.password, token: !!account.token } });
      const frame = chooseFrame(frames, account.sites);
      if (!frame) return { status: 'no-form', origin };
      let chosen: FillMode = 'password';
      if (needsMode(frame.plan, account)) {
        const picked = mode ?? (await choices())[frame.origin] ?? defaultMode(frame.url);
        if (!picked) return { status: 'choose-mode', origin: frame.origin };
        if (mode && rememberMode) await browser.storage.local.set({ [CHOICES_KEY]: { ...(await choices()), [frame.origin]: mode } });
        chosen = picked;
      }
      const [done] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [frame.frameId] },
        func: (v: FillValue[]) => (globalThis as unknown as { __tokenkeepAutofill: Api }).__tokenkeepAutofill.fill(v),
        args: [fillValues(frame.plan, account, chosen)],
      });
      // A two-step login asks again on its password page: the same account answers.
      await browser.storage.session.set({ [LAST_FILL + tabId]: id });
      return { status: 'filled', origin: frame.origin, roles: (done?.result as FillRole[] | undefined) ?? [] };
    },

    /** The account last filled in this tab, if it still belongs on `url`. */
    async lastFilled(tabId: number, url: string): Promise<string | undefined> {
      const id = (await browser.storage.session.get(LAST_FILL + tabId))[LAST_FILL + tabId] as string | undefined;
      return id && (await service.accountFits(id, url).catch(() => false)) ? id : undefined;
    },
  };
}
