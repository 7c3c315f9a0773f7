/**
 * State of the save banner for one group of captures (one username; a thread
 * may hold several tokens for it). The content script supplies the actions.
 */
// signals-core, not @preact/signals: the content script renders through an effect and stays small.
import { computed, signal } from '@preact/signals-core';
import type { Capture } from '../../utils/extract/types';

export type BannerState = 'offer' | 'saving' | 'saved' | 'dismissed' | 'error';

export interface BannerActions {
  /** Resolves to true when the vault was locked and the captures were sealed for the next unlock. */
  save(captures: Capture[]): Promise<boolean | void>;
  dismiss(captures: Capture[]): Promise<void>;
  close(): void;
}

/** Newest first; undated captures count as newest (they are treated as issued now). */
export function newestFirst(captures: Capture[]): Capture[] {
  const time = (c: Capture) => (c.date ? Date.parse(c.date) : Infinity);
  return [...captures].sort((a, b) => time(b) - time(a) || 0);
}

export function createBannerModel(captures: Capture[], actions: BannerActions, closeAfterMs = 2500) {
  const ordered = newestFirst(captures);
  const state = signal<BannerState>('offer');
  const error = signal<string | null>(null);
  const queued = signal(false);
  const newest = ordered[0]!;
  const olderCount = computed(() => ordered.length - 1);

  async function run(next: 'saved' | 'dismissed', action: (c: Capture[]) => Promise<boolean | void>) {
    if (state.value !== 'offer' && state.value !== 'error') return;
    state.value = 'saving';
    try {
      queued.value = (await action(ordered)) === true;
      state.value = next;
      if (next === 'dismissed') actions.close();
      else setTimeout(actions.close, closeAfterMs);
    } catch (err) {
      state.value = 'error';
      error.value = err instanceof Error ? err.message : 'Could not reach Tokenkeep.';
    }
  }

  return {
    newest,
    olderCount,
    state,
    error,
    queued,
    save: () => run('saved', actions.save),
    dismiss: () => run('dismissed', actions.dismiss),
  };
}

export type BannerModel = ReturnType<typeof createBannerModel>;
