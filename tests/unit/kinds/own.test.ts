/** Own from Salesforce: the token's 180 days, its region, its formats read by bash and dotenv, bad input. */
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { expiryAlarms } from '../../../utils/expiry';
import { formatOf, kindOf } from '../../../utils/kinds';
import { checkFields } from '../../../utils/kinds/check';
import { exportedAfter } from '../clients/route';
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
    expect(await checkFields(own, { token: 't', region: 'https://au1.owndata.com/app/backups' })).toMatchObject({ region: 'au1', apiUrl: 'https://au1.owndata.com' });
    expect(own.fields.find((f) => f.name === 'region')!.suggest!('https://emea1.owndata.com/x')).toBe('emea1');
    await expect(checkFields(own, { token: 't', region: 'owndata.com' })).rejects.toThrow(/first part of your Own address/);
    await expect(checkFields(own, { region: 'app1' })).rejects.toThrow();
  });
  it('writes the env block bash exports and the .env file dotenv reads', async () => {
    expect(await exportedAfter('bash', await text('env'))).toMatchObject({ OWN_API_TOKEN: sample.fields.token, OWN_API_URL: 'https://emea1.owndata.com' });
    expect(parse(await text('dotenv'))).toEqual({ OWN_API_TOKEN: sample.fields.token, OWN_API_URL: 'https://emea1.owndata.com' });
  });
  it('offers no token exchange: its request is not confirmed in any public source', () => {
    expect(own.formats.map((f) => f.name)).toEqual(['token', 'env', 'dotenv']);
  });
});
