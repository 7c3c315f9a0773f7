// @vitest-environment happy-dom
/** Options › Log in: the login pages the browser let Tokenkeep open and fill, and taking one back. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { createLoginSitesModel } from '../../../components/options/login-sites-model';
import { LoginSites } from '../../../components/options/LoginSites';

async function mount(granted: string[], { keeps = false } = {}) {
  let changed: () => void = () => undefined;
  const model = createLoginSitesModel({
    list: async () => [...granted],
    remove: async (origin) => {
      if (keeps) return false;
      granted.splice(granted.indexOf(origin), 1);
      return true;
    },
    watch: (on) => (changed = on),
  });
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => {
    render(<LoginSites model={model} />, root);
    await model.load();
  });
  return { root, granted, changed: () => act(async () => void (await changed(), await new Promise((r) => setTimeout(r, 0)))) };
}

const hosts = (root: HTMLElement) => [...root.querySelectorAll('li .mono')].map((el) => el.textContent);

describe('options: Log in sites', () => {
  it('lists each granted login page by host, and removes one on its button', async () => {
    const { root, granted } = await mount(['https://test.salesforce.com', 'https://acme.my.salesforce.com']);
    expect(hosts(root)).toEqual(['acme.my.salesforce.com', 'test.salesforce.com']);
    await act(async () => {
      root.querySelector<HTMLButtonElement>('button[aria-label="Remove test.salesforce.com"]')!.click();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(granted).toEqual(['https://acme.my.salesforce.com']);
    expect(hosts(root)).toEqual(['acme.my.salesforce.com']);
  });

  it('says "None yet" before the first Log in, follows a grant made elsewhere, and says when the browser keeps one', async () => {
    const { root, granted, changed } = await mount([], { keeps: true });
    expect(root.textContent).toContain('None yet.');
    granted.push('https://login.salesforce.com');
    await changed();
    expect(hosts(root)).toEqual(['login.salesforce.com']);
    await act(async () => {
      root.querySelector<HTMLButtonElement>('button[aria-label="Remove login.salesforce.com"]')!.click();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('The browser kept login.salesforce.com: remove it in its own extension settings.');
  });
});
