/**
 * The consent window as signals: the question the background holds for its
 * ticket, and the user's answer, sent once.
 */
import { signal } from '@preact/signals';
import { GRANT_MINUTES, type ConsentChoice, type ConsentQuestion } from '../../utils/bridge/consent';
import { errorMessage } from '../../utils/common/errors';
import type { Client } from '../../utils/protocol/client';

export function createConsentModel({ client, ticket, close }: { client: Client; ticket: string; close: () => void }) {
  const question = signal<ConsentQuestion | null>(null);
  const error = signal<string | null>(null);
  const minutes = signal<(typeof GRANT_MINUTES)[number]>(GRANT_MINUTES[0]);
  const sent = signal(false);

  return {
    question,
    error,
    minutes,
    sent,
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
