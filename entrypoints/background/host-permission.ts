import { browser } from 'wxt/browser';

/** How long Tokenkeep waits for the user to answer the browser's question about a host, asked in the click that needs it. */
const PERMISSION_WAIT_MS = 120_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Whether Tokenkeep may reach `origin` (optional host permission, that host
 * alone). `wait`: the popup or consent window asked for it in the click that
 * started this, and a popup the question closes cannot say when it is
 * answered, so the answer is awaited here.
 */
export async function permitted(origin: string, wait: boolean): Promise<boolean> {
  forgetOnRemoval();
  if (granted.has(origin)) return true;
  const deadline = Date.now() + (wait ? PERMISSION_WAIT_MS : 0);
  while (!(await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false))) {
    if (Date.now() >= deadline) return false;
    await sleep(250);
  }
  granted.add(origin);
  return true;
}

/** Origins found granted, so a live request asks the browser once; a host the user takes back (options, or the browser) leaves it. */
const granted = new Set<string>();
let watching = false;
/** Listens once the set is first used: a worker that sleeps loses the set with the listener, and starts both again. */
function forgetOnRemoval() {
  if (watching) return;
  watching = true;
  browser.permissions.onRemoved.addListener(() => granted.clear());
}
