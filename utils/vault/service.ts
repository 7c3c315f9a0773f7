/**
 * What the background does with captures and accounts, independent of how
 * messages arrive. Every write goes through one serial queue, so two tabs
 * saving at once (or a save during an unlock) cannot lose an update.
 */
import * as v from 'valibot';
import { AppError } from '../errors';
import { CaptureSchema } from '../messages';
import type { Capture } from '../extract/types';
import { copiedMessage, copyText as textFor, primaryFormat, type CopyFormat } from '../format';
import { matchesAnySite, normalizeSite } from '../sites';
import {
  accountKey,
  applyCapture,
  mergeAccount,
  newAccountFromCapture,
  retiredToken,
  sameLogin,
  summarize,
  trustedDate,
  type Account,
  type AccountProvider,
  type AccountSummary,
  type CaptureOutcome,
  type Environment,
} from './account';
import { readBackup, writeBackup } from './backup';
import { captureFingerprint } from './fingerprint';
import { serialQueue } from './serial';
import type { KeyValueStore } from './store';
import type { RecordProblem, Vault, VaultState } from './vault';

export type CaptureStatus = 'new' | 'saved' | 'dismissed';

export interface MergedCapture {
  username: string;
  outcome: CaptureOutcome;
}

export interface VaultStatus {
  state: VaultState;
  failures: number;
  retryAfterMs: number;
  /** Captures sealed while locked, waiting for the next unlock. */
  pending: number;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

/** An account as the edit form sends it: empty strings mean "not set". */
export interface AccountInput {
  id?: string;
  provider: AccountProvider;
  label: string;
  username: string;
  password: string;
  token: string;
  environment: Environment;
  loginUrl: string;
  sites: string[];
  expiresAt: string;
  notes: string;
}

export interface VaultServiceDeps {
  kv: KeyValueStore;
  vault: Vault;
  now?: () => string;
  newId?: () => string;
}

const SEEN = 'seen:';

export function createVaultService({ kv, vault, now = () => new Date().toISOString(), newId = () => crypto.randomUUID() }: VaultServiceDeps) {
  const serial = serialQueue();
  const seenKey = async (capture: Capture) => SEEN + (await captureFingerprint(capture));

  /**
   * Folds captures (oldest first) into the accounts; returns what to write and
   * what happened to each. A capture sealed while locked carries the time it
   * was seen, which bounds its date as the present does for the others.
   */
  async function applyCaptures(captures: Array<Capture & { seenAt?: string }>): Promise<{ puts: Account[]; merged: Array<MergedCapture & { accountId: string }> }> {
    const byKey = new Map((await vault.accounts()).map((a) => [accountKey(a.provider, a.username), a]));
    const changed = new Map<string, Account>();
    const merged: Array<MergedCapture & { accountId: string }> = [];
    const stamp = now();
    const ordered = captures
      .map(({ seenAt, ...capture }) => ({ ...capture, date: trustedDate(capture.date, seenAt && seenAt < stamp ? seenAt : stamp) }))
      .sort((a, b) => a.date.localeCompare(b.date));
    for (const capture of ordered) {
      const key = accountKey(capture.provider, capture.username);
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

  /** The text one copy button puts on the clipboard (history: a superseded token by index). */
  async function copyText(id: string, format: CopyFormat | 'history', historyIndex = 0): Promise<{ text: string; message: string }> {
    const account = await getAccount(id);
    if (format === 'history') {
      const entry = account.history[historyIndex];
      if (!entry) throw new AppError('not-found', 'That token is no longer in the history.');
      return { text: entry.token, message: `Copied an older token for ${account.label}` };
    }
    const text = textFor(account, format);
    if (text === undefined) throw new AppError('bad-request', `${account.label} has nothing to copy for that yet: add the missing password or token.`);
    return { text, message: copiedMessage(format, account.label) };
  }

  /** The most recently changed account whose sites include the page (what the keyboard commands act with). */
  async function accountForUrl(url: string): Promise<Account> {
    const [account] = (await vault.accounts()).filter((a) => matchesAnySite(a.sites, url)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    if (!account) throw new AppError('not-found', `No account is set for ${new URL(url).host}. Add this site to an account's sites in Tokenkeep.`);
    return account;
  }

  return {
    async status(): Promise<VaultStatus> {
      const [state, throttle, pending] = await Promise.all([vault.state(), vault.throttle(), vault.inboxSize()]);
      return { state, ...throttle, pending };
    },

    setup: (passphrase: string) => serial(() => vault.setup(passphrase)),

    /** Unlocks, then merges the captures sealed while locked; says what merged and what could not be read. */
    unlock: (passphrase: string) =>
      serial(async (): Promise<{ merged: MergedCapture[]; problems: RecordProblem[] }> => {
        const problems = await vault.unlock(passphrase);
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
        return { merged, problems };
      }),

    lock: () => serial(() => vault.lock()),

    changePassphrase: (current: string, next: string) => serial(() => vault.changePassphrase(current, next)),

    async captureStatus(capture: Capture): Promise<CaptureStatus> {
      const seen = await kv.get<CaptureStatus>(await seenKey(capture));
      if (seen) return seen;
      if ((await vault.state()) !== 'unlocked') return 'new';
      const key = accountKey(capture.provider, capture.username);
      const account = (await vault.accounts()).find((a) => accountKey(a.provider, a.username) === key);
      const known = account && (account.token === capture.token || account.history.some((h) => h.token === capture.token));
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

    /** Every account without its secrets, sorted by label, and any record that could not be read. */
    async listAccounts(): Promise<{ accounts: AccountSummary[]; problems: RecordProblem[] }> {
      const accounts = (await vault.accounts()).sort((a, b) => a.label.localeCompare(b.label)).map(summarize);
      return { accounts, problems: vault.problems() };
    },

    /** Full accounts, secrets included: for the background's own use (alarms, commands). */
    allAccounts: () => vault.accounts(),

    getAccount,

    /** Creates or updates an account from the edit form. A changed token moves the old one to the history. */
    saveAccount(input: AccountInput): Promise<Account> {
      return serial(async () => {
        const stamp = now();
        const existing = input.id ? await getAccount(input.id) : undefined;
        const username = input.username.trim();
        const clash = sameLogin(await vault.accounts(), { id: input.id, provider: input.provider, username });
        if (clash) throw new AppError('bad-request', `“${clash.label}” already has this username.`);
        const token = input.token.trim() || undefined;
        const tokenChanged = token !== existing?.token;
        const history = [...(tokenChanged && existing ? retiredToken(existing, stamp) : []), ...(existing?.history ?? [])];
        const account: Account = {
          schema: 2,
          id: existing?.id ?? newId(),
          provider: input.provider,
          label: input.label.trim() || username || 'Untitled',
          username,
          environment: input.environment,
          loginUrl: input.loginUrl.trim(),
          sites: [...new Set(input.sites)],
          history: history.filter((h) => h.token !== token),
          createdAt: existing?.createdAt ?? stamp,
          updatedAt: stamp,
          ...(input.password ? { password: input.password } : {}),
          ...(token ? { token, tokenIssuedAt: tokenChanged ? stamp : existing?.tokenIssuedAt } : {}),
          ...(token && !tokenChanged && existing?.tokenSource ? { tokenSource: existing.tokenSource } : {}),
          ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
          ...(input.notes.trim() ? { notes: input.notes } : {}),
        };
        await vault.putMany([account]);
        return account;
      });
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

    accountForUrl,

    /** The keyboard command: the main copy of the account for the page. */
    async copyForUrl(url: string): Promise<{ text: string; format: CopyFormat }> {
      const account = await accountForUrl(url);
      const format = primaryFormat(summarize(account));
      return { text: (await copyText(account.id, format)).text, format };
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
        const incoming = await vault.throttledCheck(() => readBackup(file, passphrase));
        const byKey = new Map((await vault.accounts()).map((a) => [accountKey(a.provider, a.username), a]));
        const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
        const puts: Account[] = [];
        const stamp = now();
        for (const account of incoming) {
          const key = accountKey(account.provider, account.username);
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

    reset: () => serial(() => vault.reset()),
  };
}

export type VaultService = ReturnType<typeof createVaultService>;
