/**
 * What a fill does next, decided from what the frames reported and what the
 * user already answered: fill one frame in one mode, ask a question about
 * one frame, or say why nothing can be filled. Pure: the background reads
 * the frames and the stored answers, runs this, and does what it says.
 */
import { matchesAnySite, normalizeSite } from '../common/sites';
import type { Appends } from '../kinds/types';
import {
  chooseFrame,
  defaultMode,
  fillValues,
  frameToAsk,
  modesFor,
  needsMode,
  type FillMode,
  type FillRequest,
  type FillSources,
  type FillTicket,
  type FrameReport,
} from './decide';

export type FillStep =
  /** The frame the question was about is gone or changed: nothing is filled. */
  | { step: 'changed' }
  | { step: 'no-form'; notes: string[] }
  | ({ step: 'ask'; frame: FrameReport; asked: FillTicket['asked']; modes?: FillMode[] } & Agreed)
  | ({
      step: 'fill';
      frame: FrameReport;
      values: ReturnType<typeof fillValues>;
      /** The user asked to keep this mode as the origin's choice. */
      remember?: { origin: string; mode: FillMode };
    } & Agreed);

interface Agreed {
  /**
   * The user agreed to fill on this origin: add it to the account's sites before anything else,
   * whether the fill goes ahead now or asks its next question (the token after the password?) first.
   */
  addSite?: string;
}

export interface FillFacts {
  /** Every frame's plan, as the injected planner reported it. */
  frames: readonly FrameReport[];
  /** The tab's origin: a form there, on none of the account's sites, is asked about. */
  tabOrigin: string;
  /** The question this request answers, if it is the one the user saw (the ticket was taken). */
  answered?: FillTicket;
  request: Pick<FillRequest, 'confirmSite' | 'mode' | 'rememberMode'>;
  sites: readonly string[];
  sources: FillSources;
  appends: Appends | undefined;
  /** The mode the user chose before, by origin. */
  choices: Readonly<Record<string, FillMode>>;
}

/** The frame to fill: the one the answered question named, or the one the account's sites allow. */
function target({ frames, answered, tabOrigin, sites }: FillFacts): FillStep | FrameReport {
  if (answered) {
    const frame = frames.find((f) => f.frameId === answered.frameId && f.documentKey === answered.documentKey && f.origin === answered.origin);
    return frame?.plan.fields.length ? frame : { step: 'changed' };
  }
  const frame = chooseFrame(frames, sites);
  if (frame) return frame;
  // Not one of the account's sites: a form in the tab's own origin is asked about.
  const unlisted = frameToAsk(frames, tabOrigin);
  return unlisted ? { step: 'ask', frame: unlisted, asked: 'confirm-site' } : { step: 'no-form', notes: frames.flatMap((f) => f.plan.notes) };
}

export function nextFillStep(facts: FillFacts): FillStep {
  const { answered, request, sources, appends } = facts;
  const frame = target(facts);
  if ('step' in frame) return frame;
  const agreed =
    answered?.asked === 'confirm-site' && request.confirmSite && !matchesAnySite(facts.sites, frame.url) ? normalizeSite(answered.origin) : undefined;
  const sites = agreed ? [...facts.sites, agreed] : facts.sites;
  if (!matchesAnySite(sites, frame.url)) return { step: 'ask', frame, asked: 'confirm-site' };
  const added = agreed ? { addSite: answered!.origin } : {};

  let mode: FillMode = 'password';
  let remember: { origin: string; mode: FillMode } | undefined;
  if (needsMode(frame.plan, sources, appends)) {
    const modes = modesFor(sources, appends);
    const given = answered?.asked === 'choose-mode' && request.mode && modes.includes(request.mode) ? request.mode : undefined;
    const remembered = facts.choices[frame.origin];
    const picked = given ?? (remembered && modes.includes(remembered) ? remembered : undefined) ?? defaultMode(frame.url, appends);
    if (!picked) return { step: 'ask', frame, asked: 'choose-mode', modes, ...added };
    if (given && request.rememberMode) remember = { origin: frame.origin, mode: given };
    mode = picked;
  }
  return {
    step: 'fill',
    frame,
    values: fillValues(frame.plan, sources, mode),
    ...added,
    ...(remember ? { remember } : {}),
  };
}
