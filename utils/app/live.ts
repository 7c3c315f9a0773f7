/**
 * Live credentials: the access tokens Tokenkeep mints from what it keeps
 * (utils/live), reused from memory while they last, and what is done with
 * them: a copy, a terminal's environment, "Open org", "Check". Nothing here
 * writes to the vault: a failed check or a refused token leaves every
 * account as it was.
 */
import { AppError } from '../common/errors';
import { kindFor } from '../kinds';
import type { Kind, Minting } from '../kinds/types';
import { createLiveStore, type LiveStatus, type SessionArea } from '../live/cache';
import type { Fetch } from '../live/http';
import { mintedFrom, mintToken, type Minted } from '../live/mint';
import { liveOrigins } from '../live/origins';
import { frontdoorUrl, identity, TokenRejected } from '../live/org';
import type { Account } from '../vault/account';
import { accountName } from '../vault/account-list';
import { bad, getAccount, opaqueRefusal, type AppContext } from './context';

export interface LivePorts {
  fetch: Fetch;
  /** Memory-only storage (storage.session): tokens and what the checks found. */
  area: SessionArea;
  /**
   * Resolves once the browser lets Tokenkeep reach `origin` (optional host permission), else throws.
   * `asked`: the click that started this asked for it, so the answer is worth waiting for.
   */
  reach?(origin: string, asked: boolean): Promise<void>;
  now?: () => number;
}

export type { LiveStatus };

export function createLive(ctx: AppContext, ports: LivePorts) {
  const now = ports.now ?? Date.now;
  const store = createLiveStore(ports.area, now);
  /** One mint at a time per account: a copy and a terminal asking at once share it. */
  const minting = new Map<string, Promise<Minted>>();

  function minter(account: Account): { kind: Kind; mint: Minting } {
    const kind = kindFor(account.kind);
    if (kind.opaque) throw opaqueRefusal(account);
    if (!kind.mint) throw bad(`${accountName(account)} is a ${kind.title} account, which cannot make an access token.`);
    const missing = kind.mint.needs.filter((f) => !account.fields[f]);
    if (missing.length) throw bad(`${accountName(account)} lacks what an access token is made from: ${missing.join(', ')}.`);
    return { kind, mint: kind.mint };
  }

  /** fetch, once the browser lets Tokenkeep reach the URL's origin; `asked`: the origins the click that started this asked for. */
  const fetchFor =
    (asked: readonly string[]): Fetch =>
    async (url, init) => {
      const origin = new URL(url).origin;
      await ports.reach?.(origin, asked.includes(origin));
      return ports.fetch(url, init);
    };

  /** What a live request for the account starts from: its grant, what its token would be minted from, what Tokenkeep knows, and its fetch. */
  async function prepare(account: Account) {
    const { kind, mint } = minter(account);
    const [from, status] = await Promise.all([mintedFrom(kind, account.fields), store.status(account.id)]);
    return { kind, mint, from, status, fetch: fetchFor(liveOrigins(mint, account, status)) };
  }

  type Prepared = Awaited<ReturnType<typeof prepare>>;

  async function token(account: Account, fresh = false, prepared?: Prepared): Promise<Minted> {
    const { kind, from, status, fetch } = prepared ?? (await prepare(account));
    if (!fresh) {
      const kept = await store.token(account.id, from);
      if (kept) return kept;
    }
    const key = `${account.id}\n${from}`;
    let pending = minting.get(key);
    if (!pending) {
      pending = (async () => {
        const minted = await mintToken(kind, account.fields, { fetch, now });
        await store.remember(account.id, status, { instanceUrl: minted.instanceUrl, workedAt: now() }, { from, minted });
        return minted;
      })().finally(() => minting.delete(key));
      minting.set(key, pending);
    }
    return pending;
  }

  /** Runs `use` with a token; one Salesforce no longer takes is dropped, and `use` runs once more with a new one. */
  async function withToken<T>(account: Account, use: (token: Minted, fetch: Fetch) => Promise<T>): Promise<T> {
    const prepared = await prepare(account);
    try {
      return await use(await token(account, false, prepared), prepared.fetch);
    } catch (err) {
      if (!(err instanceof TokenRejected)) throw err;
      await store.drop(account.id);
      return use(await token(account, true, prepared), prepared.fetch);
    }
  }

  return {
    /** An access token for the account: the one in memory while it lasts, else a new one. */
    async accessToken(id: string): Promise<{ account: Account; token: Minted }> {
      const account = await getAccount(ctx, id);
      return { account, token: await token(account) };
    },

    /** The account's token for a copy format made from it, or a terminal. */
    tokenFor: (account: Account) => token(account),

    /** The origins a live request for the account reaches, as far as Tokenkeep knows: asked for in the click. */
    origins: async (account: Account) => liveOrigins(minter(account).mint, account, await store.status(account.id)),

    /** A single-use URL that opens the org logged in; never a session id in a URL of Tokenkeep's own. */
    async openOrg(id: string): Promise<{ url: string; account: Account }> {
      const account = await getAccount(ctx, id);
      const { mint } = minter(account);
      const url = await withToken(account, (t, fetch) => frontdoorUrl(fetch, t, mint));
      return { url, account };
    },

    /**
     * Whether the credential still works: a new token (a kept one proves nothing about the secret),
     * and who it is for. Salesforce's refusal is a result, kept to flag the account; the vault is not touched.
     */
    async check(id: string): Promise<NonNullable<LiveStatus['check']>> {
      const account = await getAccount(ctx, id);
      const { kind, from, status, fetch } = await prepare(account);
      try {
        const fresh = await mintToken(kind, account.fields, { fetch, now });
        const who = await identity(fetch, fresh);
        const check = { ok: true as const, at: now(), orgId: who.orgId, username: who.username };
        await store.remember(id, status, { instanceUrl: fresh.instanceUrl, workedAt: check.at, check }, { from, minted: fresh });
        return check;
      } catch (err) {
        // Only Salesforce's answer says the credential fails; a missing permission or a bad address is the user's to mend first.
        if (!(err instanceof AppError) || err.code !== 'remote') throw err;
        const check = { ok: false as const, at: now(), message: err.message };
        await store.remember(id, status, { check });
        return check;
      }
    },

    statuses: () => store.statuses(),

    /** At lock: every token leaves memory. */
    forget: () => store.dropAll(),
  };
}

export type Live = ReturnType<typeof createLive>;
