/**
 * What the background does with captures and accounts, independent of how
 * messages arrive. Every write goes through one serial queue, so two tabs
 * saving at once (or a save during an unlock) cannot lose an update.
 */
import * as v from 'valibot';
import { AppError } from '../errors';
import type { AccountColor } from '../account-colors';
import { CaptureSchema } from '../messages';
import type { Capture } from '../extract/types';
import { copiedMessage } from '../format';
import type { FillSources } from '../autofill/decide';
import { checkFields } from '../kinds/check';
import type { CurrentCode } from '../kinds/types';
import { defaultLabel, fieldName, formatOf, keepsHistory, kindOf, kindFor, primaryFormat, type Fields, type FillSource, type Kind } from '../kinds';
import { accountName, firstPage, forPage } from '../account-list';
import { matchesAnySite, normalizeSite } from '../sites';
import {
  accountKey,
  applyCapture,
  captureKey,
  mergeAccount,
  newAccountFromCapture,
  retired,
  sameLogin,
  summarize,
  trustedDate,
  type Account,
  type AccountSummary,
  type CaptureOutcome,
  type HistoryEntry,
} from './account';
import { readBackup, writeBackup } from './backup';
import { captureFingerprint } from './fingerprint';
import { DecryptError, importAesKey, open, randomBytes, seal, type Sealed } from './crypto';
import { afterWrongPin, PIN_AT_REST_AAD, PIN_TRIES, pinProblem, pinWaitMs, unwrapWithPin, wrapUnderPin, type PinLock } from './pin';
import { serialQueue } from './serial';
import type { KeyValueStore } from './store';
import type { RecordProblem, Vault, VaultState } from './vault';

export type CaptureStatus = 'new' | 'saved' | 'dismissed';

export interface MergedCapture {
  username: string;
  outcome: CaptureOutcome;
}

/** What the popup lists. `groupSizes` comes with a first page only: how many each group holds in all. */
export interface AccountList {
  accounts: AccountSummary[];
  problems: RecordProblem[];
  groupSizes?: Record<string, number>;
}

