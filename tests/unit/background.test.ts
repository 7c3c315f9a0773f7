import { inputFromFlat } from '../../utils/vault/flat';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

// The fake browser has no idle or commands API; these stand in for the system's lock events and the keyboard.
const idleListeners: Array<(state: string) => void> = [];
Object.assign(fakeBrowser.idle, { onStateChanged: { addListener: (l: (state: string) => void) => idleListeners.push(l) } });
Object.assign(fakeBrowser, { commands: { onCommand: { addListener: () => undefined } } });
// WXT's fake has no context menus: the background only registers its "Save to Tokenkeep…" item here.
// Nor permission events: the terminal bridge follows the nativeMessaging permission being taken back.
Object.assign(fakeBrowser.permissions, { onRemoved: { addListener: () => undefined } });
Object.assign(fakeBrowser, { contextMenus: { onClicked: { addListener: () => undefined }, removeAll: async () => undefined, create: () => undefined } });

const CAPTURE = {
  provider: 'salesforce',
  username: 'a@b.com',
  token: 'PVmuqFRxEP0LG40WUka5vPJjG',
  sender: { name: 'Salesforce', address: 'support@salesforce.com' },
  subject: 'Your new Salesforce security token',
};
const POPUP = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
const GMAIL_TAB = { id: fakeBrowser.runtime.id, url: 'https://mail.google.com/mail/u/0/', tab: { id: 1 } };
const PASS = 'correct horse battery staple';

/** Sends like the runtime does: every listener runs; one that returns true answers later through sendResponse. */
async function send(message: unknown, sender: object) {
  let respond!: (reply: unknown) => void;
  const replied = new Promise((resolve) => (respond = resolve));
  // The fake's types know only the two-argument form; the runtime passes sendResponse third.
  const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (...args: unknown[]) => Promise<unknown[]>;
  const answers = await trigger(message, sender, respond);
  return answers.includes(true) ? replied : undefined;
}

const state = async () => ((await send({ type: 'vault.status' }, POPUP)) as { data: { state: string } }).data.state;

beforeAll(async () => {
  background.main();
  expect(await send({ type: 'vault.setup', passphrase: PASS }, POPUP)).toEqual({ ok: true, data: {} });
});

