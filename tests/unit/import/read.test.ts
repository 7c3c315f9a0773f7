/**
 * Each format, read from a file made the way its tool makes it
 * (tests/fixtures/import/make.ts), and turned into accounts through the
 * kinds' recognition: what a user importing it would see in the preview.
 */
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { candidateFor } from '../../../utils/import/candidates';
import { kindOf } from '../../../utils/kinds';
import { changedAt } from '../../../utils/import/limits';
import { readImport } from '../../../utils/import/read';
import type { Candidate } from '../../../utils/import/types';
import {
  bitwardenJson,
  bitwardenProtected,
  CONSUMER_KEY,
  GITHUB_TOKEN,
  makeKdbx,
  onePasswordData,
  onePux,
  PASSWORD,
  SFDX_URL,
} from '../../fixtures/import/make';

const file = (name: string, content: string | Uint8Array) => ({ name, bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content });

async function candidates(name: string, content: string | Uint8Array, password?: string) {
  const read = await readImport(file(name, content), password);
  return { format: read.format, list: read.entries.map((e) => candidateFor(e)) };
}

/** A KDBX 4 header's KDF parameter (a VarDictionary UInt64: type 0x05, a 1-byte key, 8 bytes) set to another value in place. */
function withKdfValue(bytes: Uint8Array, key: 'M' | 'I' | 'R', value: number): Uint8Array {
  const out = bytes.slice();
  const marker = [0x05, 1, 0, 0, 0, key.charCodeAt(0), 8, 0, 0, 0];
  const at = out.findIndex((_, i) => marker.every((b, j) => out[i + j] === b));
  if (at < 0) throw new Error(`no ${key} in the header`);
  new DataView(out.buffer).setBigUint64(at + marker.length, BigInt(value), true);
  return out;
}

const by = (list: Candidate[], label: string) => {
  const found = list.find((c) => c.label === label);
  if (!found) throw new Error(`no candidate ${label} in ${list.map((c) => c.label).join(', ')}`);
  return found;
};

