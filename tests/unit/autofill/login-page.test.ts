import { describe, expect, it } from 'vitest';
import type { FrameReport } from '../../../utils/autofill/decide';
import { loginPage } from '../../../utils/autofill/login-page';
import { nextStep, QUIET, type LoginRun } from '../../../utils/autofill/login-run';
import type { FillPlan } from '../../../utils/autofill/types';

const SITES = ['https://test.salesforce.com'];
const URL_ = 'https://test.salesforce.com/login';
const frame = (step: FillPlan['step'], over: Partial<FrameReport> = {}): FrameReport => ({
  frameId: 0,
  origin: 'https://test.salesforce.com',
  url: URL_,
  top: true,
  documentKey: 'doc-2',
  plan:
    step === 'none'
      ? { form: null, fields: [], hasTokenField: false, step, notes: [] }
      : { form: 'form', fields: [{ selector: '#pw', path: ['#pw'], role: 'password', reason: 'a password field' }], hasTokenField: false, step, notes: [] },
  signals: QUIET,
  ready: true,
  ...over,
});
/** Tokenkeep filled and submitted the password page: what it sees next decides whether the run ends. */
const AFTER_PASSWORD: Pick<LoginRun, 'account' | 'service' | 'stage' | 'submit' | 'filledIn' | 'submitted'> = {
  account: 'Acme UAT (sandbox)',
  service: 'Salesforce',
  stage: 'password',
  submit: true,
  filledIn: 'doc-1',
  submitted: true,
};

describe('the page a "Log in" run sees', () => {
  it('reads a page on the account’s sites with its frame’s plan and the top frame’s words', () => {
    const seen = loginPage({ url: URL_, status: 'complete', sites: SITES, frames: [frame('password')], hasCode: true });
    expect(seen.page).toEqual({
      readable: true,
      loading: false,
      host: 'test.salesforce.com',
      step: 'password',
      signals: QUIET,
      hasCode: true,
      documentKey: 'doc-2',
    });
    expect(seen.frame?.frameId).toBe(0);
  });

  it('reads nothing on a page off the account’s sites, or over plain http', () => {
    for (const url of ['https://evil.example/login', 'http://test.salesforce.com/login', undefined]) {
      const seen = loginPage({ url, status: 'complete', sites: SITES, frames: [frame('password')], hasCode: true });
      expect(seen).toEqual({ page: expect.objectContaining({ readable: false, step: 'none', hasCode: false }) });
    }
  });

  it('takes a page no frame reported on for one between two documents, so a submitted password does not end as "signed in"', () => {
    // The script went into the password page, and the question came to the page after it: no report at all.
    const between = loginPage({ url: URL_, status: 'complete', sites: SITES, frames: [], hasCode: false });
    expect(between.page.loading).toBe(true);
    expect(nextStep(AFTER_PASSWORD, between.page)).toEqual({ act: 'wait' });
    // The verification page, once read, is what ends the run.
    const verify = loginPage({
      url: URL_,
      status: 'complete',
      sites: SITES,
      frames: [frame('none', { signals: { ...QUIET, verification: true } })],
      hasCode: false,
    });
    expect(nextStep(AFTER_PASSWORD, verify.page)).toMatchObject({ act: 'stop', notice: 'you' });
  });

  it('waits while the tab or its top document is still loading', () => {
    expect(loginPage({ url: URL_, status: 'loading', sites: SITES, frames: [frame('none')], hasCode: false }).page.loading).toBe(true);
    expect(loginPage({ url: URL_, status: 'complete', sites: SITES, frames: [frame('none', { ready: false })], hasCode: false }).page.loading).toBe(true);
    // Loaded, read, and no form after the password: the org.
    const org = loginPage({ url: URL_, status: 'complete', sites: SITES, frames: [frame('none')], hasCode: false });
    expect(nextStep(AFTER_PASSWORD, org.page)).toMatchObject({ act: 'stop', notice: 'done' });
  });
});
