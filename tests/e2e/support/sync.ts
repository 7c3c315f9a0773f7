/**
 * Two profiles' storage.sync, relayed as the browsers' sync engine would: the
 * items of one copied into the other, which fires storage.onChanged there.
 * `run` evaluates a function in an extension page of the profile.
 */
type Run = <T, A>(fn: (arg: A) => Promise<T>, arg: A) => Promise<T>;

export const syncItems = (run: Run) => run(() => (globalThis as unknown as { browser?: typeof chrome }).browser?.storage.sync.get(null) ?? chrome.storage.sync.get(null), undefined);

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
  run((m: unknown) => ((globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome).runtime.sendMessage(m) as Promise<{ ok: boolean; data?: any; error?: { message: string } }>, message).then((r) => {
    if (!r?.ok) throw new Error(`request failed: ${JSON.stringify(r)}`);
    return r.data;
  });

type Request = (message: unknown) => Promise<any>;

/** The labels of the profile's accounts, in order. */
export const labelsIn = async (request: Request) => ((await request({ type: 'accounts.list' })).accounts as Array<{ label: string }>).map((a) => a.label).sort();

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
export const QUOTA_FILLER = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`f${String(i).padStart(2, '0')}`, 'x'.repeat(i < 12 ? 8_000 : 102_400 - 400 - 12 * 8_005 - 6)]));
