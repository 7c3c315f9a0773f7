/**
 * The popup's part of live credentials: "Open org" and "Check" on an
 * account whose kind mints, and what the last checks found (to flag an
 * account whose credential failed). The browser's question about the
 * hosts a token is made at is asked in the click, before anything is
 * awaited; the background waits for its answer.
 */
import { signal } from '@preact/signals';
import { kindFor } from '../../utils/kinds';
import type { LiveStatus } from '../../utils/live/cache';
import { liveOrigins } from '../../utils/live/origins';
import type { Client } from '../../utils/protocol/client';
import type { AccountSummary } from '../../utils/vault/account';

export interface LiveModelDeps {
  client: Client;
  requestOrigins?: (origins: string[]) => Promise<boolean>;
  byId: (id: string) => AccountSummary | undefined;
  nameOf: (id: string) => string;
  run: (action: () => Promise<void>) => Promise<boolean>;
  /** The popup's toast (model.ts): what happened, in words. */
  showToast: (toast: { message: string; error?: boolean; clearsInSeconds?: number | null }, ms?: number) => void;
}

/** Whether an account can mint: its kind can, and it holds what the grant needs. */
export const canMint = (account: Pick<AccountSummary, 'kind' | 'has'>) => {
  const mint = kindFor(account.kind).mint;
  return !!mint && mint.needs.every((f) => account.has.includes(f));
};

export function createLiveModel({ client, requestOrigins, byId, nameOf, run, showToast }: LiveModelDeps) {
  const statuses = signal<Record<string, LiveStatus>>({});

  async function load() {
    const { statuses: next } = await client({ type: 'live.status' }).catch(() => ({ statuses: {} }));
    statuses.value = next;
  }

  /** Asks for the hosts in the click; a request that goes on while the browser asks, and fails after a refusal, in words. */
  function withHosts<T>(id: string, action: string, send: () => Promise<T>, done: (result: T) => void) {
    const account = byId(id);
    const mint = account && kindFor(account.kind).mint;
    if (!account || !mint) return;
    const origins = liveOrigins(mint, account, statuses.value[id]);
    const asked = requestOrigins?.(origins);
    const sent = send();
    // Handled below once the browser has answered; until then its failure is not an unhandled one.
    sent.catch(() => undefined);
    void run(async () => {
      if (asked && !(await asked.catch(() => false))) {
        const hosts = origins.map((o) => new URL(o).host).join(' and ');
        throw new Error(`Tokenkeep may not reach ${hosts} yet: choose ${action} again, and allow it when your browser asks.`);
      }
      try {
        done(await sent);
      } finally {
        await load();
      }
    });
  }

  return {
    statuses,
    load,
    /** The org in a new tab, logged in through a single-use frontdoor URL. */
    open(id: string) {
      withHosts(
        id,
        'Open org',
        () => client({ type: 'live.open', id }),
        ({ host }) => showToast({ message: `Opened ${host} for ${nameOf(id)}.` }),
      );
    },
    /** A copy made from the access token: minted (or reused) in the background, its hosts asked for in this click. */
    copy(id: string, format: string) {
      withHosts(
        id,
        'the copy',
        () => client({ type: 'clipboard.copy', id, format }),
        ({ message, clearsInSeconds }) => showToast({ message, clearsInSeconds }),
      );
    },
    /** Whether the credential still works: a new token, and who it is for. */
    check(id: string) {
      withHosts(
        id,
        'Check',
        () => client({ type: 'live.check', id }),
        ({ check }) =>
          showToast(
            check.ok
              ? { message: `${nameOf(id)} works: org ${check.orgId}, user ${check.username}.` }
              : { message: `${nameOf(id)} does not work: ${check.message}`, error: true },
            check.ok ? 6000 : 15_000,
          ),
      );
    },
  };
}

export type LiveModel = ReturnType<typeof createLiveModel>;
