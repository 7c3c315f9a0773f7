/**
 * Wrong passphrases sent as fast as the machine allows, and what must hold of
 * the answers however fast that is: five tries are free, and after that no
 * passphrase is even checked before the wait since the last failure is over.
 * How many get checked depends on the machine's speed; that rule does not.
 */
import { expect } from 'vitest';
import { delayAfter, FREE_TRIES } from '../../../utils/vault/throttle';

export interface Try {
  code: string;
  sentAt: number;
  answeredAt: number;
}

/** Sends `count` passphrase changes with wrong current passphrases through the real protocol, from an extension page. */
export async function wrongPassphraseChanges(
  page: { evaluate(fn: (n: number) => Promise<unknown>, n: number): Promise<unknown> },
  count: number,
): Promise<Try[]> {
  const tries: Try[] = [];
  for (let i = 0; i < count; i++) {
    const sentAt = Date.now();
    const reply = (await page.evaluate(
      (n: number) => chrome.runtime.sendMessage({ type: 'vault.changePassphrase', current: `wrong passphrase ${n}`, next: 'the second passphrase' }),
      i,
    )) as { error?: { code: string } };
    tries.push({ code: reply.error?.code ?? 'accepted', sentAt, answeredAt: Date.now() });
  }
  return tries;
}

/** `before`: failures counted before these tries. */
export function expectThrottled(tries: Try[], before: number): void {
  expect(tries.every((t) => t.code === 'wrong-passphrase' || t.code === 'rate-limited')).toBe(true);
  let failures = before;
  let lastFailure = -Infinity;
  for (const t of tries) {
    if (t.code !== 'wrong-passphrase') continue;
    // The vault stamped the last failure after that try was sent, and checked this one before it answered:
    // so a checked passphrase shows the whole wait the failures so far had earned between those two moments.
    if (failures >= FREE_TRIES) expect(t.answeredAt - lastFailure).toBeGreaterThanOrEqual(delayAfter(failures));
    failures++;
    lastFailure = t.sentAt;
  }
  // The free tries ran out, so some of the rest were refused unchecked.
  expect(tries.filter((t) => t.code === 'wrong-passphrase').length).toBeLessThan(tries.length);
}
