// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createBannerModel, newestFirst } from '../../../components/banner/model';
import { renderBanner } from '../../../components/banner/view';
import type { Capture } from '../../../utils/extract/types';

const sender = { name: 'Salesforce', address: 'support@salesforce.com' };
const capture = (token: string, date?: string): Capture => ({
  provider: 'salesforce',
  username: 'ops@acme.com',
  token,
  sender,
  subject: 's',
  ...(date ? { date } : {}),
});

let stop = () => {};
afterEach(() => stop());

function mount(captures: Capture[], actions: Partial<Parameters<typeof createBannerModel>[1]> = {}) {
  const calls: string[] = [];
  const model = createBannerModel(
    captures,
    {
      save: async () => void calls.push('save'),
      dismiss: async () => void calls.push('dismiss'),
      close: () => calls.push('close'),
      ...actions,
    },
    0,
  );
  const container = document.createElement('div');
  document.body.replaceChildren(container);
  stop = renderBanner(container, model);
  return { container, model, calls };
}

describe('save banner', () => {
  it('is a labelled dialog naming the username and sender, never the token', () => {
    const { container } = mount([capture('PVmuqFRxEP0LG40WUka5vPJjG', '2026-11-21T09:14:00.000Z')]);
    const dialog = container.querySelector('[role="dialog"]')!;
    expect(container.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)!.textContent).toBe('Save this Salesforce token?');
    expect(container.querySelector(`#${dialog.getAttribute('aria-describedby')}`)!.textContent).toContain('ops@acme.com');
    expect(dialog.textContent).toContain('From Salesforce <support@salesforce.com>');
    expect(dialog.textContent).not.toContain('PVmuqFRxEP0LG40WUka5vPJjG');
  });

  it('offers the newest token of a thread and says the older ones go to the history', () => {
    const older = capture('AAAAAAAAAAAAAAAAAAAAAAa1', '2026-11-01T00:00:00.000Z');
    const newer = capture('BBBBBBBBBBBBBBBBBBBBBBb2', '2026-11-20T00:00:00.000Z');
    expect(newestFirst([older, newer]).map((c) => c.token)).toEqual([newer.token, older.token]);
    expect(mount([older, newer]).container.textContent).toContain('1 older token in this thread will be kept in the history.');
  });

  it('ignores synthetic clicks and key presses: only a real user saves or dismisses', () => {
    const { container, calls } = mount([capture('PVmuqFRxEP0LG40WUka5vPJjG')]);
    container.querySelector<HTMLButtonElement>('button.save')!.click();
    container.querySelector<HTMLButtonElement>('button.dismiss')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    container.querySelector('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(calls).toEqual([]);
  });

  it('updates in place as the save goes through, so keyboard focus stays where it was', async () => {
    let finish = () => {};
    const { container, model } = mount([capture('PVmuqFRxEP0LG40WUka5vPJjG')], { save: () => new Promise<void>((r) => (finish = r)) });
    const save = container.querySelector<HTMLButtonElement>('button.save')!;
    save.focus();
    const saving = model.save();
    expect(save.disabled).toBe(true);
    finish();
    await saving;
    expect(container.querySelector('h2')!.textContent).toBe('Saved to Tokenkeep');
    expect(container.querySelector<HTMLElement>('.actions')!.hidden).toBe(true);
    expect(container.querySelector('button.save')).toBe(save);
  });

  it('shows why a save failed and lets the user try again', async () => {
    const { container, model } = mount([capture('PVmuqFRxEP0LG40WUka5vPJjG')], {
      save: async () => {
        throw new Error('Set up Tokenkeep first: choose a passphrase in its popup, then save again.');
      },
    });
    await model.save();
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('Set up Tokenkeep first');
    expect(container.querySelector<HTMLButtonElement>('button.save')!.disabled).toBe(false);
  });
});
