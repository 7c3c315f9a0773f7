/**
 * "Log in": Tokenkeep opens an account's login page and walks it, one page
 * at a time (Salesforce's username-first page, then its password page), and
 * stops where a person must act. Pure: the background reads each page (its
 * fill plan and what it says) and does what `nextStep` decides.
 *
 * It never sends anything twice: a login form shown again after the
 * password went in, or an error on the page, ends the run, so a wrong
 * password is never retried into a lockout.
 */
import type { FillPlan } from './types';

/** What a login page says beyond its fields: read from its visible text. */
export interface PageSignals {
  /** A passkey or security key is asked for (phishing-resistant MFA). */
  passkey: boolean;
  /** An identity check: a code from an app, an email or a text message. */
  verification: boolean;
  /** The login was refused ("Please check your username and password"). */
  refused: boolean;
}

/** A page that says nothing of the sort. */
export const QUIET: PageSignals = { passkey: false, verification: false, refused: false };

/** Where a run is: what it filled last. */
export type LoginStage = 'opening' | 'username' | 'password' | 'code';

export interface LoginRun {
  tabId: number;
  accountId: string;
  /** "Acme UAT (sandbox)": how notices and the popup name the account. */
  account: string;
  /** Who runs the login page, in words ("Salesforce"): the kind's short name. */
  service: string;
  /** The login page's origin, for the words of a notice. */
  origin: string;
  submit: boolean;
  stage: LoginStage;
  /** The document Tokenkeep filled last: until the page moves on, its form is still there, and that is no refusal. */
  filledIn?: string;
  /** The last fill was submitted by Tokenkeep, not left for the user. */
  submitted?: boolean;
  /** When the run last moved: a run that waits too long for a page ends. */
  movedAt: number;
  startedAt: number;
}

/** What the popup shows of the latest run, and a notification says when it ends. */
export interface LoginNotice {
  account: string;
  /** 'working': still on it; 'you': a person must act in the tab; 'done': Tokenkeep's part is over; 'failed': it stopped. */
  state: 'working' | 'you' | 'done' | 'failed';
  message: string;
  at: number;
}

/** The page as the background saw it: on one of the account's sites (readable), or not. */
export interface LoginPage {
  /** The page is on one of the account's sites, and Tokenkeep may read it. */
  readable: boolean;
  /** Still loading: what it shows now (an empty page mid-navigation) says nothing yet. */
  loading?: boolean;
  host: string;
  step: FillPlan['step'];
  signals: PageSignals;
  /** The account can put a current code into a code field. */
  hasCode: boolean;
  /** The document's key (see entrypoints/autofill.ts), where Tokenkeep could read it. */
  documentKey?: string;
}

/** The run ends, saying why. */
export type LoginStop = { act: 'stop'; notice: Exclude<LoginNotice['state'], 'working'>; message: string };

export type LoginStep =
  { act: 'fill'; stage: Exclude<LoginStage, 'opening'>; submit: boolean; notice: LoginNotice['state']; message: string } | { act: 'wait' } | LoginStop;

const ORDER: Record<LoginStage, number> = { opening: 0, username: 1, password: 2, code: 3 };
/** The stage a page's form belongs to. */
const STEP_STAGE: Partial<Record<FillPlan['step'], LoginStage>> = { username: 'username', password: 'password', full: 'password', code: 'code' };

/** How long a run waits for a page to show something it can act on before it says so. */
export const LOGIN_WAIT_MS = 20_000;
/** Where the background keeps the latest run's notice for the popup (storage.session, like the run itself). */
export const LOGIN_NOTICE = 'loginNotice';
/** The popup shows a run's notice for this long after it was said. */
export const LOGIN_NOTICE_MS = 5 * 60_000;
/** A run older than this is over, whatever it was waiting for. */
export const LOGIN_RUN_MS = 10 * 60_000;

