/**
 * The vault on disk: one IndexedDB object store (store.ts) on the
 * extension's own origin, under prefixed keys, so any group of writes can
 * share one transaction. This is the one description of that layout.
 *
 * Written by the vault (this folder):
 *   meta:header         KDF parameters and salt, the vault key wrapped by the
 *                       passphrase key, the inbox public key, and the inbox
 *                       private key wrapped by the vault key (lock.ts)
 *   meta:manifest       the authenticated metadata (manifest.ts): each record's
 *                       version, the inbox public key, the schema, the migration
 *                       state, and the account names (encrypted); HMAC-signed
 *                       (records.ts)
 *   meta:throttle       failed passphrase checks, not secret (lock.ts)
 *   meta:join-throttle  failed passphrases for a synced vault this browser
 *                       tried to join, counted apart (lock.ts)
 *   record:<id>         one account, AES-GCM under the vault key, with its id
 *                       and version bound as AAD (records.ts)
 *   trash:<id>          a deleted account's record, kept for the undo window
 *                       (trash.ts)
 *   inbox:<id>          a capture sealed to the inbox public key (inbox.ts)
 *   kept:<key>          something Tokenkeep could not read and will not
 *                       delete: inbox items sealed to another key (inbox.ts)
 * Read only to upgrade them (legacy.ts):
 *   meta:index          the plain list of record ids of version-1 vaults
 *   account:<id>        a plain-text account of Tokenkeep 0.1
 * Written by the application (utils/app/), beside the vault:
 *   seen:<digest>       a capture's status: saved or dismissed (captures.ts)
 *   meta:pin            the PIN, sealed under the vault key (pin-unlock.ts)
 *   corrected:<what>    a one-time correction done in this browser (accounts.ts)
 *
 * In memory and in storage.session (never on disk): the raw vault key, so a
 * service worker restart does not lock the vault; and the vault key wrapped
 * under the PIN.
 */
import { toBase64, type KdfParams, type Sealed } from './crypto';
import type { ManifestBody } from './manifest';
import { ACCOUNT_SCHEMA } from './migrate';

export const HEADER = 'meta:header';
export const MANIFEST = 'meta:manifest';
export const THROTTLE = 'meta:throttle';
/** Apart from unlock's count, so a header someone planted in sync costs the user no unlock attempt. */
export const JOIN_THROTTLE = 'meta:join-throttle';
export const RECORD = 'record:';
export const TRASH = 'trash:';
export const INBOX = 'inbox:';
export const KEPT = 'kept:';
export const OLD_INDEX = 'meta:index';
export const LEGACY = 'account:';

export interface VaultHeader {
  /** 2 since the manifest; 1 wrapped the key under another label and kept a plain index. */
  version: 1 | 2;
  kdf: KdfParams;
  wrappedKey: Sealed;
  inbox: { publicKey: Uint8Array; privateKey: Sealed };
  createdAt: string;
  updatedAt: string;
}

export interface EncryptedRecord extends Sealed {
  /** 2: `version` is bound into the AAD; 1 (before the manifest): the id alone. */
  v: 1 | 2;
  version?: number;
}

/** What each sealed thing is bound to (AES-GCM's additional data), so none can be moved into another's place. */
export const aad = {
  vaultKey: (headerVersion: 1 | 2) => `tokenkeep-vault-key-v${headerVersion}`,
  inboxKey: 'tokenkeep-inbox-private-key-v1',
  record: (id: string, record: Pick<EncryptedRecord, 'v' | 'version'>) =>
    record.v === 2 ? `tokenkeep-record-v2:${id}:${record.version}` : `tokenkeep-record-v1:${id}`,
  inbox: (id: string) => `tokenkeep-inbox-v1:${id}`,
};

/** The wrapped vault key's ciphertext names it: a new passphrase or vault key writes another. */
export const keyTagOf = (h: VaultHeader) => toBase64(h.wrappedKey.ct);

/** A manifest listing nothing yet, for a new vault, an upgraded one, or one whose manifest was lost. */
export function freshManifest(publicKey: Uint8Array): Omit<ManifestBody, 'names'> {
  return { v: 1, counter: 0, records: {}, inboxKey: toBase64(publicKey), schema: ACCOUNT_SCHEMA, legacyDone: true };
}
