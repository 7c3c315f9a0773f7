/** What "Save to Tokenkeep…" leaves for the add form: taken once, and not kept for long. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { takePendingSave } from '../../entrypoints/background/save-from-page';

describe('a value saved from a page', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useRealTimers();
  });
  it('is handed to the add form once, with the page it came from', async () => {
    await fakeBrowser.storage.session.set({ pendingSave: { value: 'Shown-once-secret', origin: 'https://apps.example', at: Date.now() } });
    expect(await takePendingSave()).toEqual({ value: 'Shown-once-secret', origin: 'https://apps.example' });
    expect(await takePendingSave()).toBeNull();
    expect(await fakeBrowser.storage.session.get('pendingSave')).toEqual({});
  });
  it('is dropped, not offered, once it has waited ten minutes', async () => {
    await fakeBrowser.storage.session.set({ pendingSave: { value: 'old', origin: 'https://apps.example', at: Date.now() - 11 * 60_000 } });
    expect(await takePendingSave()).toBeNull();
    expect(await fakeBrowser.storage.session.get('pendingSave')).toEqual({});
  });
});
