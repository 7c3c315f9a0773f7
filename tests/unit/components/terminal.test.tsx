// @vitest-environment happy-dom
/** The options page's Terminal section, and the consent window a terminal request opens. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { Consent } from '../../../components/consent/Consent';
import { createConsentModel } from '../../../components/consent/model';
import { createTerminalModel, NOT_ALLOWED } from '../../../components/options/terminal-model';
import { TerminalSection } from '../../../components/options/TerminalSection';
import { ARMING_MS, type ConsentAnswer, type ConsentQuestion } from '../../../utils/bridge/consent';
import { BRIDGE_STATUS_TEXT, type BridgeStatus } from '../../../utils/bridge/status';
import { AppError } from '../../../utils/common/errors';
import { handleRequest, type Handlers } from '../../../utils/protocol/messages';
import { createClient } from '../../../utils/protocol/client';

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A client that goes through the protocol's own validation, to handlers the test gives. */
const clientFor = (handlers: Partial<Handlers>) => createClient((message) => handleRequest(message, 'page', handlers as Handlers));

async function mount(node: preact.ComponentChild) {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => {
    render(node, root);
    await settle();
  });
  return root;
}

async function click(el: Element) {
  await act(async () => {
    (el as HTMLElement).click();
    await settle();
  });
}

describe('terminal section', () => {
  function section(permission: boolean) {
    let publish!: (s: BridgeStatus) => void;
    let state: BridgeStatus = { state: 'off' };
    const model = createTerminalModel({
      client: clientFor({
        'bridge.status': async () => state,
        'bridge.enable': async () => (state = { state: 'starting' }),
        'bridge.disable': async () => (state = { state: 'off' }),
      }),
      requestPermission: async () => permission,
      watch: (on) => (publish = on),
    });
    return { model, publish: (s: BridgeStatus) => act(() => publish(s)) };
  }

  it('saves the tokenkeep.mjs the extension ships, and shows the exact command that installs it; a failed save is said', async () => {
    let saves = 0;
    const failing = { fail: false };
    const model = createTerminalModel({
      client: clientFor({ 'bridge.status': async () => ({ state: 'off' }) }),
      requestPermission: async () => false,
      watch: () => undefined,
      saveCommand: async () => {
        saves++;
        if (failing.fail) throw new Error('the file is missing from this build');
      },
    });
    const root = await mount(<TerminalSection model={model} />);
    const save = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Save tokenkeep.mjs')!;
    await click(save);
    expect(saves).toBe(1);
    expect([...root.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
      'node ~/Downloads/tokenkeep.mjs install',
      'tokenkeep list',
      'tokenkeep run "Acme prod" -- npm start',
    ]);
    failing.fail = true;
    await click(save);
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('Tokenkeep could not save tokenkeep.mjs: the file is missing from this build');
  });

  it('asks the browser first, then follows what the background publishes', async () => {
    const { model, publish } = section(true);
    const root = await mount(<TerminalSection model={model} />);
    await act(() => model.load());
    const box = root.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(box.checked).toBe(false);
    await click(box);
    expect(box.checked).toBe(true);
    expect(root.querySelector('[role="status"]')!.textContent).toBe(BRIDGE_STATUS_TEXT.starting);
    await publish({ state: 'pending' });
    expect(root.querySelector('[role="status"]')!.textContent).toContain('Tokenkeep stays unlocked meanwhile');
    await publish({ state: 'listening' });
    expect(root.querySelector('[role="status"]')!.textContent).toBe(BRIDGE_STATUS_TEXT.listening);
    await click(box);
    expect(box.checked).toBe(false);
    expect(root.querySelector('[role="status"]')).toBeNull();
  });

  it('stays off, and says so, when the browser does not allow it', async () => {
    const { model } = section(false);
    const root = await mount(<TerminalSection model={model} />);
    await act(() => model.load());
    const box = root.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    await click(box);
    expect(box.checked).toBe(false);
    expect(root.querySelector('[role="alert"]')!.textContent).toBe(NOT_ALLOWED);
  });

  it('shows what stopped the bridge', async () => {
    const { model, publish } = section(true);
    const root = await mount(<TerminalSection model={model} />);
    await act(() => model.load());
    await click(root.querySelector('input[type="checkbox"]')!);
    await publish({ state: 'failed', message: BRIDGE_STATUS_TEXT.missing });
    expect(root.querySelector('[role="status"]')!.textContent).toContain('run tokenkeep install');
  });
});