describe('background message routing', () => {
  it('stores a capture sent by the content script and lists it to the popup', async () => {
    expect(await send({ type: 'capture.save', capture: CAPTURE }, GMAIL_TAB)).toMatchObject({ ok: true, data: { outcome: 'created' } });
    const reply = (await send({ type: 'accounts.list' }, POPUP)) as { ok: true; data: { accounts: Array<{ fields: { username: string } }> } };
    expect(reply.data.accounts.map((a) => a.fields.username)).toEqual(['a@b.com']);
  });

  it('does not answer senders that are not ours', async () => {
    expect(await send({ type: 'accounts.list' }, {})).toBeUndefined();
    expect(await send({ type: 'accounts.list' }, { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' })).toBeUndefined();
    expect(await send({ type: 'capture.save', capture: CAPTURE }, { id: fakeBrowser.runtime.id, url: 'https://evil.example/' })).toBeUndefined();
  });

  it('refuses the account list and vault operations to a content script', async () => {
    expect(await send({ type: 'accounts.list' }, GMAIL_TAB)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send({ type: 'vault.export' }, GMAIL_TAB)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers a malformed message with a typed error and writes nothing', async () => {
    expect(await send({ type: 'capture.save', capture: { ...CAPTURE, username: 'other@b.com', token: 'bad' } }, GMAIL_TAB)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const reply = (await send({ type: 'accounts.list' }, POPUP)) as { data: { accounts: Array<{ fields: { username: string } }> } };
    expect(reply.data.accounts.map((a) => a.fields.username)).toEqual(['a@b.com']);
  });

  it('keeps the unlocked key only in session storage', async () => {
    expect(Object.keys(await fakeBrowser.storage.session.get())).toEqual(['vaultKey']);
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain('vaultKey');
  });
});

describe('auto-lock', () => {
  /** The auto-lock alarm once it is set `minutes` from a moment at or after `since`. */
  async function deadlineAfter(since: number, minutes: number) {
    await expect.poll(async () => ((await fakeBrowser.alarms.get('tokenkeep-autolock'))?.scheduledTime ?? 0) - minutes * 60_000).toBeGreaterThanOrEqual(since);
    return (await fakeBrowser.alarms.get('tokenkeep-autolock'))!;
  }

  it('sets the lock deadline each time the popup uses the vault, and locks when it passes', async () => {
    const before = Date.now();
    await send({ type: 'accounts.list' }, POPUP);
    // Set after the reply, which does not wait for it.
    const alarm = await deadlineAfter(before, 15);
    const after = Date.now();
    // Fifteen minutes from the moment of use, however long the request took.
    expect(alarm!.scheduledTime - 15 * 60_000).toBeGreaterThanOrEqual(before);
    expect(alarm!.scheduledTime - 15 * 60_000).toBeLessThanOrEqual(after);
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await expect.poll(state).toBe('locked');
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });

  it('does not count asking for the lock state as use', async () => {
    await fakeBrowser.alarms.clear('tokenkeep-autolock');
    await state();
    expect(await fakeBrowser.alarms.get('tokenkeep-autolock')).toBeUndefined();
  });

  it('follows the auto-lock minutes from the settings', async () => {
    await fakeBrowser.storage.local.set({ settings: { autoLockMinutes: 2 } });
    const before = Date.now();
    await send({ type: 'vault.unlock', passphrase: PASS }, POPUP);
    const alarm = await deadlineAfter(before, 2);
    const after = Date.now();
    expect(alarm!.scheduledTime - 2 * 60_000).toBeGreaterThanOrEqual(before);
    expect(alarm!.scheduledTime - 2 * 60_000).toBeLessThanOrEqual(after);
  });

  it('locks at once when the system locks', async () => {
    expect(await state()).toBe('unlocked');
    for (const listener of idleListeners) listener('locked');
    await expect.poll(state).toBe('locked');
  });

  it('keeps a capture made while locked, sealed, and merges it on unlock', async () => {
    const later = { ...CAPTURE, username: 'while-locked@b.com', token: 'Lk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    expect(await send({ type: 'capture.save', capture: later }, GMAIL_TAB)).toMatchObject({ ok: true, data: { outcome: 'queued' } });
    expect(await send({ type: 'vault.unlock', passphrase: PASS }, POPUP)).toMatchObject({
      ok: true,
      data: { merged: [{ username: 'while-locked@b.com', outcome: 'created' }] },
    });
  });
});

describe('expiry reminders', () => {
  const DAY = 86_400_000;
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

  it('sets a reminder 14 days and 1 day ahead when an account gets an expiry date, and drops them when it is deleted', async () => {
    const account = inputFromFlat({ kind: 'github', label: 'CI bot', token: `ghp_${'a1B2'.repeat(9)}`, sites: [], expiresAt: inDays(30) });
    const saved = (await send({ type: 'account.save', account }, POPUP)) as { data: { account: { id: string } } };
    const id = saved.data.account.id;
    const names = async () =>
      (await fakeBrowser.alarms.getAll())
        .map((a) => a.name)
        .filter((n) => n.startsWith('expiry:'))
        .sort();
    // The vault tells the reminders after the write, as it tells sync: they follow, rather than hold up the reply.
    await expect.poll(names).toEqual([`expiry:${id}:1`, `expiry:${id}:14`]);

    await fakeBrowser.alarms.onAlarm.trigger((await fakeBrowser.alarms.get(`expiry:${id}:14`))!);
    await expect.poll(async () => Object.values(await fakeBrowser.notifications.getAll())).toHaveLength(1);
    const [note] = Object.values(await fakeBrowser.notifications.getAll()) as Array<{ message: string }>;
    expect(note!.message).toBe(`A GitHub account in Tokenkeep expires in 14 days (${inDays(30)}). It is flagged in the list.`);
    expect(note!.message).not.toContain('CI bot');

    await send({ type: 'account.delete', id }, POPUP);
    await expect.poll(names).toEqual([]);
  });
});

describe('browser sync', () => {
  it('sends a token captured while unlocked on its own, with no other change to carry it', async () => {
    // Each round, whether it wrote to browser sync: a round that writes is followed by one more (sync's own
    // change event), which writes nothing; after that, only a new change here asks for a round.
    const rounds: boolean[] = [];
    let wrote = false;
    fakeBrowser.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync') wrote = true;
      const round = changes.sync as { oldValue?: { last?: { at: string } }; newValue?: { last?: { at: string } } } | undefined;
      if (area === 'local' && round?.newValue?.last && round.newValue.last.at !== round.oldValue?.last?.at) {
        rounds.push(wrote);
        wrote = false;
      }
    });
    const quiet = () => rounds.length > 0 && !rounds.at(-1);
    const items = async () => Object.keys(await fakeBrowser.storage.sync.get(null));

    expect(await send({ type: 'sync.enable' }, POPUP)).toMatchObject({ ok: true, data: { state: 'on' } });
    await expect.poll(quiet).toBe(true);
    const before = new Set(await items());
    const settledRounds = rounds.length;
    const fresh = { ...CAPTURE, username: 'synced-capture@b.com', token: 'Sy4Ab7Cd0Ef3Gh6Ij9Kl2Mn5' };
    expect(await send({ type: 'capture.save', capture: fresh }, GMAIL_TAB)).toMatchObject({ ok: true, data: { outcome: 'created' } });
    // The capture asked for a round itself: one new item, for the new account.
    await expect.poll(async () => (await items()).filter((key) => !before.has(key))).toHaveLength(1);
    expect(rounds.length).toBeGreaterThan(settledRounds);
  });
});
