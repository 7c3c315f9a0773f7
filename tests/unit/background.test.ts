import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

const CAPTURE = {
  provider: 'salesforce',
  username: 'a@b.com',
  token: 'PVmuqFRxEP0LG40WUka5vPJjG',
  sender: { name: 'Salesforce', address: 'support@salesforce.com' },
  subject: 'Your new Salesforce security token',
};
const POPUP = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
const GMAIL_TAB = { id: fakeBrowser.runtime.id, url: 'https://mail.google.com/mail/u/0/', tab: { id: 1 } };

/** Sends like the runtime does: every listener runs, the first answer wins. */
async function send(message: unknown, sender: object) {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender);
  return answers.find((a) => a !== undefined);
}

beforeAll(() => {
  background.main();
});

describe('background message routing', () => {
  it('stores a capture sent by the content script and lists it to the popup', async () => {
    expect(await send({ type: 'capture.save', capture: CAPTURE }, GMAIL_TAB)).toMatchObject({ ok: true, data: { outcome: 'created' } });
    const reply = (await send({ type: 'accounts.list' }, POPUP)) as { ok: true; data: { accounts: Array<{ username: string }> } };
    expect(reply.data.accounts.map((a) => a.username)).toEqual(['a@b.com']);
  });

  it('does not answer senders that are not ours', async () => {
    expect(await send({ type: 'accounts.list' }, {})).toBeUndefined();
    expect(await send({ type: 'accounts.list' }, { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' })).toBeUndefined();
    expect(await send({ type: 'capture.save', capture: CAPTURE }, { id: fakeBrowser.runtime.id, url: 'https://evil.example/' })).toBeUndefined();
  });

  it('refuses the account list to a content script', async () => {
    expect(await send({ type: 'accounts.list' }, GMAIL_TAB)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers a malformed message with a typed error and writes nothing', async () => {
    expect(await send({ type: 'capture.save', capture: { ...CAPTURE, username: 'other@b.com', token: 'bad' } }, GMAIL_TAB)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const reply = (await send({ type: 'accounts.list' }, POPUP)) as { data: { accounts: Array<{ username: string }> } };
    expect(reply.data.accounts.map((a) => a.username)).toEqual(['a@b.com']);
  });
});
