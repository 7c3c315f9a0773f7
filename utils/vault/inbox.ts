/**
 * Captures made while locked: sealed to the inbox's public key, which needs
 * no passphrase, and opened with its private key (kept wrapped by the vault
 * key) at the next unlock.
 */
import type { Account } from './account';
import { fromBase64, open, openSealedBox, sealToPublicKey, type SealedBox } from './crypto';
import { INBOX, KEPT, aad } from './layout';
import { setupRequired, type Lock } from './lock';
import type { Records } from './records';
import type { KeyValueStore } from './store';

export function createInbox({ kv, lock, records, newId }: { kv: KeyValueStore; lock: Lock; records: Records; newId: () => string }) {
  return {
    /** Seals a value for the vault without needing it unlocked (captures while locked). */
    async sealToInbox(value: unknown): Promise<void> {
      const h = await lock.header();
      if (!h) throw setupRequired(', then save again');
      const id = newId();
      const box = await sealToPublicKey(h.inbox.publicKey, new TextEncoder().encode(JSON.stringify(value)), aad.inbox(id));
      await kv.set(INBOX + id, box);
    },

    async inboxSize(): Promise<number> {
      return (await kv.entries(INBOX)).length;
    },

    /**
     * Opens every sealed inbox item; `apply` stores what it means, and the items
     * are deleted in the same transaction. One that does not open (sealed to a
     * key that is not this vault's) is set aside, kept, and reported.
     */
    async drainInbox<T>(apply: (values: unknown[]) => Promise<{ puts: Account[]; result: T }>): Promise<T | undefined> {
      const k = await lock.requireKeys();
      await records.accounts();
      const h = (await lock.header())!;
      const items = await kv.entries<SealedBox>(INBOX);
      if (!items.length) return undefined;
      // The authenticated public key: the one on disk may have been swapped.
      const publicKey = fromBase64(records.manifest().inboxKey);
      const privateKey = await open(k.aes, h.inbox.privateKey, aad.inboxKey);
      const values: unknown[] = [];
      const done: string[] = [];
      const kept: Array<[string, unknown]> = [];
      for (const [storeKey, box] of items) {
        try {
          values.push(JSON.parse(new TextDecoder().decode(await openSealedBox(privateKey, publicKey, box, aad.inbox(storeKey.slice(INBOX.length))))));
        } catch {
          kept.push([KEPT + storeKey, box]);
        }
        done.push(storeKey);
      }
      privateKey.fill(0);
      if (kept.length) {
        const count = kept.length === 1 ? '1 token captured while locked cannot' : `${kept.length} tokens captured while locked cannot`;
        records.report({ id: 'inbox', kind: 'notice', message: `${count} be opened: sealed to a key that is not this vault’s. Kept on disk, unread.` });
      }
      const { puts, result } = await apply(values);
      await records.write(k, puts, { deletes: done, also: kept });
      return result;
    },
  };
}
