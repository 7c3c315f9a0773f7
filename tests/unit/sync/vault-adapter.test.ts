import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputFromFlat } from '../../../utils/vault/flat';
import { openItem, sealItem } from '../../../utils/sync/items';
import { largeSecrets } from '../../../utils/sync/large-secrets';
import { PASS, testVault } from '../vault/helpers';

const pem = (name: string) => readFileSync(new URL(`../../fixtures/kinds/${name}`, import.meta.url), 'utf8');

describe('large secrets and sync', () => {
  it('keep a JWT account’s private key and certificate on this browser unless the account is ticked to sync them, and the tick travels', async () => {
    const t = testVault();
    await t.service.setup(PASS);
    const flat = {
      kind: 'salesforce-jwt',
      label: 'CI deploy',
      clientId: '3MVG9TickSync_x',
      username: 'ci@acme.com',
      loginUrl: 'https://login.salesforce.com',
      privateKey: pem('jwt-key.pem'),
      certificate: pem('jwt-cert.pem'),
      sites: [],
    };
    const plain = await t.service.saveAccount(inputFromFlat(flat));
    expect([...largeSecrets(plain)].sort()).toEqual(['certificate', 'privateKey']);
    const ticked = await t.service.saveAccount({ ...inputFromFlat({ ...flat, id: plain.id }), syncLargeSecrets: true });
    expect(ticked.syncLargeSecrets).toBe(true);
    expect([...largeSecrets(ticked)]).toEqual([]);
    // An edit that does not say keeps the choice.
    expect((await t.service.saveAccount(inputFromFlat({ ...flat, id: plain.id, label: 'CI deploy (prod)' }))).syncLargeSecrets).toBe(true);

    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const item = await sealItem(key, { id: ticked.id, version: 1, writer: 'w', account: ticked }, largeSecrets(ticked));
    const { account } = await openItem(key, item.key, item.value);
    expect(account!.fields.privateKey).toBe(flat.privateKey);
    expect(account!.syncLargeSecrets).toBe(true);
    expect(largeSecrets({ ...plain, kind: 'salesforce' })).toEqual(new Set());
  });
});
