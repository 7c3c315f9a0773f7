/**
 * Reads the real system clipboard the way a user would: paste into a text
 * field with the keyboard. Works the same in both browsers and needs no
 * clipboard-read permission.
 */
interface PastePage {
  setContent(html: string): Promise<unknown>;
  focus(selector: string): Promise<void>;
  evaluate<R>(fn: () => R): Promise<R>;
  keyboard: { down(key: string): Promise<void>; up(key: string): Promise<void>; press(key: string): Promise<void> };
}

export async function pasteClipboard(page: PastePage): Promise<string> {
  await page.setContent('<textarea id="paste" aria-label="Paste here"></textarea>');
  await page.focus('#paste');
  await page.keyboard.down('Control');
  await page.keyboard.press('v');
  await page.keyboard.up('Control');
  return page.evaluate(() => (document.getElementById('paste') as HTMLTextAreaElement).value);
}

/** What the clipboard holds, pasted in a tab of its own that is closed after. */
export async function readClipboard(newPage: () => Promise<PastePage & { close(): Promise<unknown> }>): Promise<string> {
  const page = await newPage();
  try {
    return await pasteClipboard(page);
  } finally {
    await page.close();
  }
}
