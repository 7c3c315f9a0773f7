/** The fill's next step: which frame gets which values, and when the user is asked first. */
import { describe, expect, it } from 'vitest';
import type { FillTicket, FrameReport } from '../../../utils/autofill/decide';
import { nextFillStep, type FillFacts } from '../../../utils/autofill/next-step';
import type { FillPlan, PlannedField } from '../../../utils/autofill/types';
import { kindOf } from '../../../utils/kinds';

const field = (role: PlannedField['role']): PlannedField => ({ selector: `#${role}`, path: [`#${role}`], role, reason: '' });

function frame(frameId: number, url: string, roles: Array<PlannedField['role']> = ['username', 'password'], extra: Partial<FillPlan> = {}): FrameReport {
  return {
    frameId,
    origin: new URL(url).origin,
    url,
    top: frameId === 0,
    documentKey: `doc${frameId}`,
    plan: {
      form: 'form',
      fields: roles.map(field),
      hasTokenField: roles.includes('token'),
      step: roles.length ? 'full' : 'none',
      notes: roles.length ? [] : ['No login form here.'],
      ...extra,
    },
  };
}

const SALESFORCE = kindOf('salesforce')!.appends;
const PORTAL = 'https://portal.example/login';
const facts = (over: Partial<FillFacts>): FillFacts => ({
  frames: [frame(0, PORTAL)],
  tabOrigin: 'https://portal.example',
  request: {},
  sites: ['https://portal.example'],
  sources: { username: 'ada@acme.com', password: 'pw' },
  appends: SALESFORCE,
  choices: {},
  ...over,
});
const ticket = (f: FrameReport, asked: FillTicket['asked']): FillTicket => ({
  ticket: 't',
  accountId: 'a',
  frameId: f.frameId,
  documentKey: f.documentKey,
  origin: f.origin,
  asked,
});
const filled = (step: ReturnType<typeof nextFillStep>) => (step.step === 'fill' ? Object.fromEntries(step.values.map((v) => [v.role, v.value])) : step);

describe('the next step of a fill', () => {
  it('fills the frame on one of the account’s sites, with its username and password', () => {
    expect(filled(nextFillStep(facts({})))).toEqual({ username: 'ada@acme.com', password: 'pw' });
  });

  it('asks before filling a form on the tab’s own origin that is not one of the account’s sites, and never asks about a frame of another origin', () => {
    const own = frame(4, PORTAL);
    const step = nextFillStep(facts({ sites: [], frames: [frame(3, 'https://evil.example/'), own] }));
    expect(step).toMatchObject({ step: 'ask', asked: 'confirm-site', frame: { frameId: 4 } });
    expect(nextFillStep(facts({ sites: [], frames: [frame(3, 'https://evil.example/')] }))).toMatchObject({ step: 'no-form' });
  });

  it('says why when no frame has a form', () => {
    expect(nextFillStep(facts({ frames: [frame(0, PORTAL, [])] }))).toEqual({ step: 'no-form', notes: ['No login form here.'] });
  });

  it('fills where the user agreed, adding the origin to the account’s sites; without the agreement it asks again', () => {
    const own = frame(0, PORTAL);
    const agreed = nextFillStep(facts({ sites: [], answered: ticket(own, 'confirm-site'), request: { confirmSite: true } }));
    expect(agreed).toMatchObject({ step: 'fill', addSite: 'https://portal.example' });
    expect(nextFillStep(facts({ sites: [], answered: ticket(own, 'confirm-site'), request: {} }))).toMatchObject({ step: 'ask', asked: 'confirm-site' });
  });

  it('adds the agreed site even when the next step is another question, so its answer fills without asking about the site again', () => {
    const own = frame(0, PORTAL);
    const sources = { username: 'ada@acme.com', password: 'pw', token: 'T0kenT0kenT0kenT0ken' };
    const agreed = nextFillStep(facts({ sites: [], sources, answered: ticket(own, 'confirm-site'), request: { confirmSite: true } }));
    expect(agreed).toMatchObject({ step: 'ask', asked: 'choose-mode', addSite: 'https://portal.example' });
    // The mode's answer comes with the site now among the account's.
    const answer = nextFillStep(
      facts({ sites: ['https://portal.example'], sources, answered: ticket(own, 'choose-mode'), request: { mode: 'password+token' } }),
    );
    expect(answer).toMatchObject({ step: 'fill' });
    expect(answer).not.toHaveProperty('addSite');
  });

  it('fills nothing when the document the question was about is gone: an answer is for one document only', () => {
    const asked = frame(0, PORTAL);
    const reloaded = { ...asked, documentKey: 'another' };
    expect(nextFillStep(facts({ frames: [reloaded], answered: ticket(asked, 'confirm-site'), request: { confirmSite: true } }))).toEqual({ step: 'changed' });
  });

  it('asks whether the token follows the password on a page that is not a Salesforce login, then fills the answer and keeps it when asked to', () => {
    const sources = { username: 'ada@acme.com', password: 'pw', token: 'T0kenT0kenT0kenT0ken' };
    const question = nextFillStep(facts({ sources }));
    expect(question).toMatchObject({ step: 'ask', asked: 'choose-mode', modes: ['password', 'password+token'] });
    const f = frame(0, PORTAL);
    const answer = nextFillStep(facts({ sources, answered: ticket(f, 'choose-mode'), request: { mode: 'password+token', rememberMode: true } }));
    expect(filled(answer)).toEqual({ username: 'ada@acme.com', 'password+token': 'pwT0kenT0kenT0kenT0ken' });
    expect(answer).toMatchObject({ remember: { origin: 'https://portal.example', mode: 'password+token' } });
    // The kept choice answers the next time, unasked.
    expect(filled(nextFillStep(facts({ sources, choices: { 'https://portal.example': 'password+token' } })))).toMatchObject({
      'password+token': 'pwT0kenT0kenT0kenT0ken',
    });
  });

  it('takes the password alone on a Salesforce login page, and ignores a mode that was not offered', () => {
    const sources = { username: 'ada@acme.com', password: 'pw', token: 'T0kenT0kenT0kenT0ken' };
    const login = frame(0, 'https://login.salesforce.com/');
    expect(filled(nextFillStep(facts({ sources, frames: [login], sites: ['https://login.salesforce.com'], tabOrigin: login.origin })))).toMatchObject({
      password: 'pw',
    });
    const f = frame(0, PORTAL);
    expect(nextFillStep(facts({ sources, answered: ticket(f, 'choose-mode'), request: { mode: 'password+code' } }))).toMatchObject({
      step: 'ask',
      asked: 'choose-mode',
    });
  });
});
