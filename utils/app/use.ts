/**
 * Using an account: the text a copy button puts on the clipboard, what it
 * fills into a form, its current TOTP code, and which accounts a page's
 * address calls for.
 */
import { AppError } from '../common/errors';
import { copiedMessage } from '../common/format';
import { matchesAnySite } from '../common/sites';
import type { FillSources } from '../autofill/decide';
import { fieldName, formatOf, kindFor, primaryFormat, type FillSource } from '../kinds';
import type { CurrentCode, LiveToken } from '../kinds/types';
import type { Account } from '../vault/account';
import { accountName, forPage } from '../vault/account-list';
import { bad, getAccount, opaqueRefusal, type AppContext } from './context';

/** `liveToken`: mints (or reuses) an account's access token, for the formats made from one; absent where nothing can be minted. */
export function createUse(ctx: AppContext, liveToken?: (account: Account) => Promise<LiveToken>) {
  const { vault, now } = ctx;

  /** The text one copy button puts on the clipboard (history: a superseded secret by index). */
  async function copyText(id: string, format: string, historyIndex = 0): Promise<{ text: string; message: string }> {
    const account = await getAccount(ctx, id);
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
    let live: LiveToken | undefined;
    if (spec.live) {
      if (!liveToken) throw bad('Access tokens cannot be made here.');
      live = await liveToken(account);
    }
    let text: string | undefined;
    try {
      text = await spec.text(account.fields, { now: Date.parse(now()), ...(live ? { live } : {}) });
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
    const matches = forPage(
      (await vault.accounts()).filter((a) => matchesAnySite(a.sites, url)),
      url,
    );
    if (!matches.length) throw new AppError('not-found', `No account is set for ${new URL(url).host}. Add this site to an account's sites in Tokenkeep.`);
    return matches;
  }

  return {
    copyText,
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
      const account = await getAccount(ctx, id);
      const kind = kindFor(account.kind);
      const field = kind.fill.code;
      const secret = field && account.fields[field];
      if (!secret || !kind.codes) throw bad(`${account.label} has no TOTP secret.`);
      return kind.codes(secret, Date.parse(now()));
    },

    /** Whether the account may fill on `url`: one of its sites matches. */
    async accountFits(id: string, url: string): Promise<boolean> {
      const account = await vault.get(id);
      return !!account && matchesAnySite(account.sites, url);
    },
  };
}
