// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { FoundCapture } from '../../../utils/webmail';
import { watchCaptures } from '../../../utils/webmail/watch';
import { gmailShell, gmailTokenPage } from '../../fixtures/pages';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function load(html: string) {
  document.open();
  document.write(html);
  document.close();
}

describe('watchCaptures', () => {
  it('finds a token email already on the page', async () => {
    load(gmailTokenPage({ username: 'a@b.com', token: 'PVmuqFRxEP0LG40WUka5vPJjG' }));
    const found: FoundCapture[][] = [];
    stop = watchCaptures(document, 'gmail', (c) => found.push(c));
    expect(found.flat().map((c) => c.token)).toEqual(['PVmuqFRxEP0LG40WUka5vPJjG']);
  });

  it('finds a token email the webmail renders later, once the DOM settles', async () => {
    load(gmailShell());
    const found: FoundCapture[][] = [];
    stop = watchCaptures(document, 'gmail', (c) => found.push(c), { delayMs: 10 });
    expect(found).toEqual([]);
    const page = new DOMParser().parseFromString(gmailTokenPage({ username: 'a@b.com', token: 'PVmuqFRxEP0LG40WUka5vPJjG' }), 'text/html');
    document.getElementById('main')!.append(...Array.from(page.querySelector('[role="main"]')!.childNodes));
    await new Promise((r) => setTimeout(r, 50));
    expect(found.flat().map((c) => c.username)).toEqual(['a@b.com']);
  });

  it('stops observing when asked', async () => {
    load(gmailShell());
    const found: FoundCapture[][] = [];
    watchCaptures(document, 'gmail', (c) => found.push(c), { delayMs: 10 })();
    document.getElementById('main')!.innerHTML = new DOMParser()
      .parseFromString(gmailTokenPage({ username: 'a@b.com', token: 'PVmuqFRxEP0LG40WUka5vPJjG' }), 'text/html')
      .querySelector('[role="main"]')!.innerHTML;
    await new Promise((r) => setTimeout(r, 50));
    expect(found).toEqual([]);
  });
});
