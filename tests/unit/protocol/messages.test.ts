import { describe, expect, it, vi } from 'vitest';
import { handleRequest, type Handlers } from '../../../utils/protocol/messages';
import { classifySender } from '../../../utils/protocol/senders';
import { createClient, ProtocolError } from '../../../utils/protocol/client';
import { AppError } from '../../../utils/common/errors';

const SYNC_OFF = { enabled: false, state: 'off' as const, usage: { bytes: 0, items: 0, fraction: 0 }, accounts: 0, syncedVault: false };

const EXT = { id: 'ext-id', origin: 'chrome-extension://ext-id' };
const CAPTURE = {
  provider: 'salesforce',
  username: 'a@b.com',
  token: 'PVmuqFRxEP0LG40WUka5vPJjG',
  sender: { name: 'Salesforce', address: 'support@salesforce.com' },
  subject: 'Your new Salesforce security token',
};

const notCalled = async () => {
  throw new Error('not expected in this test');
};

function handlers(): Handlers {
  return {
    'capture.status': vi.fn(async () => ({ status: 'new' as const })),
    'capture.save': vi.fn(async () => ({ outcome: 'created' as const, accountId: 'x' })),
    'capture.dismiss': vi.fn(async () => ({})),
    'accounts.list': vi.fn(async () => ({ accounts: [], problems: [] })),
    'account.get': vi.fn(async () => {
      throw new AppError('not-found', 'That account no longer exists.');
    }),
    'account.save': notCalled,
    'account.delete': notCalled,
    'account.restore': notCalled,
    'clipboard.copy': notCalled,
    'account.code': notCalled,
    'capture.pending': notCalled,
    'command.pick': notCalled,
    'login.open': notCalled,
    'live.open': notCalled,
    'live.check': notCalled,
    'live.status': notCalled,
    'qr.scan': notCalled,
    'autofill.fill': notCalled,
    'vault.status': notCalled,
    'vault.setup': notCalled,
    'vault.unlock': notCalled,
    'vault.unlockPin': notCalled,
    'vault.setPin': notCalled,
    'vault.clearPin': notCalled,
    'vault.lock': notCalled,
    'vault.changePassphrase': notCalled,
    'vault.export': notCalled,
    'vault.import': notCalled,
    'vault.reset': vi.fn(async () => ({})),
    'import.preview': vi.fn(async () => ({ actions: [] })),
    'import.commit': vi.fn(async () => ({ added: 0, updated: 0, unchanged: 0 })),
    'sync.status': vi.fn(async () => SYNC_OFF),
    'sync.notices': vi.fn(async () => ({ notices: [] })),
    'sync.enable': vi.fn(async () => SYNC_OFF),
    'sync.join': notCalled,
    'sync.disable': vi.fn(async () => SYNC_OFF),
    'sync.remove': vi.fn(async () => SYNC_OFF),
    'bridge.status': vi.fn(async () => ({ state: 'off' as const })),
    'bridge.enable': notCalled,
    'bridge.disable': notCalled,
    'consent.get': notCalled,
    'consent.answer': vi.fn(async () => ({})),
  };
}

