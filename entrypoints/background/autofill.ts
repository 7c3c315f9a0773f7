import { browser } from 'wxt/browser';
import { hasOf, type FillMode, type FillRequest, type FillResult, type FillTicket, type FrameReport } from '../../utils/autofill/decide';
import { nextFillStep } from '../../utils/autofill/next-step';
import type { FillOutcome, FillValue } from '../../utils/autofill/fill';
import type { PlanOptions } from '../../utils/autofill/types';
import { AppError } from '../../utils/common/errors';
import { kindFor } from '../../utils/kinds';
import type { VaultService } from '../../utils/app/service';

const CHOICES_KEY = 'fillChoices';
const LAST_FILL = 'lastFill:';
// One open question per tab, in storage.session: the worker may sleep between the question and the answer.
const TICKET = 'fillTicket:';

type Api = {
  plan(o: PlanOptions): Omit<FrameReport, 'frameId' | 'documentId'>;
  fill(v: FillValue[], expected: { origin: string; documentKey: string }, submit?: boolean): FillOutcome;
};
type Injected = { frameId: number; documentId?: string; result?: unknown };

const CHANGED = 'The page changed after Tokenkeep asked, so nothing was filled. Choose Fill again to be asked about the page as it is now.';

/**
 * Fills the tab the user pointed at (popup Fill button or keyboard command).
 * Both grant activeTab, which is all the access this needs: the planner is
 * injected into the tab's frames, reports without secrets, and the values
 * go to the single frame the account's sites allow.
 *
 * A question (add this site? the token with the password?) is about one
 * document: its answer is bound to the frame, the document's key and the
 * origin the question showed, and fills nothing anywhere else.
 */
export function createAutofill({ service }: { service: VaultService }) {
  const choices = async () => ((await browser.storage.local.get(CHOICES_KEY))[CHOICES_KEY] ?? {}) as Record<string, FillMode>;

  async function reports(tabId: number, options: PlanOptions): Promise<FrameReport[]> {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['/autofill.js'] });
    const results = (await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: (o: PlanOptions) => (globalThis as unknown as { __tokenkeepAutofill: Api }).__tokenkeepAutofill.plan(o),
      args: [options],
    })) as Injected[];
    return results.flatMap((r) =>
      r.result ? [{ frameId: r.frameId, ...(r.documentId ? { documentId: r.documentId } : {}), ...(r.result as Omit<FrameReport, 'frameId'>) }] : [],
    );
  }

  async function ask(tabId: number, accountId: string, frame: FrameReport, asked: FillTicket['asked'], modes?: FillMode[]): Promise<FillResult> {
    const ticket: FillTicket = { ticket: crypto.randomUUID(), accountId, frameId: frame.frameId, documentKey: frame.documentKey, origin: frame.origin, asked };
    await browser.storage.session.set({ [TICKET + tabId]: ticket });
    return { status: asked, origin: frame.origin, ticket: ticket.ticket, ...(modes ? { modes } : {}) };
  }

  /** The open question this answers, taken (each is answered once), if it is the one the user saw. */
  async function takeTicket({ tabId, id, ticket, origin }: FillRequest): Promise<FillTicket | undefined> {
    const stored = (await browser.storage.session.get(TICKET + tabId))[TICKET + tabId] as FillTicket | undefined;
    if (!stored || stored.ticket !== ticket) return undefined;
    await browser.storage.session.remove(TICKET + tabId);
    return stored.accountId === id && stored.origin === origin ? stored : undefined;
  }

  /** Puts the values into the planned document only: by the browser's document id where it has one, and the document's key. */
  async function put(tabId: number, frame: FrameReport, values: FillValue[], submit = false): Promise<FillOutcome> {
    const target = frame.documentId ? { tabId, documentIds: [frame.documentId] } : { tabId, frameIds: [frame.frameId] };
    const done = await browser.scripting
      .executeScript({
        target,
        func: (v: FillValue[], expected: { origin: string; documentKey: string }, s: boolean) =>
          // A new document has no filler: the script was injected into the one that was planned.
          (globalThis as unknown as { __tokenkeepAutofill?: Api }).__tokenkeepAutofill?.fill(v, expected, s) ?? {
            filled: [],
            refused: 'The page changed before the fill.',
          },
        args: [values, { origin: frame.origin, documentKey: frame.documentKey }, submit],
      })
      // The document is gone (Chrome refuses a documentId that no longer exists).
      .catch(() => [] as Injected[]);
    return ((done as Injected[])[0]?.result as FillOutcome | undefined) ?? { filled: [], refused: 'The page changed before the fill.' };
  }

  return {
    /** Every frame's plan (and what it says), without secrets; "Log in" reads its tab so, under its host permission. */
    reports,
    /** Puts the values into one planned document, and submits its form when asked. */
    put,

    async fill(request: FillRequest): Promise<FillResult> {
      const { id, tabId } = request;
      const url = (await browser.tabs.get(tabId)).url;
      // Firefox hides the address once a navigation ends activeTab: the page the question was about is gone.
      if (!url && request.ticket && request.origin) return { status: 'changed', origin: request.origin, reason: CHANGED };
      if (!url || !/^https?:/.test(url)) throw new AppError('bad-request', 'Tokenkeep fills web pages only, and needs you to open it on that page.');
      const origin = new URL(url).origin;
      if (url.startsWith('http:')) return { status: 'insecure', origin };
      const answered = request.ticket ? await takeTicket(request) : undefined;
      if (request.ticket && !answered) return { status: 'changed', origin, reason: CHANGED };
      const account = await service.getAccount(id);
      const sources = await service.fillSources(account);
      const frames = await reports(tabId, { has: hasOf(sources) });
      const chosen = await choices();
      const next = nextFillStep({
        frames,
        tabOrigin: origin,
        answered,
        request,
        sites: account.sites,
        sources,
        appends: kindFor(account.kind).appends,
        choices: chosen,
      });
      if (next.step === 'changed') return { status: 'changed', origin, reason: CHANGED };
      if (next.step === 'no-form') return { status: 'no-form', origin, notes: next.notes };
      if (next.addSite) await service.addSite(id, next.addSite);
      if (next.step === 'ask') return ask(tabId, id, next.frame, next.asked, next.modes);
      const { frame } = next;
      if (next.remember) await browser.storage.local.set({ [CHOICES_KEY]: { ...chosen, [next.remember.origin]: next.remember.mode } });
      const outcome = await put(tabId, frame, next.values);
      if (outcome.refused) return { status: 'changed', origin: frame.origin, reason: `${outcome.refused} Nothing was filled.` };
      // A two-step login asks again on its password page: the same account answers.
      await browser.storage.session.set({ [LAST_FILL + tabId]: id });
      return { status: 'filled', origin: frame.origin, roles: outcome.filled, notes: frame.plan.notes };
    },

    /** The account last filled in this tab, if it still belongs on `url`. */
    async lastFilled(tabId: number, url: string): Promise<string | undefined> {
      const id = (await browser.storage.session.get(LAST_FILL + tabId))[LAST_FILL + tabId] as string | undefined;
      return id && (await service.accountFits(id, url).catch(() => false)) ? id : undefined;
    },
  };
}
