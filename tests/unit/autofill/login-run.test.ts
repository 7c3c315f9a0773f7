import { describe, expect, it } from 'vitest';
import { gaveUp, nextStep, readSignals, type LoginPage, type LoginRun } from '../../../utils/autofill/login-run';

const RUN: Pick<LoginRun, 'account' | 'service' | 'stage' | 'submit' | 'filledIn' | 'submitted'> = {
  account: 'Acme UAT (sandbox)',
  service: 'Salesforce',
  stage: 'opening',
  submit: true,
};
const QUIET = { passkey: false, verification: false, refused: false };
const page = (over: Partial<LoginPage> = {}): LoginPage => ({
  readable: true,
  host: 'test.salesforce.com',
  step: 'none',
  signals: QUIET,
  hasCode: false,
  documentKey: 'doc-1',
  ...over,
});

describe('"Log in", page by page', () => {
  it('fills the username-first page, then the password page, submitting each when the account says so', () => {
    expect(nextStep(RUN, page({ step: 'username' }))).toEqual({
      act: 'fill',
      stage: 'username',
      submit: true,
      notice: 'working',
      message: 'Filled the username for Acme UAT (sandbox), and submitted it.',
    });
    expect(nextStep({ ...RUN, stage: 'username', filledIn: 'doc-1' }, page({ step: 'password', documentKey: 'doc-2' }))).toMatchObject({
      act: 'fill',
      stage: 'password',
      submit: true,
    });
  });

  it('leaves the pressing to the user where submitting is off, and says which button', () => {
    expect(nextStep({ ...RUN, submit: false }, page({ step: 'username' }))).toMatchObject({
      submit: false,
      notice: 'working',
      message: 'Filled the username for Acme UAT (sandbox): choose Next in the tab, and Tokenkeep fills the next page.',
    });
    expect(nextStep({ ...RUN, submit: false, stage: 'username' }, page({ step: 'password', documentKey: 'doc-2' }))).toMatchObject({
      notice: 'you',
      message: 'Filled the password for Acme UAT (sandbox): choose Log In in the tab.',
    });
  });

  it('waits while the page it filled has not moved on yet (a submit takes a moment), instead of calling it a refusal', () => {
    expect(nextStep({ ...RUN, stage: 'username', filledIn: 'doc-1' }, page({ step: 'username' }))).toEqual({ act: 'wait' });
    expect(nextStep({ ...RUN, stage: 'password', filledIn: 'doc-1' }, page({ step: 'password' }))).toEqual({ act: 'wait' });
  });

  it('never sends twice: the same form on a new page, or an error, ends the run', () => {
    expect(nextStep({ ...RUN, stage: 'password', filledIn: 'doc-1' }, page({ step: 'password', documentKey: 'doc-2' }))).toMatchObject({
      act: 'stop',
      notice: 'failed',
      message: expect.stringContaining('Tokenkeep sent nothing more'),
    });
    expect(
      nextStep({ ...RUN, stage: 'password', filledIn: 'doc-1' }, page({ step: 'full', documentKey: 'doc-1', signals: { ...QUIET, refused: true } })),
    ).toMatchObject({ act: 'stop', notice: 'failed' });
  });

  it("says plainly when Salesforce asks for a verification or a passkey, and fills a code only from the account's own TOTP secret", () => {
    const verify = page({ step: 'code', documentKey: 'doc-3', signals: { ...QUIET, verification: true } });
    expect(nextStep({ ...RUN, stage: 'password' }, verify)).toEqual({
      act: 'stop',
      notice: 'you',
      message: 'Salesforce asks Acme UAT (sandbox) to verify it is you (a code from your authenticator app, an email or a text): finish it in the tab.',
    });
    expect(nextStep({ ...RUN, stage: 'password' }, { ...verify, hasCode: true })).toMatchObject({ act: 'fill', stage: 'code' });
    expect(nextStep({ ...RUN, stage: 'password' }, page({ signals: { ...QUIET, passkey: true } }))).toMatchObject({
      notice: 'you',
      message: expect.stringContaining('asks for a passkey or security key'),
    });
  });

  it('calls it done once the org takes over after the password, and fills nothing on a site the account does not list', () => {
    expect(nextStep({ ...RUN, stage: 'password' }, page({ readable: false, host: 'acme--uat.sandbox.lightning.force.com' }))).toMatchObject({
      notice: 'done',
      message: 'Signed in to Acme UAT (sandbox): Salesforce moved on to acme--uat.sandbox.lightning.force.com.',
    });
    expect(nextStep({ ...RUN, stage: 'username' }, page({ readable: false, host: 'evil.example' }))).toMatchObject({
      act: 'stop',
      notice: 'failed',
      message: expect.stringContaining('evil.example, which is not one of its sites'),
    });
  });

  it('judges no page while it loads: mid-navigation, an empty page is not the org', () => {
    expect(nextStep({ ...RUN, stage: 'password' }, page({ loading: true }))).toEqual({ act: 'wait' });
  });

  it('waits for a page still drawing its form, then says what it saw; after a fill left to the user, it waits on quietly', () => {
    expect(nextStep(RUN, page())).toEqual({ act: 'wait' });
    expect(gaveUp(RUN, 'test.salesforce.com', false)).toMatchObject({
      message: 'Tokenkeep found no login form for Acme UAT (sandbox) on test.salesforce.com.',
    });
    expect(gaveUp({ ...RUN, stage: 'username', filledIn: 'doc-1', submitted: false }, 'test.salesforce.com', true)).toBeUndefined();
    expect(gaveUp({ ...RUN, stage: 'username', filledIn: 'doc-1', submitted: true }, 'test.salesforce.com', true)).toMatchObject({
      notice: 'failed',
      message: expect.stringContaining('did not move on'),
    });
  });

  it("reads Salesforce's verification, passkey and error words", () => {
    expect(readSignals('Verify Your Identity\nEnter the verification code we sent')).toEqual({ passkey: false, verification: true, refused: false });
    expect(readSignals('Use your passkey to log in')).toMatchObject({ passkey: true });
    expect(readSignals("Please check your username and password. If you still can't log in, contact your Salesforce administrator.")).toMatchObject({
      refused: true,
    });
    expect(readSignals('Log In\nRemember me\nForgot Your Password?')).toEqual({ passkey: false, verification: false, refused: false });
  });
});
