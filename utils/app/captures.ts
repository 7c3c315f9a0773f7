/**
 * Captured token emails meeting the vault: folded into accounts when
 * unlocked, sealed into the inbox when locked, and remembered as seen,
 * saved or dismissed so the webmail does not offer one twice.
 */
import * as v from 'valibot';
import type { Capture } from '../extract/types';
import { CaptureSchema } from '../protocol/messages';
import type { CaptureStatus, MergedCapture } from '../protocol/replies';
import { accountKey, applyCapture, captureKey, newAccountFromCapture, trustedDate, type Account, type CaptureOutcome } from '../vault/account';
import { captureFingerprint } from '../vault/fingerprint';
import type { AppContext } from './context';

const SEEN = 'seen:';

export function createCaptures({ kv, vault, serial, now, newId }: AppContext) {
  const seenKey = async (capture: Capture) => SEEN + (await captureFingerprint(capture));

  /**
   * Folds captures (oldest first) into the accounts; returns what to write and
   * what happened to each. A capture sealed while locked carries the time it
   * was seen, which bounds its date as the present does for the others.
   */
  async function applyCaptures(
    captures: Array<Capture & { seenAt?: string }>,
  ): Promise<{ puts: Account[]; merged: Array<MergedCapture & { accountId: string }> }> {
    const byKey = new Map((await vault.accounts()).map((a) => [accountKey(a), a]));
    const changed = new Map<string, Account>();
    const merged: Array<MergedCapture & { accountId: string }> = [];
    const stamp = now();
    const ordered = captures
      .map(({ seenAt, ...capture }) => ({ ...capture, date: trustedDate(capture.date, seenAt && seenAt < stamp ? seenAt : stamp) }))
      .sort((a, b) => a.date.localeCompare(b.date));
    for (const capture of ordered) {
      const key = captureKey(capture);
      const existing = byKey.get(key);
      const { account, outcome } = existing
        ? applyCapture(existing, capture, stamp)
        : { account: newAccountFromCapture(capture, newId(), stamp), outcome: 'created' as const };
      if (outcome !== 'duplicate') {
        byKey.set(key, account);
        changed.set(account.id, account);
      }
      merged.push({ username: capture.username, outcome, accountId: account.id });
    }
    return { puts: [...changed.values()], merged };
  }

  return {
    /** Merges the captures sealed while locked; run inside the unlock's turn in the queue. */
    async drainInbox(): Promise<MergedCapture[]> {
      return (
        (await vault.drainInbox(async (values) => {
          // Anyone who can write the disk has the public key too: what comes out of the inbox is checked as a capture message would be.
          const captures = values.flatMap((value) => {
            const { seenAt, ...rest } = (typeof value === 'object' && value !== null ? value : {}) as { seenAt?: unknown };
            const parsed = v.safeParse(CaptureSchema, rest);
            return parsed.success ? [{ ...parsed.output, ...(typeof seenAt === 'string' && !Number.isNaN(Date.parse(seenAt)) ? { seenAt } : {}) }] : [];
          });
          const { puts, merged } = await applyCaptures(captures);
          return { puts, result: merged.map(({ username, outcome }) => ({ username, outcome })) };
        })) ?? []
      );
    },

    async captureStatus(capture: Capture): Promise<CaptureStatus> {
      const seen = await kv.get<CaptureStatus>(await seenKey(capture));
      if (seen) return seen;
      if ((await vault.state()) !== 'unlocked') return 'new';
      const key = captureKey(capture);
      const account = (await vault.accounts()).find((a) => accountKey(a) === key);
      const known = account && (Object.values(account.fields).includes(capture.token) || account.history.some((h) => h.value === capture.token));
      return known ? 'saved' : 'new';
    },

    /** Saves into the vault when unlocked; when locked, seals the capture into the inbox for the next unlock. */
    saveCapture(capture: Capture): Promise<{ outcome: CaptureOutcome; accountId: string }> {
      return serial(async () => {
        let result: { outcome: CaptureOutcome; accountId: string };
        if ((await vault.state()) === 'unlocked') {
          const { puts, merged } = await applyCaptures([capture]);
          await vault.putMany(puts);
          result = { outcome: merged[0]!.outcome, accountId: merged[0]!.accountId };
        } else {
          await vault.sealToInbox({ ...capture, seenAt: now() });
          result = { outcome: 'queued', accountId: '' };
        }
        await kv.set(await seenKey(capture), 'saved');
        return result;
      });
    },

    dismissCapture(capture: Capture): Promise<void> {
      return serial(async () => {
        const key = await seenKey(capture);
        if ((await kv.get(key)) !== 'saved') await kv.set(key, 'dismissed');
      });
    },
  };
}
