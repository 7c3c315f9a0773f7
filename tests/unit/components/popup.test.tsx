// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPopupModel } from '../../../components/popup/model';
import { Popup } from '../../../components/popup/Popup';
import type { Client } from '../../../utils/messages-client';
import type { Account } from '../../../utils/vault/account';

const ACCOUNT: Account = {
  id: 'a1',
  provider: 'salesforce',
  label: 'Acme prod',
  username: 'jane@acme.com',
  token: 'PVmuqFRxEP0LG40WUka5vPJjG',
  tokenIssuedAt: new Date(Date.now() - 2 * 86400_000).toISOString(),
  environment: 'production',
  loginUrl: 'https://login.salesforce.com',
  sites: [],
  history: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

let copied: string[];
let accounts: Account[];
const client = (async (request: { type: string; id?: string; password?: string }) => {
  if (request.type === 'accounts.list') return { accounts };
  if (request.type === 'account.setPassword') {
    accounts = accounts.map((a) => (a.id === request.id ? { ...a, password: request.password } : a));
    return { account: accounts.find((a) => a.id === request.id) };
  }
  throw new Error(`unexpected ${request.type}`);
}) as unknown as Client;

async function mount() {
  const model = createPopupModel({ client, clipboard: { writeText: async (t) => void copied.push(t) } });
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => {
    render(<Popup model={model} />, root);
    await model.load();
  });
  return root;
}

const button = (root: HTMLElement, name: string) => root.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`)!;

/** Clicks and lets the model's async work settle before assertions. */
async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
    await new Promise((r) => setTimeout(r, 0));
  });
}

beforeEach(() => {
  copied = [];
  accounts = [ACCOUNT];
});

describe('popup', () => {
  it('says how to get started when there are no accounts', async () => {
    accounts = [];
    expect((await mount()).textContent).toContain('No accounts yet');
  });

  it('lists an account with its environment and token age', async () => {
    const root = await mount();
    const card = root.querySelector('article')!;
    expect(card.getAttribute('aria-labelledby')).toBeTruthy();
    expect(card.textContent).toContain('Acme prod');
    expect(card.textContent).toContain('production');
    expect(card.textContent).toContain('2 days ago');
  });

  it('copies the token and says so; password + token waits for a password', async () => {
    const root = await mount();
    await click(button(root, 'Copy token for Acme prod'));
    expect(copied).toEqual(['PVmuqFRxEP0LG40WUka5vPJjG']);
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Copied token for Acme prod');
    expect(button(root, 'Copy password + token for Acme prod').disabled).toBe(true);
  });

  it('saves a password, then copies password + token in one click', async () => {
    const root = await mount();
    const input = root.querySelector<HTMLInputElement>('input[type="password"]')!;
    await act(() => {
      input.value = 'S3cret!';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      await new Promise((r) => setTimeout(r, 0));
    });
    await click(button(root, 'Copy password + token for Acme prod'));
    expect(copied).toEqual(['S3cret!PVmuqFRxEP0LG40WUka5vPJjG']);
  });
});
