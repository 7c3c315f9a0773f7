/** Own from Salesforce: the token's 180 days, its region, its formats read by bash, dotenv and curl (over TLS, to a stand-in for Own's authorization server), bad input. */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parse } from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryAlarms } from '../../../utils/vault/expiry';
import { formatOf, kindOf } from '../../../utils/kinds';
import { checkFields } from '../../../utils/kinds/check';
import { curlHome, exportedAfter, runShell, SHELLS } from '../clients/route';
import { makeTestTls, type TestTls } from '../clients/tls';
import { SAMPLES } from './samples';

const own = kindOf('own')!;
const sample = SAMPLES.get('own')!;
const text = async (format: string) => (await formatOf(own, format)!.text(sample.fields, { now: 0 }))!;

describe('own from salesforce', () => {
  it('expires 180 days after the token was made, and reminds on day 166 and day 179', async () => {
    expect(await own.expiry!({ ...sample.fields, tokenCreated: '2026-01-01' })).toBe('2026-06-30');
    const alarms = expiryAlarms([{ id: 'a', expiresAt: sample.expiry }], Date.parse('2026-06-20T00:00:00Z'));
    const days = alarms.map((a) => Math.round((a.when - new Date(2026, 5, 19).getTime()) / 86_400_000));
    expect(days).toEqual([166, 179]);
  });
  it('dates a token saved without a day as made today, and keeps a day typed', async () => {
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect((await checkFields(own, { token: 't', region: 'app1' })).tokenCreated).toBe(iso);
    expect((await checkFields(own, { token: 't', region: 'app1', tokenCreated: '2026-06-19' })).tokenCreated).toBe('2026-06-19');
  });
  it('takes a new token typed over the old one as made today (the form empties its day), and keeps the day for any other change', () => {
    expect(own.follow!(sample.fields, { ...sample.fields, token: 'own-new-token' }, 'token').tokenCreated).toBeUndefined();
    expect(own.follow!(sample.fields, { ...sample.fields, region: 'app1' }, 'region').tokenCreated).toBe('2026-06-19');
    expect(own.follow!({}, { token: 'first' }, 'token')).toEqual({ token: 'first' });
  });
  it('reads the region from a pasted Own address, and refuses one that is no region', async () => {
    expect(await checkFields(own, { token: 't', region: 'https://au1.owndata.com/app/backups' })).toMatchObject({
      region: 'au1',
      apiUrl: 'https://au1.owndata.com/api/v1',
    });
    expect(own.fields.find((f) => f.name === 'region')!.suggest!('https://emea1.owndata.com/x')).toBe('emea1');
    await expect(checkFields(own, { token: 't', region: 'owndata.com' })).rejects.toThrow(/first part of your Own address/);
    await expect(checkFields(own, { region: 'app1' })).rejects.toThrow();
  });
  it('writes the env block bash exports and the .env file dotenv reads, with the name the public Python client reads the token by', async () => {
    expect(await exportedAfter('bash', await text('env'))).toMatchObject({
      OWN_ACCESS_TOKEN: sample.fields.token,
      OWN_API_URL: 'https://emea1.owndata.com/api/v1',
    });
    expect(parse(await text('dotenv'))).toEqual({ OWN_ACCESS_TOKEN: sample.fields.token, OWN_API_URL: 'https://emea1.owndata.com/api/v1' });
  });
});

describe('own from salesforce: the Bearer token request, run by curl', () => {
  let tls: TestTls;
  let server: Server;
  // A token with what a shell or a form body would mangle if it were not quoted and encoded.
  const TOKEN = `own'tok en&x=1$HOME`;
  beforeAll(async () => {
    tls = await makeTestTls(['auth.owndata.com']);
    // What Own's authorization server checks, as the public clients send it: the path, a form body with these four fields, JSON accepted.
    server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        const ok =
          req.method === 'POST' &&
          req.url === '/oauth2/aus4c3z3l8FqrbqDU4h7/v1/token' &&
          req.headers['content-type'] === 'application/x-www-form-urlencoded' &&
          req.headers.accept === 'application/json' &&
          JSON.stringify(form) ===
            JSON.stringify({ grant_type: 'refresh_token', scope: 'api:access', refresh_token: TOKEN, client_id: '0oa4c413eq8wwcEzP4h7' });
        res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok ? { token_type: 'Bearer', expires_in: 3600, access_token: 'eyJ.bearer.x', scope: 'api:access' } : { error: 'invalid_grant', got: form },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

  it.each(SHELLS)('gets a Bearer token from Own, pasted into %s', async (shell) => {
    const command = await formatOf(own, 'curl-exchange')!.text({ ...sample.fields, token: TOKEN }, { now: 0 });
    const curl = curlHome({ port: (server.address() as AddressInfo).port, tls });
    try {
      const run = await runShell(shell, command!, curl.env);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ token_type: 'Bearer', access_token: 'eyJ.bearer.x' });
    } finally {
      curl.remove();
    }
  });
});
