// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPopupModel } from '../../../components/popup/model';
import { Popup } from '../../../components/popup/Popup';
import { testBackend } from '../vault/backend';
import { capture, PASS } from '../vault/helpers';

const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';
let copied: string[];
let backend: ReturnType<typeof testBackend>;

const settle = () => new Promise((r) => setTimeout(r, 0));

async function mount() {
  const model = createPopupModel({ client: backend.client, clipboard: { writeText: async (t) => void copied.push(t) } });
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => {
    render(<Popup model={model} />, root);
    await model.refresh();
  });
  return root;
}

const button = (root: HTMLElement, name: string) => [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name)!;

async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
    for (let i = 0; i < 20; i++) await settle();
  });
}

async function type(root: HTMLElement, id: string, value: string) {
  await act(() => {
    const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(root: HTMLElement) {
  await act(async () => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    // Argon2id runs for real here; give it time.
    for (let i = 0; i < 200 && root.querySelector('button[type="submit"]')?.hasAttribute('disabled'); i++) await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 20; i++) await settle();
  });
}

beforeEach(() => {
  copied = [];
  backend = testBackend();
});

describe('popup: first run', () => {
  it('asks for a passphrase twice, with a strength hint, and creates the vault', async () => {
    const root = await mount();
    expect(root.textContent).toContain('Choose a passphrase');
    const create = root.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    await type(root, 'setup-pass', 'short');
    expect(root.textContent).toContain('Too short.');
    await type(root, 'setup-pass', PASS);
    await type(root, 'setup-repeat', 'something else');
    expect(root.textContent).toContain('The two passphrases differ.');
    expect(create.disabled).toBe(true);
    await type(root, 'setup-repeat', PASS);
    expect(create.disabled).toBe(false);
    await submit(root);
    expect(root.textContent).toContain('No accounts yet');
    expect(await backend.vault.state()).toBe('unlocked');
  });
});

describe('popup: locked', () => {
  beforeEach(async () => {
    await backend.service.setup(PASS);
    await backend.service.saveCapture(capture(TOKEN, 'jane@acme.com'));
    await backend.service.lock();
    await backend.service.saveCapture(capture('Lk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5', 'while-locked@acme.com'));
  });

  it('says a wrong passphrase is wrong, then unlocks and says what was captured meanwhile', async () => {
    const root = await mount();
    expect(root.textContent).toContain('Unlock Tokenkeep');
    expect(root.textContent).toContain('1 token was captured while locked');
    await type(root, 'unlock-pass', 'not my passphrase');
    await submit(root);
    expect(root.querySelector('[role="status"]')!.textContent).toContain('That passphrase is not right.');
    await type(root, 'unlock-pass', PASS);
    await submit(root);
    expect(root.querySelector('[role="status"]')!.textContent).toBe('1 token captured while locked was added: while-locked@acme.com.');
    expect([...root.querySelectorAll('article h2')].map((h) => h.textContent)).toEqual(['jane@acme.com', 'while-locked@acme.com']);
  });

  it('counts down the wait after repeated wrong passphrases', async () => {
    for (let i = 0; i < 5; i++) await backend.service.unlock(`wrong ${i}`).catch(() => undefined);
    const root = await mount();
    expect(root.querySelector('button[type="submit"]')!.textContent).toMatch(/^Wait \d s$/);
  });
});

describe('popup: unlocked', () => {
  beforeEach(async () => {
    await backend.service.setup(PASS);
    await backend.service.saveCapture(capture(TOKEN, 'jane@acme.com'));
  });

  it('lists an account with its environment and token age', async () => {
    const card = (await mount()).querySelector('article')!;
    expect(card.getAttribute('aria-labelledby')).toBeTruthy();
    expect(card.textContent).toContain('jane@acme.com');
    expect(card.textContent).toContain('production');
    expect(card.textContent).toContain('token issued now');
  });

  it('copies the token and says so; password + token waits for a password', async () => {
    const root = await mount();
    await click(button(root, 'Copy token for jane@acme.com'));
    expect(copied).toEqual([TOKEN]);
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Copied token for jane@acme.com');
    expect(button(root, 'Copy password + token for jane@acme.com').disabled).toBe(true);
  });

  it('saves a password, then copies password + token in one click', async () => {
    const root = await mount();
    await type(root, root.querySelector('input[type="password"]')!.id, 'S3cret!');
    await act(async () => {
      root.querySelector('form.password-form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      for (let i = 0; i < 20; i++) await settle();
    });
    await click(button(root, 'Copy password + token for jane@acme.com'));
    expect(copied).toEqual([`S3cret!${TOKEN}`]);
  });

  it('locks on request and shows the unlock screen', async () => {
    const root = await mount();
    await click(button(root, 'Lock'));
    expect(root.textContent).toContain('Unlock Tokenkeep');
    expect(await backend.vault.state()).toBe('locked');
  });

  it('reports an account it cannot decrypt, and still lists the others', async () => {
    await backend.service.saveCapture(capture('Xk29fPqL0mZr7TbV4nWc1yHs', 'other@acme.com'));
    const [key, record] = (await backend.kv.entries<{ ct: Uint8Array }>('record:'))[0]!;
    record.ct[2]! ^= 1;
    await backend.kv.set(key, record);
    await backend.service.lock();
    await backend.service.unlock(PASS);
    const root = await mount();
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('1 account cannot be opened.');
    expect(root.querySelectorAll('article')).toHaveLength(1);
  });
});
