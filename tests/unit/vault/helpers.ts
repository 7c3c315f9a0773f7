import type { LivePorts } from '../../../utils/app/live';
import { KINDS } from '../../../utils/kinds';
import { savableSample } from '../kinds/samples';
/** A vault on fake-indexeddb with an in-memory session, for unit tests. */
import type { Capture } from '../../../utils/extract/types';
import { randomBytes, type KdfParams } from '../../../utils/vault/crypto';
import { createVaultService, type VaultService } from '../../../utils/app/service';
import type { Account, AccountInput } from '../../../utils/vault/account';
import { inputFromFlat } from '../../../utils/vault/flat';
import { idbStore } from '../../../utils/vault/store';
import { createVault, type SessionKeyStore } from '../../../utils/vault/vault';

let db = 0;

/** Argon2id at 1 MiB: the same code path in milliseconds. One test checks the production parameters. */
export const FAST_KDF = (): KdfParams => ({ algorithm: 'argon2id', memoryKiB: 1024, iterations: 1, parallelism: 1, salt: randomBytes(16) });

export function memorySession(): SessionKeyStore & { value?: string } {
  const s: SessionKeyStore & { value?: string } = {
    get: async () => s.value,
    set: async (v) => void (s.value = v),
    clear: async () => void delete s.value,
  };
  return s;
}

export function testVault(
  options: {
    clock?: { now: number };
    kdf?: () => KdfParams;
    /** The service's dates (saves, edits) from this clock. */ serviceClock?: { now: number };
    onChange?: () => void;
    /** Minting: the network (a stand-in) and memory-only storage. */
    live?: LivePorts;
  } = {},
) {
  const kv = idbStore(`vault-test-${++db}-${Math.random()}`);
  const session = memorySession();
  const make = () =>
    createVault({
      kv,
      session,
      kdfParams: options.kdf ?? FAST_KDF,
      ...(options.clock ? { now: () => options.clock!.now } : {}),
      ...(options.onChange ? { onChange: options.onChange } : {}),
    });
  const vault = make();
  const stamp = {
    ...(options.serviceClock ? { now: () => new Date(options.serviceClock!.now).toISOString() } : {}),
    ...(options.live ? { live: options.live } : {}),
  };
  const service = createVaultService({ kv, vault, ...stamp });
  /** A new background with the same disk and session: what a service worker restart looks like. */
  const restart = () => {
    const v = make();
    return { vault: v, service: createVaultService({ kv, vault: v, ...stamp }) };
  };
  return { kv, session, vault, service, restart };
}

export const PASS = 'correct horse battery staple';

/** An account of every kind, as flat fields (each kind's own sample): for round trips through a backup or sync. */
export const KIND_SAMPLES: Record<string, Record<string, string>> = Object.fromEntries(KINDS.map((k) => [k.name, savableSample(k)]));

export function capture(token: string, username = 'ops@acme.com', date?: string): Capture {
  return {
    provider: 'salesforce',
    username,
    token,
    sender: { name: 'Salesforce', address: 'support@salesforce.com' },
    subject: 'Your new Salesforce security token',
    ...(date ? { date } : {}),
  };
}

/** What the edit form would send for this account, with changes: field names and account keys side by side. */
export function inputOf(account: Account, changes: Record<string, unknown> = {}): AccountInput {
  return inputFromFlat({
    id: account.id,
    kind: account.kind,
    label: account.label,
    ...account.fields,
    sites: account.sites,
    expiresAt: account.expiresAt ?? '',
    notes: account.notes ?? '',
    ...changes,
  });
}

/** Sets a password the way the popup's edit form does. */
export async function setPassword(service: VaultService, id: string, password: string): Promise<Account> {
  return service.saveAccount(inputOf(await service.getAccount(id), { password }));
}
