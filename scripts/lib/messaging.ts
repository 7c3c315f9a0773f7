/** Protocol requests sent from a real extension page, as the popup sends them: for the benchmark and the demo. */
import type { Page } from 'playwright-core';

export type Reply = { ok: boolean; data?: unknown; error?: { message: string } };

export function send(page: Page, message: unknown): Promise<Reply> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<Reply>;
}

export async function sendOk(page: Page, message: unknown): Promise<unknown> {
  const reply = await send(page, message);
  if (!reply.ok) throw new Error(`${(message as { type: string }).type}: ${reply.error?.message}`);
  return reply.data;
}

/** Times a request inside the page, so the figure excludes the automation round trip. */
export function timedInPage(page: Page, message: unknown): Promise<number> {
  return page.evaluate(async (m) => {
    const start = performance.now();
    const reply = (await chrome.runtime.sendMessage(m)) as { ok: boolean; error?: { message: string } };
    if (!reply.ok) throw new Error(reply.error?.message);
    return performance.now() - start;
  }, message);
}
