/**
 * What older Tokenkeeps left on disk, brought forward once: the plain-text
 * accounts of 0.1 (`account:<id>`) become records at setup, and a vault from
 * before the manifest (header version 1, with a plain `meta:index`) is
 * rewritten with versions at its next unlock.
 */
import type { Account } from './account';
import { seal, type Sealed } from './crypto';
import { HEADER, LEGACY, MANIFEST, OLD_INDEX, RECORD, aad, freshManifest, type EncryptedRecord, type VaultHeader } from './layout';
import type { Keys } from './lock';
import type { ManifestBody } from './manifest';
import { migrateAccount } from './migrate';
import { openRecord, type Records } from './records';
import type { KeyValueStore } from './store';

/** The plain-text accounts of 0.1, as accounts, and the keys to delete once they are written as records. */
export async function plainTextAccounts(kv: KeyValueStore): Promise<{ accounts: Account[]; deletes: string[] }> {
  const legacy = await kv.entries<unknown>(LEGACY);
  return { accounts: legacy.map(([, value]) => migrateAccount(value)), deletes: [...legacy.map(([key]) => key), OLD_INDEX] };
}

/**
 * A vault from before the manifest: its records open with the id alone, and
 * its index was plain. Everything that opens is written again with a
 * version; what the index listed but the disk lacks stays listed, so it is
 * still reported; a record that does not open is kept as it is.
 */
export async function upgradeVersion1(
  { kv, records, now }: { kv: KeyValueStore; records: Records; now: () => number },
  k: Keys,
  h: VaultHeader,
  kek: CryptoKey,
  rawKey: Uint8Array,
): Promise<void> {
  const [stored, index] = await Promise.all([kv.entries<EncryptedRecord>(RECORD), kv.get<string[]>(OLD_INDEX)]);
  const opened: Account[] = [];
  const base = { ...freshManifest(h.inbox.publicKey), names: { iv: new Uint8Array(), ct: new Uint8Array() } satisfies Sealed } as ManifestBody;
  for (const [storeKey, record] of stored) {
    const id = storeKey.slice(RECORD.length);
    try {
      opened.push(await openRecord(k.aes, id, record));
    } catch {
      base.records[id] = 0;
    }
  }
  for (const id of index ?? []) if (!stored.some(([key]) => key === RECORD + id)) base.records[id] = 0;
  records.startNames();
  const next = await records.nextManifest(k, base, opened);
  const upgraded: VaultHeader = { ...h, version: 2, wrappedKey: await seal(kek, rawKey, aad.vaultKey(2)), updatedAt: new Date(now()).toISOString() };
  await kv.transact([...next.records, [MANIFEST, next.stored], [HEADER, upgraded]], [OLD_INDEX]);
}