describe('classifySender', () => {
  it('knows extension pages and content scripts on webmail origins', () => {
    expect(classifySender({ id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' }, EXT)).toBe('page');
    expect(classifySender({ id: 'ext-id', url: 'https://mail.google.com/mail/u/0/' }, EXT)).toBe('content');
    expect(classifySender({ id: 'ext-id', url: 'about:srcdoc', origin: 'https://outlook.office.com' }, EXT)).toBe('content');
  });
  it.each([
    ['another extension', { id: 'other', url: 'chrome-extension://other/x.html' }],
    ['no id', { url: 'https://mail.google.com/' }],
    ['a non-webmail origin', { id: 'ext-id', url: 'https://evil.example/' }],
    ['a lookalike webmail host', { id: 'ext-id', url: 'https://mail.google.com.evil.example/' }],
    ['plain http webmail', { id: 'ext-id', url: 'http://mail.google.com/' }],
    ['an unparsable url', { id: 'ext-id', url: 'not a url' }],
  ])('drops %s', (_, sender) => expect(classifySender(sender, EXT)).toBeUndefined());
});

describe('handleRequest', () => {
  it('dispatches a valid request and wraps the answer', async () => {
    const h = handlers();
    expect(await handleRequest({ type: 'capture.save', capture: CAPTURE }, 'content', h)).toEqual({ ok: true, data: { outcome: 'created', accountId: 'x' } });
    expect(h['capture.save']).toHaveBeenCalledOnce();
  });

  it.each([
    ['not an object', 'hello'],
    ['an unknown type', { type: 'vault.dump' }],
    ['a short token', { type: 'capture.save', capture: { ...CAPTURE, token: 'abc' } }],
    ['a spoofed sender', { type: 'capture.save', capture: { ...CAPTURE, sender: { name: 'x', address: 'a@salesforce.com.evil.io' } } }],
    ['an extra field', { type: 'capture.save', capture: CAPTURE, extra: 1 }],
    ['a huge subject', { type: 'capture.save', capture: { ...CAPTURE, subject: 'x'.repeat(10_000) } }],
  ])('answers %s with bad-request and calls nothing', async (_, raw) => {
    const h = handlers();
    const reply = await handleRequest(raw, 'content', h);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(h['capture.save']).not.toHaveBeenCalled();
  });

  it('never echoes a secret from a malformed request', async () => {
    const reply = await handleRequest({ type: 'capture.save', capture: { ...CAPTURE, token: 'SECRET-not-a-token-SECRET' } }, 'content', handlers());
    expect(JSON.stringify(reply)).not.toContain('SECRET');
    const passphrase = await handleRequest({ type: 'vault.unlock', passphrase: 42 }, 'page', handlers());
    expect(passphrase).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('takes a first page of the account list only as a whole number of accounts', async () => {
    const h = handlers();
    expect(await handleRequest({ type: 'accounts.list', first: 12 }, 'page', h)).toMatchObject({ ok: true });
    for (const first of [0, -1, 2.5, '12', null]) {
      expect(await handleRequest({ type: 'accounts.list', first }, 'page', h)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(h['accounts.list']).toHaveBeenCalledTimes(1);
  });

  it('takes an import entry’s date only as an ISO timestamp, and no key it does not know', async () => {
    const h = handlers();
    const item = { kind: 'other', label: 'Wiki', fields: { password: 'pw' }, sites: [], notes: '' };
    expect(await handleRequest({ type: 'import.preview', items: [item, { ...item, changedAt: '2026-11-01T10:00:00.000Z' }] }, 'page', h)).toMatchObject({
      ok: true,
    });
    for (const bad of [
      { ...item, changedAt: 'yesterday' },
      { ...item, changedAt: 1_762_000_000 },
      { ...item, issuedAt: '2026-11-01T10:00:00.000Z' },
    ])
      expect(await handleRequest({ type: 'import.preview', items: [bad] }, 'page', h)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(h['import.preview']).toHaveBeenCalledTimes(1);
  });

  it('forbids content scripts from reading or changing accounts or the vault', async () => {
    const h = handlers();
    for (const request of [{ type: 'accounts.list' }, { type: 'vault.reset', confirm: 'delete everything' }, { type: 'vault.export' }]) {
      expect(await handleRequest(request, 'content', h)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(h['accounts.list']).not.toHaveBeenCalled();
    expect(h['vault.reset']).not.toHaveBeenCalled();
  });

  it('lets only extension pages answer a terminal request, and only with one of the offered answers', async () => {
    const h = handlers();
    const ticket = crypto.randomUUID();
    expect(await handleRequest({ type: 'consent.answer', ticket, answer: { allow: 'once' } }, 'content', h)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const answer of ['always', 'once', { allow: 7 }, { allow: 100000 }, { allow: 'once', option: -1 }, { allow: 'once', option: 1.5 }]) {
      expect(await handleRequest({ type: 'consent.answer', ticket, answer }, 'page', h)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(await handleRequest({ type: 'consent.answer', ticket: 'not-a-ticket', answer: { allow: 'once' } }, 'page', h)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(h['consent.answer']).not.toHaveBeenCalled();
    expect(await handleRequest({ type: 'consent.answer', ticket, answer: { allow: 15, option: 1 } }, 'page', h)).toMatchObject({ ok: true });
  });

  it('demands the exact confirmation to reset the vault', async () => {
    const h = handlers();
    expect(await handleRequest({ type: 'vault.reset', confirm: 'yes' }, 'page', h)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(h['vault.reset']).not.toHaveBeenCalled();
  });

  it('passes on user-facing errors and hides unexpected ones', async () => {
    expect(await handleRequest({ type: 'account.get', id: 'x' }, 'page', handlers())).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That account no longer exists.' },
    });
    const h = handlers();
    h['accounts.list'] = async () => {
      throw new Error('db path /home/secret');
    };
    expect(await handleRequest({ type: 'accounts.list' }, 'page', h)).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
  });
});

describe('createClient', () => {
  it('returns the data of a successful reply', async () => {
    const client = createClient(async () => ({ ok: true, data: { accounts: [], problems: [] } }));
    expect(await client({ type: 'accounts.list' })).toEqual({ accounts: [], problems: [] });
  });
  it('throws a ProtocolError with the code of an error reply, or when nothing answers', async () => {
    await expect(createClient(async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }))({ type: 'accounts.list' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'no',
    });
    await expect(createClient(async () => undefined)({ type: 'accounts.list' })).rejects.toBeInstanceOf(ProtocolError);
  });
});
