/** Accounts the e2e tests save through the protocol, as the popup's edit form would send them. */
import { readFileSync } from 'node:fs';
import { inputFromFlat } from '../../../utils/vault/flat';

export const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';

/** A Salesforce account, written flat: fields and account keys side by side. */
export function salesforceAccount(changes: Record<string, unknown> = {}) {
  return inputFromFlat({
    kind: 'salesforce',
    label: 'Acme prod',
    username: 'integration@acme.com',
    password: 'Pa55-word!',
    token: TOKEN,
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    // The login hosts a new account lists, and the org's own My Domain, as after a first fill there.
    sites: ['https://login.salesforce.com', 'https://test.salesforce.com', 'https://acme.my.salesforce.com'],
    ...changes,
  });
}

/** A sandbox of the same org, its own login: where a new account of its environment signs in, test.salesforce.com, and nowhere else. */
export function sandboxAccount(changes: Record<string, unknown> = {}) {
  return salesforceAccount({
    label: 'Acme UAT',
    username: 'integration@acme.com.uat',
    password: 'Uat-pa55!',
    token: 'Uat4Ab7Cd0Ef3Gh6Ij9Kl2M',
    environment: 'sandbox',
    loginUrl: 'https://test.salesforce.com',
    sites: undefined,
    ...changes,
  });
}

const pem = (name: string) => readFileSync(new URL(`../../fixtures/kinds/${name}`, import.meta.url), 'utf8');

/** A line from the middle of the fixture key: if any of the key were on disk in plain text, this would be. */
export const PRIVATE_KEY_LINE = pem('jwt-key.pem').split('\n')[5]!;

/** One account of each kind that outlives login(), with the secrets the profile scan looks for. */
export const NEW_KIND_SECRETS = { clientSecret: 'Oauth-secret-On-disk-4Tq', refreshToken: '5AepRefreshOnDisk7Yx', totp: 'KRSXG5CTMVRXEZLUKN2XAZLS' };

export const newKindAccounts = () => [
  inputFromFlat({
    kind: 'salesforce-oauth',
    label: 'Disk OAuth',
    clientId: '3MVG9DiskCheck_x',
    clientSecret: NEW_KIND_SECRETS.clientSecret,
    myDomain: 'https://disk.my.salesforce.com',
    sites: [],
  }),
  inputFromFlat({
    kind: 'salesforce-jwt',
    label: 'Disk JWT',
    clientId: '3MVG9DiskCheck_y',
    username: 'jwt.disk@acme.example.com',
    loginUrl: 'https://login.salesforce.com',
    privateKey: pem('jwt-key.pem'),
    certificate: pem('jwt-cert.pem'),
    sites: [],
  }),
  inputFromFlat({
    kind: 'salesforce-sfdx-url',
    label: 'Disk SFDX',
    sfdxUrl: `force://PlatformCLI::${NEW_KIND_SECRETS.refreshToken}@disk.my.salesforce.com`,
    sites: [],
  }),
  inputFromFlat({ kind: 'salesforce', label: 'Disk MFA', username: 'mfa.disk@acme.example.com', password: 'Mfa-pass-9', totp: NEW_KIND_SECRETS.totp }),
];

/** The stored account (secrets included, as the edit form loads it) with this label, through the protocol. */
export async function accountNamed(request: (message: unknown) => Promise<any>, label: string) {
  const { accounts } = (await request({ type: 'accounts.list' })) as { accounts: Array<{ id: string; label: string }> };
  const id = accounts.find((a) => a.label === label)!.id;
  return (await request({ type: 'account.get', id })).account;
}
