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