export interface VaultStatus {
  state: VaultState;
  failures: number;
  retryAfterMs: number;
  /** Captures sealed while locked, waiting for the next unlock. */
  pending: number;
  /** Unlocking with a PIN: off, on but waiting for a passphrase unlock in this browser session, or ready. */
  pin: 'off' | 'on' | 'ready';
  pinRetryAfterMs: number;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

/** An account as the edit form sends it: empty strings mean "not set". */
export interface AccountInput {
  id?: string;
  kind: string;
  label: string;
  fields: Fields;
  sites: string[];
  expiresAt: string;
  notes: string;
  /** The page's origin, for a value saved from a page. */
  savedFrom?: string;
  /** Sync its multi-line secrets too; absent: as it was. */
  syncLargeSecrets?: boolean;
  /** Its colour; '' for none; absent: as it was. */
  color?: AccountColor | '';
  /** "Log in" submits the form itself; absent: as it was. */
  submitLogin?: boolean;
}

const bad = (message: string) => new AppError('bad-request', message);

/** The kind's checks, with their message as the user's error. */
async function checkedFields(kind: Kind, input: Fields): Promise<Fields> {
  try {
    return await checkFields(kind, input);
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
}

/** Where the PIN-wrapped vault key lives: storage.session in the extension, memory in tests. */
export interface PinStore {
  get(): Promise<PinLock | undefined>;
  set(lock: PinLock): Promise<void>;
  clear(): Promise<void>;
}

export function memoryPinStore(): PinStore {
  let lock: PinLock | undefined;
  return { get: async () => lock, set: async (next) => void (lock = next), clear: async () => void (lock = undefined) };
}

/** What an unlock says: the captures merged, the records that could not be opened, and Tokenkeep's corrections. */
export interface Unlocked {
  merged: MergedCapture[];
  problems: RecordProblem[];
  notices: string[];
}

export interface VaultServiceDeps {
  kv: KeyValueStore;
  vault: Vault;
  pins?: PinStore;
  now?: () => string;
  newId?: () => string;
}

const SEEN = 'seen:';
/** Set once this browser's accounts had their former default sites corrected: a site the user adds back afterwards stays. */
const SITES_CORRECTED = 'corrected:sites-by-environment';

/**
 * An account that still lists every site its kind used to give all accounts (both Salesforce
 * login pages) gets its own environment's instead; its other sites stay. Undefined: nothing to do.
 */
export function correctedSites(account: Pick<Account, 'kind' | 'fields' | 'sites'>): string[] | undefined {
  const kind = kindFor(account.kind);
  const former = kind.formerDefaultSites;
  if (!former?.length || !kind.defaultSites || !former.every((site) => account.sites.includes(site))) return undefined;
  const own = kind.defaultSites(account.fields);
  const sites = [...new Set([...own, ...account.sites.filter((site) => !former.includes(site))])];
  return sites.length === account.sites.length && sites.every((site) => account.sites.includes(site)) ? undefined : sites;
}

const PIN_AT_REST = 'meta:pin';
const encoder = new TextEncoder();

export function createVaultService({ kv, vault, pins = memoryPinStore(), now = () => new Date().toISOString(), newId = () => crypto.randomUUID() }: VaultServiceDeps) {
  const serial = serialQueue();
  const seenKey = async (capture: Capture) => SEEN + (await captureFingerprint(capture));

  /**
   * Folds captures (oldest first) into the accounts; returns what to write and
   * what happened to each. A capture sealed while locked carries the time it
   * was seen, which bounds its date as the present does for the others.
   */
  async function applyCaptures(captures: Array<Capture & { seenAt?: string }>): Promise<{ puts: Account[]; merged: Array<MergedCapture & { accountId: string }> }> {
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
      const { account, outcome } = existing ? applyCapture(existing, capture, stamp) : { account: newAccountFromCapture(capture, newId(), stamp), outcome: 'created' as const };
      if (outcome !== 'duplicate') {
        byKey.set(key, account);
        changed.set(account.id, account);
      }
      merged.push({ username: capture.username, outcome, accountId: account.id });
    }
    return { puts: [...changed.values()], merged };
  }

  async function getAccount(id: string): Promise<Account> {
    const account = await vault.get(id);
    if (!account) throw new AppError('not-found', 'That account no longer exists.');
    return account;
  }

  /** An account of a kind this version cannot read: nothing of it is copied, filled or changed here. */
  const opaqueRefusal = (account: Account) => bad(`${account.label} was made by a newer Tokenkeep, of a kind this one does not know: update Tokenkeep to use it.`);

  /** The text one copy button puts on the clipboard (history: a superseded secret by index). */
  async function copyText(id: string, format: string, historyIndex = 0): Promise<{ text: string; message: string }> {
    const account = await getAccount(id);
    const kind = kindFor(account.kind);
    if (kind.opaque) throw opaqueRefusal(account);
    if (format === 'history') {
      const entry = account.history[historyIndex];
      if (!entry) throw new AppError('not-found', 'That value is no longer in the history.');
      return { text: entry.value, message: `Copied an older ${fieldName(kind, entry.field)} for ${accountName(account)}` };
    }
    const spec = formatOf(kind, format);
    if (!spec) throw bad(`A ${kind.title} account has no format "${format.slice(0, 40)}".`);
    const missing = spec.needs.filter((n) => !account.fields[n]).map((n) => fieldName(kind, n));
    if (missing.length) throw bad(`${account.label} has nothing to copy for that yet: add the ${missing.join(' and ')}.`);
    let text: string | undefined;
    try {
      text = await spec.text(account.fields, { now: Date.parse(now()) });
    } catch (err) {
      throw bad(`Tokenkeep could not make that from ${account.label}: ${err instanceof Error ? err.message : 'its values do not fit'}`);
    }
    if (text === undefined) throw bad(`${account.label} has nothing to copy for that yet.`);
    return { text, message: copiedMessage(spec.label, accountName(account)) };
  }

  /**
   * The accounts whose sites include the page, the page's own environment first. The keyboard
   * commands act with one alone; with more, the user chooses (a guess fills one org's form with
   * another's password, which counts toward its lockout).
   */
  async function accountsForUrl(url: string): Promise<Account[]> {
    const matches = forPage((await vault.accounts()).filter((a) => matchesAnySite(a.sites, url)), url);
    if (!matches.length) throw new AppError('not-found', `No account is set for ${new URL(url).host}. Add this site to an account's sites in Tokenkeep.`);
    return matches;
  }

  /** After any unlock: the captures sealed while locked merge, and Tokenkeep's one-time corrections run. */
  async function opened(problems: RecordProblem[]): Promise<Unlocked> {
    const merged =
      (await vault.drainInbox(async (values) => {
        // Anyone who can write the disk has the public key too: what comes out of the inbox is checked as a capture message would be.
        const captures = values.flatMap((value) => {
          const { seenAt, ...rest } = (typeof value === 'object' && value !== null ? value : {}) as { seenAt?: unknown };
          const parsed = v.safeParse(CaptureSchema, rest);
          return parsed.success ? [{ ...parsed.output, ...(typeof seenAt === 'string' && !Number.isNaN(Date.parse(seenAt)) ? { seenAt } : {}) }] : [];
        });
        const { puts, merged } = await applyCaptures(captures);
        return { puts, result: merged.map(({ username, outcome }) => ({ username, outcome })) };
      })) ?? [];
    return { merged, problems, notices: await correctSitesOnce() };
  }

  /** Seals the PIN at rest under the open vault's key. */
  async function sealPin(pin: string): Promise<void> {
    const rawKey = await vault.rawKey();
    try {
      await kv.set(PIN_AT_REST, await seal(await importAesKey(rawKey), encoder.encode(pin), PIN_AT_REST_AAD));
    } finally {
      rawKey.fill(0);
    }
  }

  /** The PIN, opened with the vault's key; undefined while PIN unlock is off, or when it was sealed under a key this vault no longer has. */
  async function storedPin(): Promise<string | undefined> {
    const sealed = await kv.get<Sealed>(PIN_AT_REST);
    if (!sealed) return undefined;
    const rawKey = await vault.rawKey();
    try {
      return new TextDecoder().decode(await open(await importAesKey(rawKey), sealed, PIN_AT_REST_AAD));
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      // Another vault key (joined a synced vault): the PIN is off until the user sets one again.
      await kv.delete(PIN_AT_REST);
      await pins.clear();
      return undefined;
    } finally {
      rawKey.fill(0);
    }
  }

  /** Wraps the open vault's key under the PIN, into memory-only storage, at the vault's own key-derivation cost. */
  async function armPin(pin: string): Promise<void> {
    const rawKey = await vault.rawKey();
    try {
      await pins.set(await wrapUnderPin(pin, rawKey, await vault.keyTag(), { ...vault.kdfFloor(), salt: randomBytes(16) }));
    } finally {
      rawKey.fill(0);
    }
  }

  /** Corrects the accounts that list every former default site, once in this browser; the notice names them. */
  async function correctSitesOnce(): Promise<string[]> {
    if (await kv.get(SITES_CORRECTED)) return [];
    const stamp = now();
    const puts = (await vault.accounts()).flatMap((account) => {
      const sites = correctedSites(account);
      return sites ? [{ ...account, sites, updatedAt: stamp }] : [];
    });
    await vault.putMany(puts);
    await kv.set(SITES_CORRECTED, true);
    if (!puts.length) return [];
    const names = puts.map(accountName).sort((a, b) => a.localeCompare(b)).join(', ');
    return [
      `Tokenkeep now fills each account on its own environment's login page only, so a shortcut never uses production on a sandbox's page. ${puts.length === 1 ? '1 account no longer lists' : `${puts.length} accounts no longer list`} the other environment's: ${names}.`,
    ];
  }

  return {
    async status(): Promise<VaultStatus> {
      const [state, throttle, pending, armed, pinOn] = await Promise.all([vault.state(), vault.throttle(), vault.inboxSize(), pins.get(), kv.get(PIN_AT_REST)]);
      return { state, ...throttle, pending, pin: armed ? 'ready' : pinOn ? 'on' : 'off', pinRetryAfterMs: armed ? pinWaitMs(armed, Date.parse(now())) : 0 };
    },

    setup: (passphrase: string) =>
      serial(async () => {
        await vault.setup(passphrase);
        // A new vault's accounts get their own sites from the start: any listed later are the user's.
        await kv.set(SITES_CORRECTED, true);
      }),

    /** Unlocks, then merges the captures sealed while locked; says what merged, what could not be read, and what Tokenkeep corrected. */
    unlock: (passphrase: string) =>
      serial(async (): Promise<Unlocked> => {
        const problems = await vault.unlock(passphrase);
        // PIN unlock, where the user turned it on, works again until the browser closes.
        const pin = await storedPin();
        if (pin) await armPin(pin);
        return opened(problems);
      }),

    /** Unlocks with the PIN, while a passphrase unlock in this browser session armed it; five wrong PINs disarm it. */
    unlockWithPin: (pin: string) =>
      serial(async (): Promise<Unlocked> => {
        const lock = await pins.get();
        if (!lock) throw new AppError('bad-request', 'Unlocking with a PIN is not ready: enter your passphrase.');
        const at = Date.parse(now());
        const wait = pinWaitMs(lock, at);
        if (wait > 0) throw new AppError('rate-limited', `Wait ${Math.ceil(wait / 1000)} s before trying the PIN again.`);
        let rawKey: Uint8Array;
        try {
          rawKey = await unwrapWithPin(lock, pin);
        } catch (err) {
          if (!(err instanceof DecryptError)) throw err;
          const next = afterWrongPin(lock, at);
          if (!next) {
            await pins.clear();
            throw new AppError('wrong-passphrase', `${PIN_TRIES} wrong PINs: unlock with your passphrase. The PIN works again after that.`);
          }
          await pins.set(next);
          const left = PIN_TRIES - next.failures;
          throw new AppError('wrong-passphrase', `That PIN is not right. ${left === 1 ? '1 try is' : `${left} tries are`} left before Tokenkeep asks for the passphrase.`);
        }
        const problems = await vault.unlockWithKey(rawKey, lock.keyTag).catch(async (err: unknown) => {
          // Made for a vault key this vault no longer has (a passphrase changed in another browser).
          await pins.clear();
          throw err;
        });
        if (lock.failures) await pins.set({ ...lock, failures: 0, lastFailureAt: 0 });
        return opened(problems);
      }),

    /** Turns on unlocking with a PIN until the browser closes; only while unlocked. */
    setPin: (pin: string) =>
      serial(async () => {
        const problem = pinProblem(pin);
        if (problem) throw bad(problem);
        await sealPin(pin);
        await armPin(pin);
      }),

    /** Turns PIN unlock off: the PIN and the key wrapped under it are gone. */
    clearPin: () =>
      serial(async () => {
        await kv.delete(PIN_AT_REST);
        await pins.clear();
      }),

    lock: () => serial(() => vault.lock()),

    changePassphrase: (current: string, next: string) =>
      serial(async () => {
        const pin = await storedPin();
        await vault.changePassphrase(current, next);
        // A new vault key: the PIN is sealed again under it, and wraps the new key.
        if (pin) {
          await sealPin(pin);
          await armPin(pin);
        }
      }),

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

    /**
     * Every account without its secrets, sorted by label, and any record that could not be read.
     * With `first`, only that many in the popup's order, and the size of each group.
     */
    async listAccounts(first?: number): Promise<AccountList> {
      const all = await vault.accounts();
      if (first === undefined) return { accounts: all.sort((a, b) => a.label.localeCompare(b.label)).map(summarize), problems: vault.problems() };
      const page = firstPage(all, first);
      return { accounts: page.accounts.map(summarize), problems: vault.problems(), groupSizes: page.groupSizes };
    },

    /** Full accounts, secrets included: for the background's own use (alarms, commands). */
    allAccounts: () => vault.accounts(),

    getAccount,

    /**
     * Creates or updates an account from the edit form. Every field is checked by its kind before
     * anything is written; a changed secret moves its old value to the history, as does one the
     * new kind has no field for.
     */
    saveAccount(input: AccountInput): Promise<Account> {
      return serial(async () => {
        const existing = input.id ? await getAccount(input.id) : undefined;
        if (existing && kindFor(existing.kind).opaque) throw opaqueRefusal(existing);
        const kind = kindOf(input.kind);
        if (!kind) throw bad(`Tokenkeep does not know the kind "${input.kind.slice(0, 40)}".`);
        const fields = await checkedFields(kind, input.fields);
        const stamp = now();
        const clash = sameLogin(await vault.accounts(), { id: input.id, kind: kind.name, fields });
        if (clash) throw bad(`“${clash.label}” is already this login.`);
        const oldKind = existing && kindFor(existing.kind);
        const replaced: HistoryEntry[] = existing
          ? Object.keys(existing.fields)
              .filter((name) => keepsHistory(oldKind!, name) && existing.fields[name] !== fields[name])
              .flatMap((name) => retired(existing, name, stamp))
          : [];
        const current = new Set(Object.entries(fields).map(([k, v]) => `${k}\n${v}`));
        const history = [...replaced, ...(existing?.history ?? [])].filter((h) => !current.has(`${h.field}\n${h.value}`));
        const rotating = kind.rotating;
        const rotated = !!rotating && fields[rotating] !== existing?.fields[rotating];
        const issuedAt = rotating && fields[rotating] ? (rotated ? stamp : existing?.issuedAt) : undefined;
        const expiresAt = (await kind.expiry?.(fields).catch(() => undefined)) ?? (input.expiresAt || undefined);
        const facts = (await kind.facts?.(fields).catch(() => [])) ?? [];
        const account: Account = {
          schema: 3,
          id: existing?.id ?? newId(),
          kind: kind.name,
          // From the fields as typed: a TOTP link names its issuer before it is reduced to its secret.
          label: input.label.trim() || defaultLabel(kind, input.fields),
          fields,
          sites: [...new Set(input.sites)],
          history,
          createdAt: existing?.createdAt ?? stamp,
          updatedAt: stamp,
          ...(issuedAt ? { issuedAt } : {}),
          ...(issuedAt && !rotated && existing?.source ? { source: existing.source } : {}),
          ...(expiresAt ? { expiresAt } : {}),
          ...(facts.length ? { facts } : {}),
          ...((input.savedFrom ?? existing?.savedFrom) ? { savedFrom: input.savedFrom ?? existing?.savedFrom } : {}),
          ...(input.notes.trim() ? { notes: input.notes } : {}),
          ...((input.syncLargeSecrets ?? existing?.syncLargeSecrets) ? { syncLargeSecrets: true as const } : {}),
          ...((input.color ?? existing?.color) ? { color: (input.color ?? existing?.color) as AccountColor } : {}),
          ...((input.submitLogin ?? existing?.submitLogin) ? { submitLogin: true as const } : {}),
          ...(existing?.future ? { future: existing.future } : {}),
        };
        await vault.putMany([account]);
        return account;
      });
    },

    /** What the account can put into a form, by fill role: its kind's roles applied to its fields, the code role as the current code its kind makes. */
    async fillSources(account: Account): Promise<FillSources> {
      const kind = kindFor(account.kind);
      const sources: FillSources = {};
      for (const [role, field] of Object.entries(kind.fill) as Array<[FillSource, string]>) {
        const value = account.fields[field];
        if (value) sources[role] = value;
      }
      if (sources.code && kind.codes) sources.code = (await kind.codes(sources.code, Date.parse(now()))).code;
      else delete sources.code;
      return sources;
    },

    /** The current code of an account's TOTP secret, and how long it lasts. */
    async currentCode(id: string): Promise<CurrentCode> {
      const account = await getAccount(id);
      const kind = kindFor(account.kind);
      const field = kind.fill.code;
      const secret = field && account.fields[field];
      if (!secret || !kind.codes) throw bad(`${account.label} has no TOTP secret.`);
      return kind.codes(secret, Date.parse(now()));
    },

    deleteAccount: (id: string) => serial(() => vault.trash(id)),
    restoreAccount: (id: string) => serial(() => vault.restore(id)),

    copyText,

    /** Whether the account may fill on `url`: one of its sites matches. */
    async accountFits(id: string, url: string): Promise<boolean> {
      const account = await vault.get(id);
      return !!account && matchesAnySite(account.sites, url);
    },

    /** Adds an origin to an account's sites: the user agreed to fill there. */
    addSite(id: string, origin: string): Promise<Account> {
      return serial(async () => {
        const account = await getAccount(id);
        const site = normalizeSite(origin);
        if (!site) throw new AppError('bad-request', `${origin} is not a site Tokenkeep can fill.`);
        if (account.sites.includes(site)) return account;
        const updated = { ...account, sites: [...account.sites, site], updatedAt: now() };
        await vault.putMany([updated]);
        return updated;
      });
    },

    accountsForUrl,

    /** The keyboard command: the main copy of the page's account, or how many there are to choose from. */
    async copyForUrl(url: string): Promise<{ text: string; label: string; account: string } | { choose: number }> {
      const matches = await accountsForUrl(url);
      if (matches.length > 1) return { choose: matches.length };
      const account = matches[0]!;
      // copyText refuses the format, naming what is missing, while the account cannot make it.
      const format = primaryFormat(kindFor(account.kind), (f) => !!account.fields[f]);
      if (!format) throw opaqueRefusal(account);
      return { text: (await copyText(account.id, format.name)).text, label: format.label, account: accountName(account) };
    },

    async exportBackup(): Promise<{ file: string; name: string; count: number; skipped: number }> {
      const snapshot = await vault.encryptedSnapshot();
      const stamp = now();
      return { file: await writeBackup(snapshot, stamp), name: `tokenkeep-backup-${stamp.slice(0, 10)}.json`, count: snapshot.records.length, skipped: vault.problems().length };
    },

    /** Verifies the whole file first, then merges: newer tokens win, older ones join the history, nothing is deleted. */
    importBackup(file: string, passphrase: string): Promise<ImportSummary> {
      return serial(async () => {
        if ((await vault.state()) !== 'unlocked') throw new AppError('locked', 'Unlock Tokenkeep before importing a backup.');
        // A backup of this vault opens with its passphrase: the check is throttled as unlock is.
        const incoming = await vault.throttledCheck(() => readBackup(file, passphrase, vault.kdfFloor()));
        const keyOf = (a: Account) => accountKey(a) ?? `id:${a.id}`;
        const byKey = new Map((await vault.accounts()).map((a) => [keyOf(a), a]));
        const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
        const puts: Account[] = [];
        const stamp = now();
        for (const account of incoming) {
          const key = keyOf(account);
          const local = byKey.get(key);
          if (!local) {
            // A fresh id: the backup may come from another install, where ids can collide.
            const added = { ...account, id: newId(), updatedAt: stamp };
            byKey.set(key, added);
            puts.push(added);
            summary.added++;
            continue;
          }
          const { account: merged, changed } = mergeAccount(local, account, stamp);
          if (changed) {
            byKey.set(key, merged);
            puts.push(merged);
            summary.updated++;
          } else summary.unchanged++;
        }
        await vault.putMany(puts);
        return summary;
      });
    },

    reset: () =>
      serial(async () => {
        await vault.reset();
        await pins.clear();
      }),
  };
}

export type VaultService = ReturnType<typeof createVaultService>;
