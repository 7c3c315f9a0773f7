// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FoundCapture } from '../../../utils/webmail';
import { watchCaptures } from '../../../utils/webmail/watch';
import { gmailShell, gmailTokenPage } from '../../fixtures/pages';

let stop: (() => void) | undefined;
// The page's clock is the test's: a busy machine that runs a timer late must not change what a test sees.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => {
  stop?.();
  vi.useRealTimers();
});

const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function load(html: string) {
  document.open();
  document.write(html);
  document.close();
}

function insertTokenEmail() {
  const page = new DOMParser().parseFromString(gmailTokenPage({ username: 'a@b.com', token: TOKEN }), 'text/html');
  document.getElementById('main')!.append(...Array.from(page.querySelector('[role="main"]')!.childNodes));
}

describe('watchCaptures', () => {
  it('finds a token email already on the page', () => {
    load(gmailTokenPage({ username: 'a@b.com', token: TOKEN }));
    const found: FoundCapture[][] = [];
    stop = watchCaptures(document, 'gmail', (c) => found.push(c));
    expect(found.flat().map((c) => c.token)).toEqual([TOKEN]);
  });

  it('finds a token email the webmail renders later, on the next task rather than after a quiet period', async () => {
    load(gmailShell());
    const found: FoundCapture[][] = [];
    stop = watchCaptures(document, 'gmail', (c) => found.push(c), { quietMs: 100, maxWaitMs: 10_000 });
    expect(found).toEqual([]);
    await sleep(120); // the page has been quiet
    insertTokenEmail();
    await sleep(0);
    await sleep(0);
    expect(found.flat().map((c) => c.username)).toEqual(['a@b.com']);
  });

  it('does not read a message again while unrelated parts of the page churn', async () => {
    load(gmailShell());
    insertTokenEmail();
    const found: FoundCapture[][] = [];
    stop = watchCaptures(document, 'gmail', (c) => found.push(c), { quietMs: 10, maxWaitMs: 20 });
    const churn = document.createElement('div');
    document.body.append(churn);
    for (let i = 0; i < 30; i++) {
      churn.append(document.createElement('span'));
      await sleep(5);
    }
    await sleep(50);
    expect(found.length).toBe(1);
  });

  it('finds a token email inserted while the page never pauses, within the longest wait', async () => {
    load(gmailShell());
    const found: FoundCapture[][] = [];
    stop = watchCaptures(document, 'gmail', (c) => found.push(c), { quietMs: 1000, maxWaitMs: 60 });
    const churn = document.createElement('div');
    document.body.append(churn);
    for (let i = 0; i < 30; i++) {
      churn.append(document.createElement('span'));
      if (i === 5) insertTokenEmail();
      await sleep(5);
    }
    // Still churning: only the longest wait can have triggered the scan.
    expect(found.flat().map((c) => c.username)).toEqual(['a@b.com']);
  });

  it('reads a message rendered in several steps once the changes pause', async () => {
    load(gmailShell());
    const found: FoundCapture[][] = [];
    stop = watchCaptures(document, 'gmail', (c) => found.push(c), { quietMs: 30, maxWaitMs: 10_000 });
    await sleep(50);
    const page = new DOMParser().parseFromString(gmailTokenPage({ username: 'a@b.com', token: TOKEN }), 'text/html');
    const main = document.getElementById('main')!;
    // The header first, the body a few milliseconds later (as webmails render).
    const message = page.querySelector('div.adn')!;
    const body = message.querySelector('div.a3s')!;
    const bodyParent = body.parentElement!;
    body.remove();
    main.append(message);
    await sleep(10);
    bodyParent.append(body);
    await sleep(80);
    expect(found.flat().map((c) => c.username)).toEqual(['a@b.com']);
  });

  it('stops observing when asked', async () => {
    load(gmailShell());
    const found: FoundCapture[][] = [];
    watchCaptures(document, 'gmail', (c) => found.push(c), { quietMs: 10 })();
    insertTokenEmail();
    await sleep(50);
    expect(found).toEqual([]);
  });
});
