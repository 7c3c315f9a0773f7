/**
 * The loop that drives a "Log in" run: look at the tab, decide the next step
 * (login-run.ts), fill or wait or stop, and look again, until the run has
 * done what it can on the page in the tab. One look at a time per tab; a
 * page load during a look asks for one more look after it. Everything it
 * touches (storage, the tab, the clock) comes in as ports, so the background
 * wires it to the browser and the tests to plain functions.
 */
import { gaveUp, LOGIN_RUN_MS, LOGIN_WAIT_MS, nextStep, unmovedSince, type LoginPage, type LoginRun, type LoginStep, type LoginStop } from './login-run';

/** How often a run looks at a page it cannot act on yet. */
export const LOOK_EVERY_MS = 400;

export interface LoginPorts<Account, Target> {
  getRun(tabId: number): Promise<LoginRun | undefined>;
  saveRun(run: LoginRun): Promise<void>;
  dropRun(tabId: number): Promise<void>;
  /** The run's account; undefined once the vault locked or the account is gone. */
  account(run: LoginRun): Promise<Account | undefined>;
  /** The page in the tab, and where a fill would go; undefined when the tab is gone. */
  look(run: LoginRun, account: Account): Promise<{ page: LoginPage; target?: Target } | undefined>;
  /** Fills the step into the target; the run as it is after, or undefined when the fill was refused and the run ended. */
  fill(run: LoginRun, target: Target, step: Extract<LoginStep, { act: 'fill' }>): Promise<LoginRun | undefined>;
  finish(run: LoginRun, stop: LoginStop): Promise<void>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export function createLoginLoop<Account, Target>(ports: LoginPorts<Account, Target>): (tabId: number) => Promise<void> {
  const looking = new Set<number>();
  const lookAgain = new Set<number>();

  /** One look at the tab: look again at once (after a fill), after a pause, or not until the next page load. */
  async function pass(tabId: number): Promise<'now' | 'later' | 'done'> {
    const run = await ports.getRun(tabId);
    if (!run) return 'done';
    if (ports.now() - run.startedAt > LOGIN_RUN_MS) return (void (await ports.dropRun(tabId)), 'done');
    const account = await ports.account(run);
    if (account === undefined) {
      await ports.finish(run, {
        act: 'stop',
        notice: 'failed',
        message: `Tokenkeep locked, or the account was removed, before the login for ${run.account} finished.`,
      });
      return 'done';
    }
    const seen = await ports.look(run, account);
    // The tab is gone.
    if (!seen) return (void (await ports.dropRun(tabId)), 'done');
    const { page, target } = seen;
    const step = nextStep(run, page);
    if (step.act === 'stop') return (void (await ports.finish(run, step)), 'done');
    // A fill is decided only on a frame's plan, so there is a target.
    if (step.act === 'fill') return (await ports.fill(run, target!, step)) ? 'now' : 'done';
    if (ports.now() - run.movedAt > LOGIN_WAIT_MS) {
      const ended = gaveUp(run, page.host, unmovedSince(run, page));
      if (ended) await ports.finish(run, ended);
      // Waiting for the user to submit: the next page they load wakes the run.
      else await ports.saveRun({ ...run, movedAt: ports.now() });
      return 'done';
    }
    return 'later';
  }

  return async function advance(tabId: number): Promise<void> {
    if (looking.has(tabId)) return void lookAgain.add(tabId);
    looking.add(tabId);
    try {
      for (;;) {
        lookAgain.delete(tabId);
        const then = await pass(tabId);
        if (then === 'done') return;
        if (then === 'later') await ports.sleep(LOOK_EVERY_MS);
      }
    } finally {
      looking.delete(tabId);
      if (lookAgain.has(tabId)) void advance(tabId);
    }
  };
}
