/**
 * Where and what to fill, once each frame of the page has planned: which
 * frame may receive the account (only origins in its sites; sandboxed
 * frames, whose origin is opaque, never), and what goes into each field.
 */
import { matchesAnySite } from '../common/sites';
import type { FillValue } from './fill';
import type { Appends, FillSource } from '../kinds/types';
import type { PageSignals } from './login-run';
import type { FillPlan, FillRole, PlanOptions } from './types';

/** What a fill did, or what it needs from the user first. `notes` say what a person should know about the choice. */
export type FillResult =
  | { status: 'filled'; origin: string; roles: FillRole[]; notes: string[] }
  /** A question for the user; the answer carries `ticket` and `origin` back. */
  | { status: 'confirm-site' | 'choose-mode'; origin: string; ticket: string; modes?: FillMode[] }
  | { status: 'no-form'; origin: string; notes: string[] }
  /** Nothing was filled: the page changed, or a field was hidden or covered, after the plan or the question, or a value does not fit its field. */
  | { status: 'changed'; origin: string; reason: string }
  /** Nothing was filled: a plain-http page. */
  | { status: 'insecure'; origin: string };

export interface FillRequest {
  id: string;
  tabId: number;
  /** The question being answered, and the origin it showed: the fill goes only to that very document. */
  ticket?: string;
  origin?: string;
  /** The user agreed to fill on this origin and add it to the account's sites. */
  confirmSite?: boolean;
  mode?: FillMode;
  /** Keep `mode` as this origin's choice. */
  rememberMode?: boolean;
}

/** What a question was asked about: one document in one frame. */
export interface FillTicket {
  ticket: string;
  accountId: string;
  frameId: number;
  documentKey: string;
  origin: string;
  asked: 'confirm-site' | 'choose-mode';
}

/** What goes into a password field on a form that has no token field. */
export type FillMode = 'password' | 'password+token' | 'password+code';

/** What an account can put into a form, by role: the kind's fill roles applied to its fields, and the current code. */
export type FillSources = Partial<Record<FillSource, string>>;

export interface FrameReport {
  frameId: number;
  /** "null" for sandboxed frames. */
  origin: string;
  url: string;
  top: boolean;
  /** A random key the filler's script made for this document: a navigation brings another. */
  documentKey: string;
  /** The browser's id for the document, where it has one (Chrome). */
  documentId?: string;
  plan: FillPlan;
  /** What the page says to a person, for "Log in", and whether it has finished loading. */
  signals?: PageSignals;
  ready?: boolean;
}

const STEP_RANK: Record<FillPlan['step'], number> = { full: 3, app: 3, password: 2, username: 1, code: 1, none: 0 };

/** Of frames with a plan, the most complete one, the top frame first on a tie. */
function bestOf(frames: readonly FrameReport[]): FrameReport | undefined {
  return frames.filter((f) => f.plan.fields.length > 0).sort((a, b) => STEP_RANK[b.plan.step] - STEP_RANK[a.plan.step] || Number(b.top) - Number(a.top))[0];
}

/** The frame to fill: allowed by the account's sites, with the most complete plan. */
export function chooseFrame(frames: readonly FrameReport[], sites: readonly string[]): FrameReport | undefined {
  return bestOf(frames.filter((f) => f.origin !== 'null' && matchesAnySite(sites, f.url)));
}

/**
 * The mode to use without asking: a page the account's kind says takes the
 * password alone (Salesforce's own login pages ask for the token only from
 * API clients). This is not consent: the page must be one of the account's
 * sites first.
 */
export function defaultMode(url: string, appends: Appends | undefined): FillMode | undefined {
  return appends?.passwordAlone?.(url) ? 'password' : undefined;
}

/** A frame of the tab's own origin with a form, the top first: where an unlisted site is asked about. */
export function frameToAsk(frames: readonly FrameReport[], origin: string): FrameReport | undefined {
  return bestOf(frames.filter((f) => f.origin === origin));
}

/** What of an account's values its kind says may go after the password. */
const appendable = (account: FillSources, appends: Appends | undefined) => ({
  token: !!account.token && !!appends?.roles.includes('token'),
  code: !!account.code && !!appends?.roles.includes('code'),
});

/**
 * The plan needs a choice: a password field without a token or code field beside it, and an
 * account with a token or a current code that its kind says could go after the password.
 */
export function needsMode(plan: FillPlan, account: FillSources, appends: Appends | undefined): boolean {
  const hasCodeField = plan.fields.some((f) => f.role === 'code');
  const may = appendable(account, appends);
  const any = (!plan.hasTokenField && may.token) || (!hasCodeField && may.code);
  return any && !!account.password && plan.fields.some((f) => f.role === 'password');
}

const SOURCES: readonly FillSource[] = ['username', 'password', 'token', 'code', 'clientId', 'clientSecret'];

/** What the planner may plan for an account: every role it has a value for, and no other (a JWT key fills nothing). */
export function hasOf(sources: FillSources): NonNullable<PlanOptions['has']> {
  return Object.fromEntries(SOURCES.map((role) => [role, !!sources[role]]));
}

/** The choices the question offers, for an account: "password + current code" only where it has a TOTP secret. */
export function modesFor(account: FillSources, appends: Appends | undefined): FillMode[] {
  const may = appendable(account, appends);
  return ['password', ...(may.token ? (['password+token'] as const) : []), ...(may.code ? (['password+code'] as const) : [])];
}

const SOURCE_OF: Partial<Record<FillRole, FillSource>> = {
  username: 'username',
  token: 'token',
  code: 'code',
  'client-id': 'clientId',
  'client-secret': 'clientSecret',
};

/** The value for each planned field; the password carries the token or the current code when the mode says so. */
export function fillValues(plan: FillPlan, account: FillSources, mode: FillMode): FillValue[] {
  return plan.fields.flatMap((f): FillValue[] => {
    const source = SOURCE_OF[f.role];
    if (source) return account[source] ? [{ path: f.path, role: f.role, value: account[source] }] : [];
    if (!account.password) return [];
    if (mode === 'password+token' && account.token) return [{ path: f.path, role: 'password+token', value: account.password + account.token }];
    if (mode === 'password+code' && account.code) return [{ path: f.path, role: 'password+code', value: account.password + account.code }];
    return [{ path: f.path, role: 'password', value: account.password }];
  });
}