describe('consent window', () => {
  const question: ConsentQuestion = {
    options: [{ account: 'Acme prod', kind: 'Salesforce', items: ['password (SF_PASSWORD)', 'security token (SF_SECURITY_TOKEN)'] }],
    purpose: 'print the environment variables',
    command: ['tokenkeep', 'env', 'acme corp'],
    cwd: '/home/dev/project',
  };
  const ticket = crypto.randomUUID();

  function consentWindow(asked: ConsentQuestion = question, requestOrigins?: (origins: string[]) => Promise<boolean>) {
    const answers: ConsentAnswer[] = [];
    let closed = 0;
    const model = createConsentModel({
      ...(requestOrigins ? { requestOrigins } : {}),
      client: clientFor({
        'consent.get': async (r) => {
          if (r.ticket !== ticket) throw new AppError('not-found', 'This request was already answered, or it has ended.');
          return { question: asked };
        },
        'consent.answer': async (r) => (answers.push(r.answer), {}),
      }),
      ticket,
      close: () => void closed++,
    });
    return { model, answers, closed: () => closed };
  }

  const byText = (root: Element, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
  /** The moment the Allow buttons stay inert after the window shows. */
  const armed = () => act(() => new Promise((r) => setTimeout(r, ARMING_MS + 50)));

  it('asks the browser for an access token’s hosts in the Allow click; refused, it sends nothing and lets the user Allow again or Deny', async () => {
    const live: ConsentQuestion = {
      ...question,
      options: [
        {
          account: 'Acme production',
          kind: 'Salesforce OAuth',
          items: ['an access token for Acme production (about 2 hours)'],
          origins: ['https://acme.my.salesforce.com'],
        },
      ],
      purpose: 'print one access token',
    };
    const asked: string[][] = [];
    const browserSays = [false, true];
    const { model, answers, closed } = consentWindow(live, async (origins) => (asked.push(origins), browserSays.shift()!));
    const root = await mount(<Consent model={model} />);
    await act(() => model.load());
    expect(root.textContent).toContain('Tokenkeep makes it at acme.my.salesforce.com; the secret it is made from stays here.');
    await armed();
    await click(byText(root, 'Allow once'));
    expect(answers).toEqual([]);
    expect(root.textContent).toContain('Tokenkeep may not reach acme.my.salesforce.com yet: choose Allow again and allow it when your browser asks, or Deny.');
    await click(byText(root, 'Allow once'));
    expect(asked).toEqual([['https://acme.my.salesforce.com'], ['https://acme.my.salesforce.com']]);
    expect(answers).toEqual([{ allow: 'once', option: 0 }]);
    expect(closed()).toBe(1);
  });

  it('names the account, what would leave and the command that asks, with focus on Deny', async () => {
    const { model } = consentWindow();
    const root = await mount(<Consent model={model} />);
    await act(() => model.load());
    const text = root.textContent!;
    for (const part of [
      'A terminal asks for Acme prod',
      'password (SF_PASSWORD)',
      'security token (SF_SECURITY_TOKEN)',
      'To print the environment variables.',
      "tokenkeep env 'acme corp'",
      '/home/dev/project',
    ])
      expect(text).toContain(part);
    expect(document.activeElement?.textContent).toBe('Deny');
  });

  it('keeps Allow inert for a moment after the window shows, so a click or key meant for another window does not answer it', async () => {
    const { model, answers } = consentWindow();
    const root = await mount(<Consent model={model} />);
    await act(() => model.load());
    expect(byText(root, 'Allow once').disabled).toBe(true);
    await click(byText(root, 'Allow once'));
    expect(answers).toEqual([]);
    await armed();
    expect(byText(root, 'Allow once').disabled).toBe(false);
  });

  it('sends the one answer given, and closes', async () => {
    const { model, answers, closed } = consentWindow();
    const root = await mount(<Consent model={model} />);
    await act(() => model.load());
    await armed();
    const select = root.querySelector('select')!;
    await act(async () => {
      select.value = '15';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // The window says what a standing answer covers before the user gives one.
    expect(root.textContent).toContain('lets this same request, for what is listed above, through without asking');
    await click(byText(root, 'Allow this account for'));
    await click(byText(root, 'Allow once'));
    expect(answers).toEqual([{ allow: 15, option: 0 }]);
    expect(closed()).toBe(1);
  });

  it('lets the user pick one of the accounts a name matched, and allows nothing until one is picked', async () => {
    const several: ConsentQuestion = {
      ...question,
      options: [question.options[0]!, { account: 'Acme sandbox', kind: 'Salesforce', items: ['password (SF_PASSWORD)'] }],
    };
    const { model, answers } = consentWindow(several);
    const root = await mount(<Consent model={model} />);
    await act(() => model.load());
    await armed();
    expect(root.textContent).toContain('A terminal asks for one of 2 accounts');
    expect(byText(root, 'Allow once').disabled).toBe(true);
    await click(root.querySelectorAll<HTMLInputElement>('input[type="radio"]')[1]!);
    await click(byText(root, 'Allow once'));
    expect(answers).toEqual([{ allow: 'once', option: 1 }]);
  });

  it('shows what cannot be given, and offers only to close', async () => {
    const { model, answers } = consentWindow({ ...question, options: [], problem: 'No account is named "globex".' });
    const root = await mount(<Consent model={model} />);
    await act(() => model.load());
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('No account is named "globex".');
    expect([...root.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual(['Close']);
    await click(byText(root, 'Close'));
    expect(answers).toEqual(['deny']);
  });

  it('says so when the request has already ended', async () => {
    const ended = createConsentModel({
      client: clientFor({ 'consent.get': async () => Promise.reject(new AppError('not-found', 'This request was already answered, or it has ended.')) }),
      ticket,
      close: () => undefined,
    });
    const root = await mount(<Consent model={ended} />);
    await act(() => ended.load());
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('This request was already answered, or it has ended.');
  });
});
