/**
 * Live credentials in the application, on a real vault (fake-indexeddb,
 * WebCrypto) minting against the stand-in over real TLS: a token is reused
 * from memory until it nears its end, never for an edited credential, and
 * dropped at lock; Check keeps what it found and leaves the vault alone; a
 * token the org stops taking is replaced once; a host the browser has not
 * allowed gets nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../utils/common/errors';
import { createLiveStore, memorySessionArea, REUSE_MARGIN_MS, type SessionArea } from '../../../utils/live/cache';
import { inputFromFlat } from '../../../utils/vault/flat';
import { standinFetch } from '../clients/route';
import { startSalesforceStandin, type Standin } from '../clients/salesforce-standin';
import { PASS, testVault } from '../vault/helpers';

const SECRET = 'S3cret-Consumer';
const REFRESH = '5AepRefresh.Token_1';
const APP = { clientId: '3MVG9Acme.Key', clientSecret: SECRET, refreshTokens: { [REFRESH]: 'jane@acme.com' } as Record<string, string> };
const ORG = {
  id: '00D5e000000AcmePRD',
  myDomain: 'acme.my.salesforce.com',
  sandbox: false,
  users: [{ username: 'jane@acme.com', password: 'x', token: 'y' }],
  apps: [APP],
};

let standin: Standin;
beforeAll(async () => void (standin = await startSalesforceStandin([ORG])));
afterAll(() => standin?.close());

const clock = { now: Date.parse('2026-12-06T10:00:00Z') };
let area: SessionArea;
let denied: string[];
/** Each change the vault reports (what sync and the reminders follow). */
let changes: number;
let t: ReturnType<typeof testVault>;
let oauthId: string;
let sfdxId: string;
const tokenRequests = () => standin.seen.filter((s) => s.path === '/services/oauth2/token').length;

beforeEach(async () => {
  area = memorySessionArea();
  denied = [];
  changes = 0;
  standin.seen.length = 0;
  APP.refreshTokens[REFRESH] = 'jane@acme.com';
  t = testVault({
    onChange: () => void changes++,
    live: {
      fetch: standinFetch(standin),
      area,
      now: () => clock.now,
      reach: async (origin) => {
        if (denied.includes(origin)) throw new AppError('forbidden', `Tokenkeep may not reach ${new URL(origin).host} yet.`);
      },
    },
  });
  await t.service.setup(PASS);
  oauthId = (
    await t.service.saveAccount(
      inputFromFlat({
        kind: 'salesforce-oauth',
        label: 'Data sync',
        clientId: APP.clientId,
        clientSecret: SECRET,
        myDomain: 'https://acme.my.salesforce.com',
        sites: [],
      }),
    )
  ).id;
  sfdxId = (
    await t.service.saveAccount(
      inputFromFlat({ kind: 'salesforce-sfdx-url', label: 'Scratch', sfdxUrl: `force://${APP.clientId}::${REFRESH}@acme.my.salesforce.com`, sites: [] }),
    )
  ).id;
});

const live = () => t.service.live!;

describe('the access token', () => {
  it('is minted once and reused from memory, until ten minutes before its end', async () => {
    const first = (await live().accessToken(oauthId)).token;
    expect((await live().accessToken(oauthId)).token.accessToken).toBe(first.accessToken);
    expect(tokenRequests()).toBe(1);
    // A copy made from it is the same token, and says it is short-lived.
    const copy = await t.service.copyText(oauthId, 'access-token');
    expect(copy).toEqual({ text: first.accessToken, message: expect.stringContaining('access token (short-lived)') });
    clock.now = first.expiresAt - REUSE_MARGIN_MS;
    expect((await live().accessToken(oauthId)).token.accessToken).not.toBe(first.accessToken);
    expect(tokenRequests()).toBe(2);
  });

  it('is never reused for an edited credential, and leaves memory at lock', async () => {
    await live().accessToken(oauthId);
    const account = await t.service.getAccount(oauthId);
    await t.service.saveAccount({
      ...inputFromFlat({ kind: 'salesforce-oauth', label: 'Data sync', ...account.fields, clientSecret: 'S3cret-Rotated', sites: [] }),
      id: oauthId,
    });
    APP.clientSecret = 'S3cret-Rotated';
    try {
      await live().accessToken(oauthId);
      expect(tokenRequests()).toBe(2);
    } finally {
      APP.clientSecret = SECRET;
    }
    await live().forget();
    expect((await area.keys()).filter((k) => k.startsWith('liveToken:'))).toEqual([]);
    // Locked, nothing is minted: the account cannot be read.
    await t.service.lock();
    await expect(live().accessToken(sfdxId)).rejects.toThrow();
  });

  it('is minted again once when the org no longer takes it, and the org opens', async () => {
    const { token } = await live().accessToken(sfdxId);
    // The session ended at Salesforce (logged out, or its timeout): the kept token is refused there.
    const store = createLiveStore(area, () => clock.now);
    const from = (await area.get(`liveToken:${sfdxId}`)) as { from: string };
    await store.remember(sfdxId, {}, {}, { from: from.from, minted: { ...token, accessToken: `${token.accessToken}-ended` } });
    const { url } = await live().openOrg(sfdxId);
    expect(url).toMatch(/^https:\/\/acme\.my\.salesforce\.com\/secur\/frontdoor\.jsp\?otp=/);
    expect(standin.seen.map((s) => `${s.path}${s.error ? ` ${s.error}` : ''}`)).toEqual([
      '/services/oauth2/token',
      '/services/oauth2/singleaccess INVALID_SESSION_ID',
      '/services/oauth2/token',
      '/services/oauth2/singleaccess',
    ]);
  });

  it('sends nothing to a host the browser has not allowed', async () => {
    denied.push('https://acme.my.salesforce.com');
    await expect(live().openOrg(oauthId)).rejects.toThrow('Tokenkeep may not reach acme.my.salesforce.com yet.');
    expect(standin.seen).toEqual([]);
  });
});

describe('Check', () => {
  it('says who the token is for, and keeps it for the list', async () => {
    expect(await live().check(oauthId)).toEqual({ ok: true, at: clock.now, orgId: '00D5e000000AcmePRD', username: 'jane@acme.com' });
    expect((await live().statuses())[oauthId]).toMatchObject({ instanceUrl: 'https://acme.my.salesforce.com', check: { ok: true } });
  });

  it('turns a revoked refresh token into its sentence, flags the account, and leaves the vault as it was', async () => {
    const before = await t.service.allAccounts();
    changes = 0;
    delete APP.refreshTokens[REFRESH];
    const check = await live().check(sfdxId);
    expect(check).toEqual({
      ok: false,
      at: clock.now,
      message: 'The refresh token was revoked or has expired: log in again (sf org login web), then save the new SFDX auth URL. (invalid_grant)',
    });
    expect((await live().statuses())[sfdxId]?.check).toEqual(check);
    expect(await t.service.allAccounts()).toEqual(before);
    expect(changes).toBe(0);
  });

  it('leaves a missing permission to the user: it is not a failed check', async () => {
    denied.push('https://acme.my.salesforce.com');
    await expect(live().check(oauthId)).rejects.toThrow('may not reach');
    expect((await live().statuses())[oauthId]?.check).toBeUndefined();
  });
});
