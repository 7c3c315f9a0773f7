/** The "Log in" loop: what it fills, when it waits, and how a run ends, driven through its ports. */
import { describe, expect, it } from 'vitest';
import { createLoginLoop, LOOK_EVERY_MS, type LoginPorts } from '../../../utils/autofill/login-loop';
import { LOGIN_RUN_MS, LOGIN_WAIT_MS, QUIET, type LoginPage, type LoginRun, type LoginStop } from '../../../utils/autofill/login-run';

const page = (over: Partial<LoginPage>): LoginPage => ({ readable: true, host: 'login.salesforce.com', step: 'none', signals: QUIET, hasCode: false, ...over });

/** A tab showing `pages` one after another (each look takes the next; the last stays), with a clock that sleeping moves. */
function harness(pages: LoginPage[], over: Partial<LoginPorts<string, string>> = {}) {
  let clock = 1_000_000;
  const runs = new Map<number, LoginRun>();
  const events: string[] = [];
  const ended: LoginStop[] = [];
  let looks = 0;
  const run: LoginRun = {
    tabId: 7,
    accountId: 'a',
    account: 'Acme prod',
    service: 'Salesforce',
    origin: 'https://login.salesforce.com',
    submit: true,
    stage: 'opening',
    movedAt: clock,
    startedAt: clock,
  };
  runs.set(7, run);
  const ports: LoginPorts<string, string> = {
    getRun: async (tabId) => runs.get(tabId),
    saveRun: async (r) => void runs.set(r.tabId, r),
    dropRun: async (tabId) => void (runs.delete(tabId), events.push('dropped')),
    account: async () => 'account',
    look: async () => {
      const p = pages[Math.min(looks++, pages.length - 1)]!;
      return { page: p, ...(p.documentKey ? { target: p.documentKey } : {}) };
    },
    fill: async (r, target, step) => {
      events.push(`fill ${step.stage} in ${target}`);
      const next = { ...r, stage: step.stage, filledIn: target, submitted: step.submit, movedAt: clock };
      runs.set(r.tabId, next);
      return next;
    },
    finish: async (r, stop) => void (runs.delete(r.tabId), ended.push(stop)),
    sleep: async (ms) => void (clock += ms),
    now: () => clock,
    ...over,
  };
  return { advance: createLoginLoop(ports), runs, events, ended, age: (ms: number) => (clock += ms), looks: () => looks };
}

describe('the Log in loop', () => {
  it('fills a two-step login page by page and ends signed in when the service moves on to the org', async () => {
    const h = harness([
      page({ step: 'username', documentKey: 'doc1' }),
      page({ step: 'password', documentKey: 'doc2' }),
      page({ readable: false, host: 'acme.lightning.force.com' }),
    ]);
    await h.advance(7);
    expect(h.events).toEqual(['fill username in doc1', 'fill password in doc2']);
    expect(h.ended).toEqual([expect.objectContaining({ notice: 'done', message: 'Signed in to Acme prod: Salesforce moved on to acme.lightning.force.com.' })]);
    expect(h.runs.has(7)).toBe(false);
  });

  it('waits while the page loads, and gives up when no form comes in time, saying where', async () => {
    const h = harness([page({ loading: true }), page({ step: 'none', host: 'portal.example' })]);
    await h.advance(7);
    expect(h.looks()).toBeGreaterThan(LOGIN_WAIT_MS / LOOK_EVERY_MS);
    expect(h.ended).toEqual([{ act: 'stop', notice: 'failed', message: 'Tokenkeep found no login form for Acme prod on portal.example.' }]);
  });

  it('drops a run past its time without looking, and one whose tab is gone', async () => {
    const old = harness([page({ step: 'username', documentKey: 'doc1' })]);
    old.age(LOGIN_RUN_MS + 1);
    await old.advance(7);
    expect(old.looks()).toBe(0);
    expect(old.events).toEqual(['dropped']);
    const gone = harness([], { look: async () => undefined });
    await gone.advance(7);
    expect(gone.events).toEqual(['dropped']);
  });

  it('ends with a sentence when the vault locked or the account went away mid-run, and fills nothing', async () => {
    const h = harness([page({ step: 'full', documentKey: 'doc1' })], { account: async () => undefined });
    await h.advance(7);
    expect(h.events).toEqual([]);
    expect(h.ended[0]).toMatchObject({ notice: 'failed', message: 'Tokenkeep locked, or the account was removed, before the login for Acme prod finished.' });
  });

  it('looks at a tab once at a time: a page load during a look asks for one more look after it', async () => {
    let inside = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = harness([page({ loading: true })], {
      look: async () => {
        most = Math.max(most, ++inside);
        await gate;
        inside--;
        return undefined;
      },
    });
    const first = h.advance(7);
    const second = h.advance(7);
    release();
    await Promise.all([first, second]);
    // The second call only asked for another look; the run was dropped by the first (the tab is gone), so the look after finds none.
    expect(most).toBe(1);
    expect(h.events).toEqual(['dropped']);
  });
});
