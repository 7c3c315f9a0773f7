/**
 * Where and what to fill, once each frame of the page has planned: which
 * frame may receive the account (only origins in its sites; sandboxed
 * frames, whose origin is opaque, never), and what goes into each field.
 */
import { matchesAnySite, SALESFORCE_SITES } from '../sites';
import type { FillValue } from './fill';
import type { FillPlan, FillRole } from './types';

/** What a fill did, or what it needs from the user first. */
export type FillResult =
  | { status: 'filled'; origin: string; roles: FillRole[] }
  | { status: 'confirm-site'; origin: string }
  | { status: 'choose-mode'; origin: string }
  | { status: 'no-form'; origin: string };

export interface FillRequest {
  id: string;
  tabId: number;
  /** The user agreed to fill on this origin and add it to the account's sites. */
  confirmSite?: boolean;
  mode?: FillMode;
  /** Keep `mode` as this origin's choice. */
  rememberMode?: boolean;
}

/** What goes into a password field on a form that has no token field. */
export type FillMode = 'password' | 'password+token';

export interface FrameReport {
  frameId: number;
  /** "null" for sandboxed frames. */
  origin: string;
  url: string;
  top: boolean;
  plan: FillPlan;
}

const STEP_RANK: Record<FillPlan['step'], number> = { full: 3, password: 2, username: 1, none: 0 };

/** The frame to fill: allowed by the account's sites, with the most complete plan, the top frame first on a tie. */
export function chooseFrame(frames: readonly FrameReport[], sites: readonly string[]): FrameReport | undefined {
  return frames
    .filter((f) => f.origin !== 'null' && f.plan.fields.length > 0 && matchesAnySite(sites, f.url))
    .sort((a, b) => STEP_RANK[b.plan.step] - STEP_RANK[a.plan.step] || Number(b.top) - Number(a.top))[0];
}

/**
 * The mode to use without asking: Salesforce's own login pages take the
 * password alone (they ask for the token only from API clients).
 */
export function defaultMode(url: string): FillMode | undefined {
  return matchesAnySite(SALESFORCE_SITES, url) ? 'password' : undefined;
}

/** The plan needs a choice: a password field, no token field, and an account with a token to append. */
export function needsMode(plan: FillPlan, account: { password?: string; token?: string }): boolean {
  return !plan.hasTokenField && !!account.token && !!account.password && plan.fields.some((f) => f.role === 'password');
}

/** The value for each planned field; the password carries the token when the mode says so. */
export function fillValues(plan: FillPlan, account: { username: string; password?: string; token?: string }, mode: FillMode): FillValue[] {
  return plan.fields.flatMap((f): FillValue[] => {
    if (f.role === 'username') return account.username ? [{ path: f.path, role: 'username', value: account.username }] : [];
    if (f.role === 'token') return account.token ? [{ path: f.path, role: 'token', value: account.token }] : [];
    if (!account.password) return [];
    return mode === 'password+token' && account.token
      ? [{ path: f.path, role: 'password+token', value: account.password + account.token }]
      : [{ path: f.path, role: 'password', value: account.password }];
  });
}
