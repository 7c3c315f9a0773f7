/**
 * Where minted tokens wait to be reused, and what the last check found:
 * storage.session in the extension (memory only, closed to content
 * scripts, gone with the browser), passed in as a port. A token is reused
 * until ten minutes before its end, and only for the credential it was
 * minted from; locking drops them all.
 */
import * as v from 'valibot';
import type { Minted } from './mint';

/** The memory-only storage area: the extension's storage.session, a Map in tests. */
export interface SessionArea {
  get(key: string): Promise<unknown>;
  /** Writes several keys at once: a token and what Tokenkeep learned with it, in one write. */
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  keys(): Promise<string[]>;
}

const TOKEN = 'liveToken:';
const STATUS = 'liveStatus:';
/** A token this close to its end is not handed out: the job it is for may take that long. */
export const REUSE_MARGIN_MS = 10 * 60_000;

const number = v.pipe(v.number(), v.finite());
const CachedSchema = v.object({
  from: v.string(),
  accessToken: v.string(),
  instanceUrl: v.string(),
  idUrl: v.string(),
  mintedAt: number,
  expiresAt: number,
});

/** What Tokenkeep last learned about an account's live credential: no secret, and shown only while unlocked. */
export interface LiveStatus {
  /** The org's instance, from the last token: its host is asked for with the token endpoint's. */
  instanceUrl?: string;
  check?: { ok: true; at: number; orgId: string; username: string } | { ok: false; at: number; message: string };
  /** When a token last worked (ms): minted, or used. */
  workedAt?: number;
}

const StatusSchema = v.object({
  instanceUrl: v.optional(v.string()),
  check: v.optional(
    v.union([
      v.object({ ok: v.literal(true), at: number, orgId: v.string(), username: v.string() }),
      v.object({ ok: v.literal(false), at: number, message: v.string() }),
    ]),
  ),
  workedAt: v.optional(number),
});

export function createLiveStore(area: SessionArea, now: () => number) {
  return {
    /** The account's token, if one was minted from `from` and has time left. */
    async token(id: string, from: string): Promise<Minted | undefined> {
      const read = v.safeParse(CachedSchema, await area.get(TOKEN + id));
      if (!read.success || read.output.from !== from || read.output.expiresAt - REUSE_MARGIN_MS <= now()) return undefined;
      const { from: _, ...minted } = read.output;
      return minted;
    },
    /**
     * Records what Tokenkeep learned about the account (`status`, as read before, with `change`), and
     * the token minted from `from`, where there is one, in one write.
     */
    remember: (id: string, status: LiveStatus, change: Partial<LiveStatus>, token?: { from: string; minted: Minted }) =>
      area.set({ [STATUS + id]: { ...status, ...change }, ...(token ? { [TOKEN + id]: { ...token.minted, from: token.from } } : {}) }),
    drop: (id: string) => area.remove([TOKEN + id]),
    /** Every token goes (at lock); what the checks found stays, as it holds no secret. */
    async dropAll(): Promise<void> {
      await area.remove((await area.keys()).filter((k) => k.startsWith(TOKEN)));
    },
    async status(id: string): Promise<LiveStatus> {
      const read = v.safeParse(StatusSchema, await area.get(STATUS + id));
      return read.success ? read.output : {};
    },
    async statuses(): Promise<Record<string, LiveStatus>> {
      const out: Record<string, LiveStatus> = {};
      for (const key of (await area.keys()).filter((k) => k.startsWith(STATUS))) {
        const read = v.safeParse(StatusSchema, await area.get(key));
        if (read.success) out[key.slice(STATUS.length)] = read.output;
      }
      return out;
    },
  };
}

export type LiveStore = ReturnType<typeof createLiveStore>;

/** A session area in memory: for unit tests and the Node CLIs. */
export function memorySessionArea(): SessionArea {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => structuredClone(map.get(key)),
    set: async (items) => Object.entries(items).forEach(([key, value]) => map.set(key, structuredClone(value))),
    remove: async (keys) => keys.forEach((k) => map.delete(k)),
    keys: async () => [...map.keys()],
  };
}
