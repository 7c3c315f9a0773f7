/**
 * The consent window as signals: the question the background holds for its
 * ticket, and the user's answer, sent once.
 */
import { signal } from '@preact/signals';
import { GRANT_MINUTES, type ConsentChoice, type ConsentQuestion } from '../../utils/bridge/consent';
import { errorMessage } from '../../utils/common/errors';
import type { Client } from '../../utils/protocol/client';

/** `requestOrigins`: asks the browser for hosts (optional host permission), in the click; resolves with whether it allowed them. */
export function createConsentModel({
  client,
  ticket,
  close,
  requestOrigins,
}: {
  client: Client;
  ticket: string;
  close: () => void;
  requestOrigins?: (origins: string[]) => Promise<boolean>;
}) {
  const question = signal<ConsentQuestion | null>(null);
  const error = signal<string | null>(null);
  const minutes = signal<(typeof GRANT_MINUTES)[number]>(GRANT_MINUTES[0]);
  const sent = signal(false);
  /** Why the last Allow sent nothing (the browser was not allowed the hosts): the question stays, to answer again. */
  const notice = signal<string | null>(null);

  return {
    question,
    error,
    minutes,
    sent,
    notice,
    async load() {
      try {
        question.value = (await client({ type: 'consent.get', ticket })).question;
      } catch (err) {
        error.value = errorMessage(err);
      }
    },
    async answer(choice: ConsentChoice) {
      if (sent.value) return;
      sent.value = true;
      // An access token's hosts are asked for in the Allow click itself, as browsers require; refused, nothing is sent.
      const options = question.value?.options ?? [];
      const origins = choice !== 'deny' ? options[choice.option ?? (options.length === 1 ? 0 : -1)]?.origins : undefined;
      if (origins?.length && requestOrigins && !(await requestOrigins(origins).catch(() => false))) {
        // Nothing is answered yet: the user may Allow again (and allow the hosts), or Deny.
        notice.value = `Tokenkeep may not reach ${origins.map((o) => new URL(o).host).join(' and ')} yet: choose Allow again and allow it when your browser asks, or Deny.`;
        sent.value = false;
        return;
      }
      notice.value = null;
      try {
        await client({ type: 'consent.answer', ticket, answer: choice });
        close();
      } catch (err) {
        error.value = errorMessage(err);
      }
    },
  };
}

export type ConsentModel = ReturnType<typeof createConsentModel>;
