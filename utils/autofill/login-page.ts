/**
 * The page in a "Log in" tab as the run sees it (login-run.ts), from the
 * tab's address and status and the reports its frames gave.
 */
import { matchesAnySite } from '../common/sites';
import { chooseFrame, type FrameReport } from './decide';
import { QUIET, type LoginPage } from './login-run';

export interface TabSeen {
  /** The tab's address, where the browser shows it. */
  url?: string;
  /** The browser's word for the tab: 'loading' or 'complete'. */
  status?: string;
  /** Where the account logs in: its sites and the login page the run opened. */
  sites: readonly string[];
  /** Every frame's report; none when the page could not be read at that moment. */
  frames: readonly FrameReport[];
  /** The account can put a current code into a code field. */
  hasCode: boolean;
}

/** A run reads only an https page on the account's sites; nothing (a TOTP code among it) is worked out for another. */
export const mayRead = (url: string | undefined, sites: readonly string[]): url is string => !!url && url.startsWith('https:') && matchesAnySite(sites, url);

/** The page, and the frame a fill would go to. */
export function loginPage({ url, status, sites, frames, hasCode }: TabSeen): { page: LoginPage; frame?: FrameReport } {
  const host = url && URL.canParse(url) ? new URL(url).host : 'a site it may not read';
  if (!mayRead(url, sites)) return { page: { readable: false, host, step: 'none', signals: QUIET, hasCode: false } };
  const frame = chooseFrame(frames, sites);
  const top = frames.find((f) => f.top);
  const page: LoginPage = {
    readable: true,
    // No report from the top frame: the tab was between two documents when it was read (the script went
    // into one and was asked in the next), not a page without a form. Taken for one, after a submitted
    // password, it would end the run as "signed in" before the page that came next was ever read.
    loading: status !== 'complete' || !top || top.ready === false,
    host,
    step: frame?.plan.step ?? 'none',
    signals: top?.signals ?? frame?.signals ?? QUIET,
    hasCode,
    ...(frame ? { documentKey: frame.documentKey } : {}),
  };
  return { page, ...(frame ? { frame } : {}) };
}
