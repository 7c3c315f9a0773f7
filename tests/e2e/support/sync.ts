/**
 * Two profiles' storage.sync, relayed as the browsers' sync engine would: the
 * items of one copied into the other, which fires storage.onChanged there.
 * `run` evaluates a function in an extension page of the profile.
 */
import { expect } from 'vitest';

type Run = <T, A>(fn: (arg: A) => Promise<T>, arg: A) => Promise<T>;

export const syncItems = (run: Run) =>
  run(() => (globalThis as unknown as { browser?: typeof chrome }).browser?.storage.sync.get(null) ?? chrome.storage.sync.get(null), undefined);

export async function relaySync(from: Run, to: Run): Promise<void> {
  const items = await syncItems(from);
  await to(async (next: Record<string, unknown>) => {
    const storage = ((globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome).storage.sync;
    const gone = Object.keys(await storage.get(null)).filter((k) => !(k in next));
    if (gone.length) await storage.remove(gone);
    await storage.set(next);
  }, items);
}

/** A protocol request from the profile's extension page, as its own pages send them. */
export const requestIn = (run: Run) => (message: unknown) =>
  run(
    (m: unknown) =>
      ((globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome).runtime.sendMessage(m) as Promise<{
        ok: boolean;
        data?: any;
        error?: { message: string };
      }>,
    message,
  ).then((r) => {
    if (!r?.ok) throw new Error(`request failed: ${JSON.stringify(r)}`);
    return r.data;
  });

type Request = (message: unknown) => Promise<any>;

/** The labels of the profile's accounts, in order. */
export const labelsIn = async (request: Request) =>
  ((await request({ type: 'accounts.list' })).accounts as Array<{ label: string }>).map((a) => a.label).sort();

/** The stored account with this label, secrets and all, or undefined. */
export async function accountIn(request: Request, label: string) {
  const found = ((await request({ type: 'accounts.list' })).accounts as Array<{ id: string; label: string }>).find((a) => a.label === label);
  return found && (await request({ type: 'account.get', id: found.id })).account;
}

/** An account's password, then its earlier ones, newest first. */
export async function passwordsIn(request: Request, label: string): Promise<string[]> {
  const account = await accountIn(request, label);
  return [account.fields.password, ...account.history.filter((h: { field: string }) => h.field === 'password').map((h: { value: string }) => h.value)];
}

/** Room left in the quota: 13 items of filler leave 400 bytes, too few for a header and an account. */
export const QUOTA_FILLER = Object.fromEntries(
  Array.from({ length: 13 }, (_, i) => [`f${String(i).padStart(2, '0')}`, 'x'.repeat(i < 12 ? 8_000 : 102_400 - 400 - 12 * 8_005 - 6)]),
);

interface Synced {
  request: Request;
  run: Run;
}

/**
 * Both browsers change the account that both hold, the change made on B
 * later: A removes a site and changes the password, B edits only the notes.
 * B's item reaches A, which merges part by part and writes the merge back;
 * then both must hold A's site list and password, and B's notes. (Merging
 * the account whole, the newer winning, would bring the site back and make
 * the old password current.)
 */
export async function partByPart(a: Synced, b: Synced, settles: { timeout: number }): Promise<void> {
  const id = (await accountIn(a.request, 'Acme prod')).id;
  const itemsOf = async (p: Synced) => JSON.stringify(await syncItems(p.run));
  const [beforeA, beforeB] = [await itemsOf(a), await itemsOf(b)];
  const onA = await accountIn(a.request, 'Acme prod');
  await a.request({
    type: 'account.save',
    account: { ...inputOfStored(onA), sites: ['https://login.salesforce.com'], fields: { ...onA.fields, password: 'Changed-on-A-1' } },
  });
  await expect.poll(() => itemsOf(a), settles).not.toBe(beforeA);
  const onB = await accountIn(b.request, 'Acme prod');
  await b.request({ type: 'account.save', account: { ...inputOfStored(onB), notes: 'edited on B, later' } });
  await expect.poll(() => itemsOf(b), settles).not.toBe(beforeB);
  await relaySync(b.run, a.run);
  const merged = async (p: Synced) => {
    const account = await accountIn(p.request, 'Acme prod');
    return { id: account.id, sites: account.sites, password: account.fields.password, notes: account.notes };
  };
  const expected = { id, sites: ['https://login.salesforce.com'], password: 'Changed-on-A-1', notes: 'edited on B, later' };
  await expect.poll(() => merged(a), settles).toEqual(expected);
  await expect.poll(() => itemsOf(a), settles).not.toBe(await itemsOf(b));
  await relaySync(a.run, b.run);
  await expect.poll(() => merged(b), settles).toEqual(expected);
}

/** A stored account as the edit form sends it back: its fields, sites and notes, nothing else. */
function inputOfStored(account: {
  id: string;
  kind: string;
  label: string;
  fields: Record<string, string>;
  sites: string[];
  notes?: string;
  expiresAt?: string;
}) {
  return {
    id: account.id,
    kind: account.kind,
    label: account.label,
    fields: account.fields,
    sites: account.sites,
    notes: account.notes ?? '',
    expiresAt: account.expiresAt ?? '',
  };
}
