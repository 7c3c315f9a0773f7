/**
 * The banner lives in a closed shadow root, which Playwright locators do not
 * enter (by design: page scripts cannot either). Chrome DevTools Protocol can
 * see closed roots, so the tests use it to find where a button is drawn, then
 * click there with the real mouse, or, to prove the banner ignores them, fire
 * a synthetic click from the page's own world.
 */
import type { CDPSession, Page } from 'playwright-core';

interface Box {
  x: number;
  y: number;
}

async function findInBanner(cdp: CDPSession, selector: string): Promise<number> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeName === 'TOKENKEEP-BANNER' && node.shadowRoots?.[0]) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: node.shadowRoots[0].nodeId, selector });
      if (nodeId) return nodeId;
      throw new Error(`no ${selector} in the banner`);
    }
    stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
  }
  throw new Error('no banner on the page');
}

export async function bannerButtonCenter(page: Page, selector: string): Promise<Box> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await findInBanner(cdp, selector);
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const [x1, y1, , , x3, y3] = model.content;
    return { x: (x1! + x3!) / 2, y: (y1! + y3!) / 2 };
  } finally {
    await cdp.detach();
  }
}

/** Whether a banner button takes a click: Save stays aria-disabled until the banner has been on screen, unobstructed, for a moment. */
export async function bannerButtonEnabled(page: Page, selector: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await findInBanner(cdp, selector);
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: "function () { return !this.disabled && this.getAttribute('aria-disabled') !== 'true'; }",
      returnByValue: true,
    });
    return result.value === true;
  } finally {
    await cdp.detach();
  }
}

/** A real mouse click on a banner button, once the banner lets it count. */
export async function clickBanner(page: Page, selector: string, { timeoutMs = 30_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await bannerButtonEnabled(page, selector))) {
    if (Date.now() > deadline) throw new Error(`${selector} in the banner stayed disabled`);
    await page.waitForTimeout(50);
  }
  const { x, y } = await bannerButtonCenter(page, selector);
  await page.mouse.click(x, y);
}

/** `button.click()` run by page script: an untrusted event. */
export async function syntheticClickBanner(page: Page, selector: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await findInBanner(cdp, selector);
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration: 'function () { this.click(); }' });
  } finally {
    await cdp.detach();
  }
}

/** The banner's visible text, read through CDP for the same reason. */
export async function bannerText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await findInBanner(cdp, '.banner');
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: 'function () { return this.textContent; }',
      returnByValue: true,
    });
    return String(result.value);
  } finally {
    await cdp.detach();
  }
}
