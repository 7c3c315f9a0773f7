// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOptionsModel } from '../../../components/options/model';
import { Options } from '../../../components/options/Options';
import { capturesFromEmailFile } from '../../../utils/extract/browser-email';
import type { Client } from '../../../utils/protocol/client';
import type { Settings } from '../../../utils/settings';

let saved: Settings[];
let sentCaptures: unknown[];
const client = (async (request: { type: string; capture?: unknown }) => {
  if (request.type === 'capture.save') {
    sentCaptures.push(request.capture);
    return { outcome: 'created', accountId: 'a1' };
  }
  throw new Error(`unexpected ${request.type}`);
}) as unknown as Client;

const emailFile = (name: string) => new File([readFileSync(path.join(import.meta.dirname, '../../fixtures/email', name))], name);
const settle = () => new Promise((r) => setTimeout(r, 0));

async function mount(stored: unknown = undefined) {
  const model = createOptionsModel({
    store: { load: async () => stored, save: async (s) => void saved.push(s) },
    client,
    readCaptures: (file) => capturesFromEmailFile(file, new DOMParser()),
    download: () => undefined,
  });
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => {
    render(<Options model={model} />, root);
    await model.load();
  });
  return { root, model };
}

beforeEach(() => {
  saved = [];
  sentCaptures = [];
});

describe('options page', () => {
  it('shows capture on for every webmail by default, and remembers a change', async () => {
    const { root } = await mount();
    const boxes = [...root.querySelectorAll<HTMLInputElement>('.toggles input[type="checkbox"]')];
    expect(boxes).toHaveLength(7);
    expect(boxes.every((b) => b.checked)).toBe(true);
    await act(async () => {
      boxes[0]!.click();
      await settle();
    });
    expect(saved.at(-1)?.capture.gmail).toBe(false);
    expect(saved.at(-1)?.capture.outlook).toBe(true);
  });

  it('saves the auto-lock minutes, and refuses a value out of range, saying why and showing the kept one', async () => {
    const { root } = await mount();
    const minutes = root.querySelector<HTMLInputElement>('input[type="number"]')!;
    const change = async (value: string) =>
      act(async () => {
        minutes.value = value;
        minutes.dispatchEvent(new Event('change', { bubbles: true }));
        await settle();
      });
    await change('5');
    expect(saved.at(-1)?.autoLockMinutes).toBe(5);
    for (const bad of ['0', '2000', '2.5', '']) {
      await change(bad);
      expect(saved.at(-1)?.autoLockMinutes).toBe(5);
      expect(minutes.value).toBe('5');
      expect(root.querySelector('#vault-heading')!.parentElement!.querySelector('[role="status"].error')!.textContent).toBe(
        'Use a whole number of minutes from 1 to 1440. Tokenkeep still locks after 5.',
      );
    }
    await change('30');
    expect(saved.at(-1)?.autoLockMinutes).toBe(30);
    expect(root.querySelector('.error')).toBeNull();
  });

  it('keeps stored choices and fills in the rest with defaults', async () => {
    const { model } = await mount({ capture: { yahoo: false, gmail: 'nonsense' } });
    expect(model.settings.value.capture).toMatchObject({ yahoo: false, gmail: true, proton: true });
  });

  it('reads a token email file and saves the capture on request', async () => {
    const { root, model } = await mount();
    await act(async () => {
      await model.importFile(emailFile('token-qp.eml'));
    });
    expect(root.textContent).toContain('dev.user@example.org');
    const save = root.querySelector<HTMLButtonElement>('button[aria-label="Save token for dev.user@example.org"]')!;
    await act(async () => {
      save.click();
      await settle();
    });
    expect(sentCaptures).toMatchObject([{ username: 'dev.user@example.org', token: 'vUumrLN0wjymFcbtaL0AMVBnC' }]);
    expect(root.textContent).toContain('Saved.');
  });

  it('says plainly when a file holds no token from salesforce.com', async () => {
    const { root, model } = await mount();
    await act(async () => {
      await model.importFile(emailFile('forwarded-as-attachment.eml'));
    });
    expect(root.textContent).toContain('No Salesforce security token from a salesforce.com sender was found in forwarded-as-attachment.eml.');
  });
});
