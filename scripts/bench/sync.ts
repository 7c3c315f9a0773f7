/**
 * sync.bytesPerAccount: a typical Salesforce account (username, password,
 * token, three earlier tokens, two sites) as one storage.sync item, key and
 * value, counted as the browsers count the quota.
 * sync.accountsInQuota: how many such accounts fit in 102,400 bytes.
 * sync.applyMs: opening 300 incoming items and planning their merge into a
 * vault that holds the same 300 accounts, median of runs.
 * sync.baselineMs: AES-GCM decryption of the same 300 sealed items alone, in
 * the same run: what applying cannot do without.
 */
import { openItem, quotaBytes, sealItem } from '../../utils/sync/items';
import { planMerge } from '../../utils/sync/merge';
import type { Account } from '../../utils/vault/account';
import { importAesKey, open, randomBytes } from '../../utils/vault/crypto';
import { median, round, type Figure } from './report';
import salesforceKind from '../../utils/kinds/salesforce.kind';

const QUOTA = 102_400;
const ACCOUNTS = 300;
const RUNS = 9;

/** Secrets as Salesforce makes them: letters and digits, different in every account. */
const secret = (seed: number, length: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = seed * 2654435761;
  return Array.from({ length }, () => chars[(x = (x * 1103515245 + 12345) >>> 0) % 62]).join('');
};

function typical(i: number): Account {
  const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000 + i * 3_700_000).toISOString();
  const issued = [day(10), day(40), day(70), day(100)];
  return {
    schema: 3,
    id: crypto.randomUUID(),
    kind: salesforceKind.name,
    label: `integration.user${i}@acme.com`,
    fields: {
      username: `integration.user${i}@acme.com`,
      password: `Pw!${secret(i, 12)}`,
      token: secret(i + 1e6, 25),
      environment: 'production',
      loginUrl: 'https://login.salesforce.com',
    },
    sites: ['https://login.salesforce.com', `https://acme${i}.my.salesforce.com`],
    history: [2, 1, 0].map((n) => ({ field: 'token', value: secret(i * 10 + n, 25), issuedAt: issued[n]!, supersededAt: issued[n + 1]! })),
    issuedAt: issued[3],
    createdAt: day(5),
    updatedAt: issued[3]!,
  };
}

export async function benchSync(): Promise<Figure[]> {
  const key = await importAesKey(randomBytes(32));
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => typical(i));
  const items = await Promise.all(accounts.map((account) => sealItem(key, { id: account.id, version: 2, writer: 'there', account })));
  const bytes = median(items.map((item) => quotaBytes(item.key, item.value)));
  const inQuota = Math.floor(QUOTA / bytes);

  const local = new Map(accounts.map((a) => [a.id, a]));
  const synced = new Map(accounts.map((a) => [a.id, { version: 1, writer: 'here', updatedAt: a.updatedAt }]));
  const apply: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    const remote = await Promise.all(items.map((item) => openItem(key, item.key, item.value)));
    planMerge({ local, deleted: new Map(), synced, remote, bases: local, vouched: new Map(), writer: 'here', now: new Date().toISOString() });
    apply.push(performance.now() - start);
    start = performance.now();
    await Promise.all(items.map(async () => open(key, { iv: randomBytes(12), ct: randomBytes(240) }, 'x').catch(() => undefined)));
    baseline.push(performance.now() - start);
  }
  const applyMs = median(apply);
  const baselineMs = median(baseline);
  return [
    { key: 'sync.bytesPerAccount', value: bytes, unit: 'B' },
    { key: 'sync.accountsInQuota', value: inQuota, unit: 'accounts', target: '≥ 300', pass: inQuota >= 300 },
    { key: 'sync.applyMs', value: round(applyMs, 1), unit: `ms (${ACCOUNTS} accounts)` },
    { key: 'sync.baselineMs', value: round(baselineMs, 1), unit: 'ms' },
    { key: 'sync.applyToBaselineRatio', value: round(applyMs / baselineMs, 1), unit: '×' },
  ];
}
