/**
 * Which captures a webmail page offers to save, and in what order. A page
 * re-renders all day: each username+token is considered once per visit,
 * only those the vault does not hold yet are offered, and one user's tokens
 * come together in one offer (newest first, as the page lists them).
 */
import type { Capture } from '../extract/types';
import type { FoundCapture } from './index';

/** Whether the vault has yet to see a capture; a failure to ask counts as no, so nothing is offered blind. */
export type IsNew = (capture: Capture) => Promise<boolean>;

const keyOf = (c: Capture) => `${c.username.toLowerCase()}\n${c.token}`;

export function createOfferQueue(isNew: IsNew) {
  const handled = new Set<string>();
  const queue: Capture[][] = [];
  return {
    /** Considers what the page shows now; resolves once the new offers are queued. */
    async add(found: FoundCapture[]): Promise<void> {
      const fresh = found.filter((c) => !handled.has(keyOf(c)));
      fresh.forEach((c) => handled.add(keyOf(c)));
      const checked = await Promise.all(fresh.map(async ({ source: _source, ...capture }) => ({ capture, offer: await isNew(capture).catch(() => false) })));
      const byUser = new Map<string, Capture[]>();
      for (const { capture, offer } of checked) {
        if (!offer) continue;
        const user = capture.username.toLowerCase();
        byUser.set(user, [...(byUser.get(user) ?? []), capture]);
      }
      queue.push(...byUser.values());
    },

    /** The next offer to show: one user's captures. */
    next: (): Capture[] | undefined => queue.shift(),

    /** Watching stopped: nothing waits, and what was offered and not answered is offered again on the next visit. */
    clear() {
      queue.length = 0;
      handled.clear();
    },
  };
}