export function nextStep(run: Pick<LoginRun, 'account' | 'service' | 'stage' | 'submit' | 'filledIn'>, page: LoginPage): LoginStep {
  const { account, service, stage } = run;
  if (page.loading) return { act: 'wait' };
  // The page Tokenkeep just filled, not yet moved on (a submit takes a moment; a person may still be about to press Next).
  if (unmovedSince(run, page) && !page.signals.refused) return { act: 'wait' };
  if (!page.readable) {
    // After the password: the service has moved on to the org (Lightning), which Tokenkeep does not read.
    if (ORDER[stage] >= ORDER.password) return { act: 'stop', notice: 'done', message: `Signed in to ${account}: ${service} moved on to ${page.host}.` };
    return {
      act: 'stop',
      notice: 'failed',
      message: `The login for ${account} went on at ${page.host}, which is not one of its sites, so Tokenkeep filled nothing there. Add that site to the account to log in there.`,
    };
  }
  if (page.signals.refused)
    return {
      act: 'stop',
      notice: 'failed',
      message: `${service} did not accept the login for ${account}. Tokenkeep sent nothing more: check the account's username and password.`,
    };
  if (page.signals.passkey)
    return {
      act: 'stop',
      notice: 'you',
      message: `${service} asks for a passkey or security key to sign in to ${account}: use yours in the tab. Tokenkeep does not hold passkeys.`,
    };
  if (page.step === 'code' && page.hasCode && ORDER[stage] < ORDER.code) return fill(run, 'code', `Filled the current code for ${account}`);
  if (page.signals.verification || page.step === 'code') {
    return {
      act: 'stop',
      notice: 'you',
      message: `${service} asks ${account} to verify it is you (a code from your authenticator app, an email or a text): finish it in the tab.`,
    };
  }
  if (page.step === 'username') {
    if (ORDER[stage] >= ORDER.username) return again(run);
    return fill(run, 'username', `Filled the username for ${account}`);
  }
  if (page.step === 'password' || page.step === 'full') {
    if (ORDER[stage] >= ORDER.password) return again(run);
    return fill(run, 'password', `Filled the ${page.step === 'full' ? 'username and password' : 'password'} for ${account}`);
  }
  // No form yet: the page may still be drawing it; after the password (or a code), a page without one is the org.
  if (ORDER[stage] >= ORDER.password) return { act: 'stop', notice: 'done', message: `Signed in to ${account}.` };
  return { act: 'wait' };
}

function fill(run: Pick<LoginRun, 'submit'>, stage: Exclude<LoginStage, 'opening'>, done: string): LoginStep {
  const next = stage === 'username' ? 'Next' : 'Log In';
  return run.submit
    ? { act: 'fill', stage, submit: true, notice: 'working', message: `${done}, and submitted it.` }
    : {
        act: 'fill',
        stage,
        submit: false,
        notice: stage === 'username' ? 'working' : 'you',
        message: `${done}: choose ${next} in the tab${stage === 'username' ? ', and Tokenkeep fills the next page' : ''}.`,
      };
}

/** The same step again, after Tokenkeep filled it: the page refused what went in, even if it did not say so. */
function again({ account, service }: Pick<LoginRun, 'account' | 'service'>): LoginStep {
  return {
    act: 'stop',
    notice: 'failed',
    message: `${service} showed the login form again for ${account}. Tokenkeep sent nothing more: check the account's username and password.`,
  };
}

/**
 * When a run has waited `LOGIN_WAIT_MS` for a page it can act on. After a fill left for the user
 * to submit it waits on quietly: the next page wakes it. `unmoved`: the page is still the one
 * Tokenkeep filled.
 */
export function gaveUp(run: Pick<LoginRun, 'account' | 'stage' | 'submitted' | 'filledIn'>, host: string, unmoved: boolean): LoginStop | undefined {
  if (unmoved && !run.submitted) return undefined;
  if (unmoved) return { act: 'stop', notice: 'failed', message: `Tokenkeep submitted the login for ${run.account} on ${host}, and the page did not move on.` };
  return { act: 'stop', notice: 'failed', message: `Tokenkeep found no login form for ${run.account} on ${host}.` };
}

/** The page is still the one Tokenkeep filled last, showing the same form. */
export function unmovedSince(run: Pick<LoginRun, 'stage' | 'filledIn'>, page: Pick<LoginPage, 'documentKey' | 'step'>): boolean {
  const stage = STEP_STAGE[page.step];
  return !!page.documentKey && page.documentKey === run.filledIn && stage !== undefined && ORDER[stage] <= ORDER[run.stage];
}

// Salesforce's own words, in English (other services say the same things so): its verification and passkey pages, and the error its login page shows.
const PASSKEY = /\bpass ?keys?\b|\bsecurity key\b|\bbuilt-in authenticator\b/i;
const VERIFY = /\bverify (?:your identity|it'?s you)\b|\bverification code\b|\bidentity verification\b/i;
const REFUSED = /\bplease check your username and password\b|\byour login attempt has failed\b|\binvalid (?:username|password)\b/i;

/** What the page's visible text says, for `nextStep`. */
export function readSignals(text: string): PageSignals {
  return { passkey: PASSKEY.test(text), verification: VERIFY.test(text), refused: REFUSED.test(text) };
}
