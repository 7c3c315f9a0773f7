import { browser } from 'wxt/browser';
import { AppError } from '../../utils/common/errors';
import type { ConsentAnswer, ConsentQuestion } from '../../utils/bridge/consent';

/** A question left open this long is answered "no": nothing waits on a window the user has walked away from. */
const ANSWER_MS = 2 * 60_000;

interface Pending {
  question: ConsentQuestion;
  settle(answer: ConsentAnswer): void;
}

/**
 * The consent windows: each terminal request opens one, which shows the
 * question and takes the answer. Closing the window is an answer too.
 */
export function createConsentWindows() {
  const pending = new Map<string, Pending>();
  return {
    ask(question: ConsentQuestion): Promise<ConsentAnswer> {
      const ticket = crypto.randomUUID();
      return new Promise<ConsentAnswer>((resolve) => {
        let windowId: number | undefined;
        const onRemoved = (id: number) => id === windowId && settle('closed');
        const timer = setTimeout(() => settle('timeout'), ANSWER_MS);
        function settle(answer: ConsentAnswer) {
          if (!pending.delete(ticket)) return;
          clearTimeout(timer);
          browser.windows.onRemoved.removeListener(onRemoved);
          if (answer !== 'closed' && windowId !== undefined) void browser.windows.remove(windowId).catch(() => undefined);
          resolve(answer);
        }
        pending.set(ticket, { question, settle });
        browser.windows.onRemoved.addListener(onRemoved);
        browser.windows
          .create({ url: `${browser.runtime.getURL('/consent.html')}?ticket=${ticket}`, type: 'popup', width: 460, height: 560, focused: true })
          .then((w) => (windowId = w?.id))
          .catch(() => settle('closed'));
      });
    },
    question(ticket: string): ConsentQuestion {
      const found = pending.get(ticket);
      if (!found) throw new AppError('not-found', 'This request was already answered, or it has ended.');
      return found.question;
    },
    answer(ticket: string, answer: ConsentAnswer) {
      const found = pending.get(ticket);
      if (!found) throw new AppError('not-found', 'This request was already answered, or it has ended.');
      found.settle(answer);
    },
  };
}

export type ConsentWindows = ReturnType<typeof createConsentWindows>;
