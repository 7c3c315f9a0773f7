/** Skytap: recognition of a pasted config, every format read by its real reader (curl over TLS, bash, dotenv), expiry, bad input. */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parse } from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOf, kindOf, recognise } from '../../../utils/kinds';
import { checkFields } from '../../../utils/kinds/check';
import { curlHome, exportedAfter, runShell } from '../clients/route';
import { makeTestTls, type TestTls } from '../clients/tls';
import { SAMPLES } from './samples';

const skytap = kindOf('skytap')!;
const sample = SAMPLES.get('skytap')!;
const text = async (format: string, fields = sample.fields) => (await formatOf(skytap, format)!.text(fields, { now: 0 }))!;

describe('skytap: what a user pastes', () => {
  it('takes an env block, a .env file or a copied curl call, and nothing without both parts', () => {
    expect(recognise('SKYTAP_USER=\'jane@acme.com\'\nSKYTAP_TOKEN="abc123"')).toEqual({ kind: skytap, fields: { username: 'jane@acme.com', token: 'abc123' } });
    expect(recognise("curl -u 'jane@acme.com:abc123' -H 'Accept: application/json' https://cloud.skytap.com/v2/configurations")?.fields).toEqual({
      username: 'jane@acme.com',
      token: 'abc123',
    });
    expect(recognise('SKYTAP_USER=jane@acme.com')?.kind.name).not.toBe('skytap');
    expect(recognise('curl -u jane:abc https://api.example.com')?.kind.name).not.toBe('skytap');
  });
  it('refuses an account with neither token nor password, and a lifetime outside 1 to 365 days', async () => {
    await expect(checkFields(skytap, { username: 'jane@acme.com' })).rejects.toThrow(/needs its API token/);
    await expect(checkFields(skytap, { username: 'jane@acme.com', token: 't', tokenDays: '400' })).rejects.toThrow(/1 to 365 days/);
    await expect(checkFields(skytap, { username: 'jane@acme.com', token: 't', tokenCreated: '2026-02-30' })).rejects.toThrow(/year-month-day/);
  });
});

describe('skytap: two tokens and their expiry', () => {
  it('expires the admin’s number of days after the token was made, and not at all without a lifetime', async () => {
    expect(await skytap.expiry!({ ...sample.fields, tokenCreated: '2026-12-06', tokenDays: '1' })).toBe('2026-12-07');
    expect(await skytap.expiry!({ ...sample.fields, tokenDays: '365', tokenCreated: '2027-03-01' })).toBe('2028-02-29');
    expect(await skytap.expiry!({ username: 'u', token: 't' })).toBeUndefined();
  });
  it('makes the second token current when it is moved into the current one, and keeps it apart otherwise', async () => {
    const moved = skytap.follow!(sample.fields, { ...sample.fields, token: sample.fields.nextToken! }, 'token');
    expect(moved).toEqual({ username: 'jane@acme.com', token: sample.fields.nextToken, tokenDays: '90' });
    expect((await checkFields(skytap, { ...sample.fields, token: sample.fields.nextToken! })).nextToken).toBeUndefined();
    expect(await text('auth-header')).not.toContain(Buffer.from(sample.fields.nextToken!).toString('base64'));
  });
  it('signs in with the password where there is no token', async () => {
    expect(await text('auth-header', { username: 'jane@acme.com', password: 'pw:1' })).toBe(
      `Authorization: Basic ${Buffer.from('jane@acme.com:pw:1').toString('base64')}`,
    );
  });
});

describe('skytap: formats, read by their readers', () => {
  let tls: TestTls;
  let server: Server;
  const seen: Array<{ authorization?: string; accept?: string; path?: string }> = [];
  beforeAll(async () => {
    tls = await makeTestTls(['cloud.skytap.com']);
    // What Skytap checks: Basic auth with the user name and token, and a JSON Accept header (without it, Skytap answers XML).
    server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      seen.push({ authorization: req.headers.authorization, accept: req.headers.accept, path: req.url });
      const ok = req.headers.authorization === `Basic ${Buffer.from(`${sample.fields.username}:${sample.fields.token}`).toString('base64')}`;
      if (!ok) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      if (req.headers.accept !== 'application/json') return void res.writeHead(406).end('<error/>');
      res.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":"1","name":"Training"}]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

  it('gives curl a call that Skytap answers, over TLS to cloud.skytap.com', async () => {
    const curl = curlHome({ port: (server.address() as AddressInfo).port, tls });
    try {
      const run = await runShell('bash', await text('curl'), curl.env);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual([{ id: '1', name: 'Training' }]);
      expect(seen.at(-1)).toMatchObject({ accept: 'application/json', path: '/v2/configurations' });
    } finally {
      curl.remove();
    }
  });
  it('writes the env block bash exports and the .env file dotenv reads, with the Python client’s names', async () => {
    expect(await exportedAfter('bash', await text('env'))).toMatchObject({ SKYTAP_USER: 'jane@acme.com', SKYTAP_TOKEN: sample.fields.token });
    expect(parse(await text('dotenv'))).toEqual({ SKYTAP_USER: 'jane@acme.com', SKYTAP_TOKEN: sample.fields.token });
  });
});
