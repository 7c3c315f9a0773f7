import { describe, expect, it } from 'vitest';
import { inputFromFlat } from '../../../utils/vault/flat';
import { capture, inputOf, PASS, setPassword, testVault } from '../vault/helpers';

const A = 'AAAAAAAAAAAAAAAAAAAAAAa1';
const B = 'BBBBBBBBBBBBBBBBBBBBBBb2';

async function unlocked() {
  const t = testVault();
  await t.service.setup(PASS);
  return t;
}

describe('vault service: captures', () => {
  it('creates an account on the first capture and offers that token no more', async () => {
    const { service } = await unlocked();
    const c = capture(A);
    expect(await service.captureStatus(c)).toBe('new');
    expect(await service.saveCapture(c)).toMatchObject({ outcome: 'created' });
    expect(await service.captureStatus(c)).toBe('saved');
    expect((await service.allAccounts()).map((a) => [a.fields.username, a.fields.token])).toEqual([['ops@acme.com', A]]);
  });

  it('updates the same account for the same username, in any letter case', async () => {
    const { service } = await unlocked();
    const first = await service.saveCapture(capture(A, 'Ops@Acme.com', '2026-11-01T00:00:00.000Z'));
    const second = await service.saveCapture(capture(B, 'ops@acme.com', '2026-11-02T00:00:00.000Z'));
    expect(second).toEqual({ outcome: 'updated', accountId: first.accountId });
    const [account] = await service.allAccounts();
    expect(account?.history.map((h) => h.value)).toEqual([A]);
  });

  it('remembers a dismissed token, and saving it later still works', async () => {
    const { service } = await unlocked();
    const c = capture(A);
    await service.dismissCapture(c);
    expect(await service.captureStatus(c)).toBe('dismissed');
    await service.saveCapture(c);
    expect(await service.captureStatus(c)).toBe('saved');
    await service.dismissCapture(c);
    expect(await service.captureStatus(c)).toBe('saved');
  });

  it('stores every capture exactly once when many arrive at the same time', async () => {
    const { service } = await unlocked();
    const tokens = Array.from({ length: 20 }, (_, i) => `Tok${String(i).padStart(2, '0')}aaaaaaaaaaaaaaaaaa`);
    await Promise.all(
      tokens.flatMap((t, i) => [
        service.saveCapture(capture(t, 'ops@acme.com', `2026-11-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`)),
        service.saveCapture(capture(t, `user${i}@acme.com`)),
        service.saveCapture(capture(t, `user${i}@acme.com`)),
      ]),
    );
    const accounts = await service.allAccounts();
    expect(accounts).toHaveLength(21);
    const ops = accounts.find((a) => a.fields.username === 'ops@acme.com')!;
    expect(ops.fields.token).toBe(tokens[19]);
    expect(new Set(ops.history.map((h) => h.value)).size).toBe(19);
    expect(accounts.filter((a) => a.fields.username === 'user3@acme.com')).toHaveLength(1);
  });

  it('sets a password, and reports a missing account clearly', async () => {
    const { service } = await unlocked();
    const { accountId } = await service.saveCapture(capture(A));
    expect((await setPassword(service, accountId, 'hunter2')).fields.password).toBe('hunter2');
    await expect(setPassword(service, 'nope', 'x')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses to save before setup, saying what to do', async () => {
    const { service } = testVault();
    await expect(service.saveCapture(capture(A))).rejects.toMatchObject({ code: 'setup-required' });
  });
});

describe('vault service: captures while locked', () => {
  it('seals a capture into the inbox, then merges it on unlock and says so', async () => {
    const { service, kv } = await unlocked();
    await service.saveCapture(capture(A, 'ops@acme.com', '2026-11-01T00:00:00.000Z'));
    await service.lock();
    expect(await service.saveCapture(capture(B, 'ops@acme.com', '2026-11-20T00:00:00.000Z'))).toEqual({ outcome: 'queued', accountId: '' });
    expect(await service.saveCapture(capture(A, 'new@acme.com'))).toMatchObject({ outcome: 'queued' });
    expect(await service.status()).toMatchObject({ state: 'locked', pending: 2 });
    await expect(service.listAccounts()).rejects.toMatchObject({ code: 'locked' });
    // Sealed: neither token nor username is readable in what was stored.
    const raw = JSON.stringify(await kv.entries('inbox:'), (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    expect(raw).not.toContain(B);
    expect(raw).not.toContain('new@acme.com');

    const { merged } = await service.unlock(PASS);
    expect(merged.map((m) => [m.username, m.outcome]).sort()).toEqual([
      ['new@acme.com', 'created'],
      ['ops@acme.com', 'updated'],
    ]);
    expect(await service.status()).toMatchObject({ state: 'unlocked', pending: 0 });
    const ops = (await service.allAccounts()).find((a) => a.fields.username === 'ops@acme.com')!;
    expect([ops.fields.token, ops.history.map((h) => h.value)]).toEqual([B, [A]]);
  });

  it('keeps a locked capture marked as saved so it is not offered again', async () => {
    const { service } = await unlocked();
    await service.lock();
    await service.saveCapture(capture(A));
    expect(await service.captureStatus(capture(A))).toBe('saved');
  });
});

describe('vault service: each account on its own login page', () => {
  const BOTH = ['https://login.salesforce.com', 'https://test.salesforce.com'];

  it('gives a new account its environment’s login page only, from a capture or the form', async () => {
    const { service } = await unlocked();
    await service.saveCapture(capture(A, 'ops@acme.com'));
    await service.saveCapture(capture(B, 'ops@acme.com.uat'));
    await service.saveAccount(
      inputFromFlat({
        kind: 'salesforce',
        label: 'Acme custom',
        username: 'c@acme.com',
        environment: 'custom',
        loginUrl: 'https://acme--dev.sandbox.my.salesforce.com',
      }),
    );
    const sites = Object.fromEntries((await service.allAccounts()).map((a) => [a.label, a.sites]));
    expect(sites).toEqual({
      'ops@acme.com': ['https://login.salesforce.com'],
      'ops@acme.com.uat': ['https://test.salesforce.com'],
      'Acme custom': ['https://acme--dev.sandbox.my.salesforce.com'],
    });
  });

  it('corrects accounts made with both login pages once, keeps their other sites, says which, and leaves a site the user adds back', async () => {
    const t = await unlocked();
    const save = (label: string, environment: string, sites: string[]) =>
      t.service.saveAccount(inputFromFlat({ kind: 'salesforce', label, username: `${label.replace(' ', '.')}@acme.com`, environment, sites }));
    await save('Prod', 'production', [...BOTH, 'https://acme.my.salesforce.com']);
    await save('UAT', 'sandbox', BOTH);
    await save('Own', 'production', ['https://login.salesforce.com']);
    // A vault from before the correction: no mark that it was done.
    await t.kv.delete('corrected:sites-by-environment');
    await t.service.lock();
    const { notices } = await t.service.unlock(PASS);
    expect(notices).toEqual([
      "Tokenkeep now fills each account on its own environment's login page only, so a shortcut never uses production on a sandbox's page. 2 accounts no longer list the other environment's: Prod (production), UAT (sandbox).",
    ]);
    const sites = () => t.service.allAccounts().then((all) => Object.fromEntries(all.map((a) => [a.label, a.sites])));
    expect(await sites()).toEqual({
      Prod: ['https://login.salesforce.com', 'https://acme.my.salesforce.com'],
      UAT: ['https://test.salesforce.com'],
      Own: ['https://login.salesforce.com'],
    });
    const prod = (await t.service.allAccounts()).find((a) => a.label === 'Prod')!;
    await t.service.saveAccount(inputOf(prod, { sites: BOTH }));
    await t.service.lock();
    expect((await t.service.unlock(PASS)).notices).toEqual([]);
    expect((await sites()).Prod).toEqual(BOTH);
  });
});

describe('vault service: unlock with a PIN until the browser closes', () => {
  const PIN = '482916';
  async function withPin() {
    const clock = { now: Date.parse('2026-12-06T10:00:00Z') };
    const t = testVault({ serviceClock: clock });
    await t.service.setup(PASS);
    await t.service.saveCapture(capture(A));
    return { ...t, clock };
  }
  const pinOf = async (t: Awaited<ReturnType<typeof withPin>>) => (await t.service.status()).pin;

  it('is off by default, and refuses a PIN too short to be one', async () => {
    const t = await withPin();
    expect(await pinOf(t)).toBe('off');
    await expect(t.service.setPin('123')).rejects.toMatchObject({ code: 'bad-request', message: 'A PIN has at least 4 characters; 6 or more are better.' });
  });

  it('opens the vault with the PIN after a lock, with nothing of it on disk in plain text', async () => {
    const t = await withPin();
    await t.service.setPin(PIN);
    await t.service.lock();
    expect(await pinOf(t)).toBe('ready');
    const disk = JSON.stringify(await t.kv.entries(''), (_k, value) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : value));
    expect(disk).not.toContain(PIN);
    await t.service.unlockWithPin(PIN);
    expect((await t.service.allAccounts()).map((a) => a.fields.token)).toEqual([A]);
  });

  it('counts wrong PINs, waits longer after each, and after the fifth asks for the passphrase, which arms the PIN again', async () => {
    const t = await withPin();
    await t.service.setPin(PIN);
    await t.service.lock();
    const messages: string[] = [];
    for (let i = 1; i <= 5; i++) {
      await t.service.unlockWithPin('000000').catch((err: Error) => messages.push(err.message));
      // Straight away: throttled, and the try is not counted.
      if (i < 5) await expect(t.service.unlockWithPin(PIN)).rejects.toMatchObject({ code: 'rate-limited' });
      t.clock.now += 2 ** i * 1000;
    }
    expect(messages).toEqual([
      'That PIN is not right. 4 tries are left before Tokenkeep asks for the passphrase.',
      'That PIN is not right. 3 tries are left before Tokenkeep asks for the passphrase.',
      'That PIN is not right. 2 tries are left before Tokenkeep asks for the passphrase.',
      'That PIN is not right. 1 try is left before Tokenkeep asks for the passphrase.',
      '5 wrong PINs: unlock with your passphrase. The PIN works again after that.',
    ]);
    expect(await pinOf(t)).toBe('on');
    await expect(t.service.unlockWithPin(PIN)).rejects.toMatchObject({ message: 'Unlocking with a PIN is not ready: enter your passphrase.' });
    await t.service.unlock(PASS);
    await t.service.lock();
    expect(await pinOf(t)).toBe('ready');
    await t.service.unlockWithPin(PIN);
    expect((await t.service.status()).state).toBe('unlocked');
  });

  it('is gone with the browser: after a restart the passphrase opens the vault and arms the PIN', async () => {
    const t = await withPin();
    await t.service.setPin(PIN);
    await t.service.lock();
    await t.session.clear();
    const { service } = t.restart();
    expect((await service.status()).pin).toBe('on');
    await expect(service.unlockWithPin(PIN)).rejects.toMatchObject({ code: 'bad-request' });
    await service.unlock(PASS);
    await service.lock();
    await service.unlockWithPin(PIN);
    expect((await service.status()).state).toBe('unlocked');
  });

  it('keeps working across a passphrase change, and turns off on request', async () => {
    const t = await withPin();
    await t.service.setPin(PIN);
    await t.service.changePassphrase(PASS, 'a new passphrase of some length');
    await t.service.lock();
    await t.service.unlockWithPin(PIN);
    await t.service.clearPin();
    await t.service.lock();
    expect(await pinOf(t)).toBe('off');
    await expect(t.service.unlockWithPin(PIN)).rejects.toMatchObject({ code: 'bad-request' });
  });
});

describe('vault service: an account saved without a name', () => {
  it('is named from its login, else the issuer of its authenticator link, else its kind; never Untitled', async () => {
    const { service } = await unlocked();
    const save = async (flat: Record<string, string>) => (await service.saveAccount(inputFromFlat({ label: '', ...flat }))).label;
    expect(await save({ kind: 'salesforce', username: 'jane@acme.com' })).toBe('jane@acme.com');
    expect(await save({ kind: 'other', totp: 'otpauth://totp/GitHub:alex?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' })).toBe('GitHub');
    expect(await save({ kind: 'github', token: `ghp_${'a1B2'.repeat(9)}` })).toBe('GitHub');
  });
});