describe('KeePass KDBX 4 (written by kdbxweb, Argon2id)', () => {
  it('brings a Salesforce login with its token and TOTP, an SFDX URL from a custom field, and a plain login; the recycle bin stays out', async () => {
    const { format, list } = await candidates('work.kdbx', await makeKdbx(), PASSWORD);
    expect(format).toBe('KeePass KDBX');
    expect(list.map((c) => c.label).sort()).toEqual(['Acme CI org', 'Acme production', 'Team wiki']);
    const prod = by(list, 'Acme production');
    expect(prod.kind).toBe('salesforce');
    expect(prod.fields).toMatchObject({
      username: 'jane@acme.com',
      password: 'Pa55!word',
      token: 'PVmuqFRxEP0LG40WUka5vPJjG',
      environment: 'custom',
      loginUrl: 'https://acme.my.salesforce.com',
    });
    expect(prod.fields.totp).toMatch(/^otpauth:\/\/totp\//);
    expect(prod.left).toEqual([]);
    // When KeePass last changed the entry: kdbxweb stamps it as it is made, so a merge can tell a newer secret from an older one.
    expect(Date.now() - Date.parse(prod.changedAt!)).toBeLessThan(10 * 60_000);
    expect(by(list, 'Acme CI org')).toMatchObject({ kind: 'salesforce-sfdx-url', fields: { sfdxUrl: SFDX_URL } });
    const wiki = by(list, 'Team wiki');
    expect(wiki).toMatchObject({ kind: 'other', fields: { username: 'jane', password: 'wiki-pw' }, offeredSites: ['https://wiki.acme.example'], sites: [] });
  });

  it('says a wrong password (or a key file) does not open it, and refuses a key-file database without one', async () => {
    await expect(readImport(file('work.kdbx', await makeKdbx()), 'wrong')).rejects.toMatchObject({
      code: 'wrong-passphrase',
      message: expect.stringMatching(/does not open.*key file/),
    });
    await expect(readImport(file('work.kdbx', await makeKdbx({ keyFile: true })), PASSWORD)).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('refuses absurd key derivation from the header alone, before running it', async () => {
    // kdbxweb would run the KDF to write such a file, so a small one has its header's value raised, as an attacker would.
    const started = performance.now();
    const argon = withKdfValue(await makeKdbx(), 'M', 64 * 1024 ** 3);
    await expect(readImport(file('big.kdbx', argon), PASSWORD)).rejects.toThrow(/refused unread: .*Argon2 with 65,536 MiB and 2 passes/);
    const passes = withKdfValue(await makeKdbx(), 'I', 1_000_000);
    await expect(readImport(file('slow.kdbx', passes), PASSWORD)).rejects.toThrow(/refused unread: .*1 MiB and 1,000,000 passes/);
    const aes = withKdfValue(await makeKdbx({ aesRounds: 1000 }), 'R', 10_000_000_000);
    await expect(readImport(file('aes.kdbx', aes), PASSWORD)).rejects.toThrow(/refused unread: .*10,000,000,000 AES rounds/);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('reads a database handed over as a view into a larger buffer (Node’s readFileSync pools small files)', async () => {
    const inPool = Buffer.concat([Buffer.alloc(64, 7), await makeKdbx()]).subarray(64);
    expect((await readImport({ name: 'work.kdbx', bytes: inPool }, PASSWORD)).entries).toHaveLength(3);
  });

  it('says a truncated database is damaged', async () => {
    const whole = await makeKdbx();
    await expect(readImport(file('cut.kdbx', whole.slice(0, whole.length - 100)), PASSWORD)).rejects.toThrow(/damaged \(was it cut short\?\)/);
  });
});

describe('Bitwarden JSON', () => {
  it('brings logins with custom fields and TOTP, an OAuth app from its consumer key and secret, and a GitHub token in a secure note; cards stay out', async () => {
    const { format, list } = await candidates('bitwarden_export.json', bitwardenJson());
    expect(format).toBe('Bitwarden JSON');
    // The card, and the login in the trash, stay out.
    expect(list).toHaveLength(3);
    const sandbox = by(list, 'Acme sandbox');
    expect(sandbox.changedAt).toBe('2026-11-01T10:00:00.000Z');
    expect(sandbox).toMatchObject({
      kind: 'salesforce',
      fields: { username: 'jane@acme.com.uat', password: 'Sandbox!1', token: 'Xq3vLm9TzR2pW8kJ5nB7cD4fG', environment: 'sandbox' },
      notes: 'UAT',
    });
    expect(sandbox.fields.totp).toMatch(/^otpauth:/);
    expect(by(list, 'Integration app')).toMatchObject({
      kind: 'salesforce-oauth',
      fields: { clientId: CONSUMER_KEY, clientSecret: 'Sample-consumer-secret-0123456789', myDomain: 'https://acme.my.salesforce.com' },
    });
    expect(by(list, 'CI bot token')).toMatchObject({ kind: 'github', fields: { token: GITHUB_TOKEN } });
    expect(by(list, 'CI bot token').changedAt).toBeUndefined();
  });

  it('opens a password-protected export (PBKDF2 and Argon2id) and refuses a wrong password', async () => {
    const pbkdf2 = await bitwardenProtected('export pw');
    expect((await candidates('bw.json', pbkdf2, 'export pw')).list).toHaveLength(3);
    expect((await readImport(file('bw.json', pbkdf2), 'export pw')).format).toBe('Bitwarden JSON (password-protected)');
    await expect(readImport(file('bw.json', pbkdf2), 'nope')).rejects.toMatchObject({
      code: 'wrong-passphrase',
      message: expect.stringMatching(/does not open this Bitwarden export/),
    });
    await expect(readImport(file('bw.json', pbkdf2))).rejects.toMatchObject({ code: 'wrong-passphrase', message: expect.stringMatching(/password-protected/) });
    const argon = await bitwardenProtected('export pw', { kdfType: 1, kdfIterations: 2, kdfMemory: 16, kdfParallelism: 1 });
    expect((await candidates('bw.json', argon, 'export pw')).list).toHaveLength(3);
  });

  it('refuses KDF parameters outside Bitwarden’s own ranges before deriving, and a tampered ciphertext', async () => {
    const doc = JSON.parse(await bitwardenProtected('pw'));
    for (const kdf of [
      { kdfIterations: 1_000_000_000 },
      { kdfIterations: 10 },
      { kdfType: 1, kdfIterations: 2, kdfMemory: 1_000_000, kdfParallelism: 1 },
      { kdfType: 1, kdfIterations: 1000, kdfMemory: 64, kdfParallelism: 4 },
    ]) {
      const started = performance.now();
      await expect(readImport(file('bw.json', JSON.stringify({ ...doc, ...kdf })), 'pw')).rejects.toThrow(/refused unread/);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
    const [head, iv, data, mac] = doc.data.split(/[.|]/);
    const flipped = `${head}.${iv}|${data.slice(0, 10)}${data[10] === 'A' ? 'B' : 'A'}${data.slice(11)}|${mac}`;
    await expect(readImport(file('bw.json', JSON.stringify({ ...doc, data: flipped })), 'pw')).rejects.toThrow(/damaged/);
  });

  it('refuses an account-restricted export, saying how to export one it can read', async () => {
    const locked = JSON.stringify({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.a|b|c', items: [] });
    await expect(readImport(file('bw.json', locked))).rejects.toThrow(/locked to its Bitwarden account.*Password protected/);
  });
});

describe('1Password', () => {
  it('reads a 1PUX: a Salesforce login with its token and one-time password, an API Credential as Skytap; archived and trashed items and cards stay out', async () => {
    const { format, list } = await candidates('1PasswordExport.1pux', onePux());
    expect(format).toBe('1Password 1PUX');
    expect(list.map((c) => c.label).sort()).toEqual(['Acme production', 'Skytap API']);
    // updatedAt is in seconds.
    expect(by(list, 'Acme production').changedAt).toBe('2025-11-01T12:26:40.000Z');
    expect(by(list, 'Acme production')).toMatchObject({
      kind: 'salesforce',
      fields: { username: 'jane@acme.com', password: 'Pa55!word', token: 'PVmuqFRxEP0LG40WUka5vPJjG', environment: 'production' },
    });
    expect(by(list, 'Skytap API').fields).toMatchObject({ username: 'jane@acme.com', token: '2b7e151628aed2a6abf7158809cf4f3c762e7160' });
  });

  it('refuses a zip bomb: export.data is inflated no further than the size it declares, and a declared size over 50 MB is not inflated at all', async () => {
    const bomb = zipSync({ 'export.data': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(readImport(file('bomb.1pux', bomb))).rejects.toThrow(/no export.data \(or one over 50 MB\)/);
    const other = zipSync({ 'notes.txt': strToU8('hello') });
    await expect(readImport(file('x.1pux', other))).rejects.toThrow(/not a 1Password 1PUX export/);
  });

  it('reads 1Password’s CSV, leaving archived rows out', async () => {
    const csv = `Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\nAcme production,https://login.salesforce.com,jane@acme.com,Pa55!word,,false,false,,\nOld,https://x.example,old,old-pw,,false,true,,\n`;
    const { format, list } = await candidates('1password.csv', csv);
    expect(format).toBe('1Password CSV');
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'salesforce',
        label: 'Acme production',
        fields: expect.objectContaining({ username: 'jane@acme.com', password: 'Pa55!word' }),
      }),
    ]);
  });
});

describe('browser password CSVs', () => {
  it('reads Chrome’s and Edge’s export, passwords exactly as saved', async () => {
    const csv =
      'name,url,username,password,note\ntest.salesforce.com,https://test.salesforce.com/,jane@acme.com.uat," spaced pw, with comma",\nwiki,https://wiki.acme.example/login,jane,wiki-pw,team wiki\n';
    const { format, list } = await candidates('Chrome Passwords.csv', csv);
    expect(format).toBe('Chrome or Edge passwords CSV');
    expect(list[0]).toMatchObject({ kind: 'salesforce', fields: { password: ' spaced pw, with comma', environment: 'sandbox' } });
    expect(list[1]).toMatchObject({ kind: 'other', label: 'wiki', notes: 'team wiki', offeredSites: ['https://wiki.acme.example'] });
  });

  it('reads Firefox’s export', async () => {
    const csv =
      '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"\n"https://acme.my.salesforce.com","jane@acme.com","Pa55!word",,"https://acme.my.salesforce.com","{a}","1","1","1764584000000"\n';
    const { format, list } = await candidates('logins.csv', csv);
    expect(format).toBe('Firefox passwords CSV');
    expect(list[0]).toMatchObject({ kind: 'salesforce', label: 'acme.my.salesforce.com', fields: { loginUrl: 'https://acme.my.salesforce.com' } });
    // timePasswordChanged is in milliseconds.
    expect(list[0]!.changedAt).toBe('2025-12-01T10:13:20.000Z');
  });

  it('says where a truncated CSV breaks', async () => {
    await expect(readImport(file('p.csv', 'name,url,username,password,note\nwiki,https://w.example,jane,"unterminated\n'))).rejects.toThrow(
      /damaged: a quoted value never ends \(was it cut short\?\)/,
    );
  });
});

describe('ORGanizer for Salesforce', () => {
  it('reads its documented export: each login with its token, its login URL placing the environment; the orgs part stays out', async () => {
    const doc = {
      accounts: [
        {
          g: 'Acme',
          n: 'Acme UAT',
          p: 'Pa55!word',
          r: 'https://test.salesforce.com',
          s: true,
          lt: false,
          lo: false,
          lp: '/home/home.jsp',
          t: 'PVmuqFRxEP0LG40WUka5vPJjG',
          u: 'jane@acme.com.uat',
          f: true,
        },
        { n: 'Acme prod', p: 'Prod!pw', r: 'https://acme.my.salesforce.com', u: 'jane@acme.com' },
      ],
      orgs: [{ c: 'FF0000', l: 'Acme', n: 'CUSTOM-DOMAIN', oid: '00D000000000001', ql: [{ l: 'Setup', p: '/lightning/setup/SetupOneHome/home' }] }],
    };
    const { format, list } = await candidates('organizer-backup.json', JSON.stringify(doc));
    expect(format).toBe('ORGanizer JSON');
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'salesforce',
        label: 'Acme UAT',
        notes: 'ORGanizer group: Acme',
        fields: expect.objectContaining({ username: 'jane@acme.com.uat', password: 'Pa55!word', token: 'PVmuqFRxEP0LG40WUka5vPJjG', environment: 'sandbox' }),
      }),
      expect.objectContaining({
        kind: 'salesforce',
        label: 'Acme prod',
        fields: expect.objectContaining({ environment: 'custom', loginUrl: 'https://acme.my.salesforce.com' }),
      }),
    ]);
  });
});

describe('.env files (read by dotenv)', () => {
  it('maps the variables kinds read to their accounts, and keeps every other variable’s name', async () => {
    const env = [
      '# Acme integration',
      'SF_USERNAME=jane@acme.com',
      'SF_PASSWORD="Pa55!word"',
      'SF_SECURITY_TOKEN=PVmuqFRxEP0LG40WUka5vPJjG',
      `SFDX_AUTH_URL=${SFDX_URL}`,
      'SKYTAP_USER=jane@acme.com',
      'SKYTAP_TOKEN=2b7e151628aed2a6abf7158809cf4f3c762e7160',
      `DEPLOY_BOT=${GITHUB_TOKEN}`,
      'WEBHOOK_SECRET=whsec_123',
      'PORT=3000',
    ].join('\n');
    const { format, list } = await candidates('.env', env);
    expect(format).toBe('.env file');
    const kinds = Object.fromEntries(list.map((c) => [c.label, c.kind]));
    expect(kinds).toMatchObject({
      'SF_USERNAME, SF_PASSWORD, SF_SECURITY_TOKEN': 'salesforce',
      SFDX_AUTH_URL: 'salesforce-sfdx-url',
      DEPLOY_BOT: 'github',
      WEBHOOK_SECRET: 'other',
      PORT: 'other',
    });
    expect(list.find((c) => c.kind === 'skytap')?.fields).toEqual({ username: 'jane@acme.com', token: '2b7e151628aed2a6abf7158809cf4f3c762e7160' });
    expect(by(list, 'SF_USERNAME, SF_PASSWORD, SF_SECURITY_TOKEN').fields).toMatchObject({ password: 'Pa55!word' });
    expect(by(list, 'WEBHOOK_SECRET')).toMatchObject({ fields: { token: 'whsec_123' } });
    expect(by(list, 'WEBHOOK_SECRET').doubtful).toBeUndefined();
    expect(by(list, 'PORT').doubtful).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses an unknown format, naming the ones it reads', async () => {
    await expect(readImport(file('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])))).rejects.toThrow(
      /cannot tell what photo.png is. It reads a Bitwarden/,
    );
    await expect(readImport(file('x.json', '{"hello": 1}'))).rejects.toThrow(/cannot tell what x.json is/);
  });

  it('refuses a file over 50 MB, deeply nested JSON, truncated JSON and a million entries, each quickly', async () => {
    const started = performance.now();
    await expect(readImport(file('huge.json', new Uint8Array(50 * 1024 * 1024 + 1)))).rejects.toThrow(/over 50 MB/);
    await expect(readImport(file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000)))).rejects.toThrow(/nested deeper/);
    await expect(readImport(file('cut.json', bitwardenJson().slice(0, 300)))).rejects.toThrow(/not complete JSON \(was it cut short\?\)/);
    const million = JSON.stringify({ encrypted: false, items: Array.from({ length: 1_000_000 }, () => 0) });
    await expect(readImport(file('million.json', million))).rejects.toThrow(/1,000,000 entries, more than the 10,000/);
    const rows = 'name,url,username,password,note\n' + 'a,https://a.example,u,p,\n'.repeat(1_000_000);
    await expect(readImport(file('million.csv', rows))).rejects.toThrow(/more than the 10,000/);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('says an entry with no secret cannot be imported', async () => {
    const csv = 'name,url,username,password,note\nno secret,https://x.example,jane,,\n';
    const { list } = await candidates('p.csv', csv);
    expect(list[0]!.problem).toBe('It holds no password, token or key.');
  });
});

describe('recognition, wherever a tool kept the value', () => {
  it('takes an SFDX URL from a custom field even with a password beside it, and from a secure note, which then keeps no copy as notes', () => {
    const withPassword = candidateFor({ title: 'CI', username: 'ci-bot', password: 'not-the-url', urls: [], extra: [{ name: 'auth', value: SFDX_URL }] });
    expect(withPassword).toMatchObject({ kind: 'salesforce-sfdx-url', fields: { sfdxUrl: SFDX_URL }, left: ['username', 'password'] });
    const note = candidateFor({ title: 'CI note', urls: [], extra: [], notes: SFDX_URL });
    expect(note).toMatchObject({ kind: 'salesforce-sfdx-url', fields: { sfdxUrl: SFDX_URL }, notes: '' });
  });

  it('changes kind on request, keeping what the new kind has fields for and naming the rest', () => {
    const entry = { title: 'Wiki', username: 'jane', password: 'pw', urls: ['https://wiki.acme.example'], extra: [{ name: 'Recovery code', value: 'abc' }] };
    expect(candidateFor(entry)).toMatchObject({ kind: 'other', fields: { username: 'jane', password: 'pw', token: 'abc' }, left: [] });
    const asGithub = candidateFor(entry, kindOf('github'));
    expect(asGithub).toMatchObject({ kind: 'github', fields: { username: 'jane', password: 'pw', token: 'abc' } });
  });
});

describe('the dates exports give', () => {
  it('keeps an item whose date or trash flag is of another shape, without a date', async () => {
    const login = { username: 'jane', password: 'pw' };
    const odd = JSON.stringify({ encrypted: false, items: [{ type: 1, name: 'Wiki', login, revisionDate: { at: 1 }, deletedDate: false }] });
    expect((await candidates('odd.json', odd)).list).toEqual([expect.not.objectContaining({ changedAt: expect.anything() })]);
    const data = onePasswordData();
    Object.assign(data.accounts[0]!.vaults[0]!.items[0]!, { updatedAt: '1762000000', trashed: 'no' });
    const { list } = await candidates('odd.1pux', onePux(data));
    expect(by(list, 'Acme production')).not.toHaveProperty('changedAt');
  });

  it('takes ISO text, milliseconds and Dates; what is not a date, zero and a year past 9999 are no date', () => {
    expect(changedAt('2026-11-01T10:00:00.000Z')).toEqual({ changedAt: '2026-11-01T10:00:00.000Z' });
    expect(changedAt('2026-11-01T11:00:00+01:00')).toEqual({ changedAt: '2026-11-01T10:00:00.000Z' });
    expect(changedAt('1764584000000')).toEqual({ changedAt: '2025-12-01T10:13:20.000Z' });
    expect(changedAt(new Date(Date.UTC(2026, 0, 2)))).toEqual({ changedAt: '2026-01-02T00:00:00.000Z' });
    for (const none of [undefined, null, '', 'yesterday', '0', 0, -5, 8.64e15, Number.NaN, {}, new Date(Number.NaN)]) expect(changedAt(none)).toEqual({});
  });
});
