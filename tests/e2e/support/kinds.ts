/** Values the new-kind e2e tests paste and expect, the same in both browsers. */
import { readFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { totpNow } from '../../../utils/kinds/otp';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/kinds/${name}`, import.meta.url), 'utf8');

export const SFDX_URL = 'force://PlatformCLI::5Aep861E2eRefreshToken_x.ZA@acme--uat.sandbox.my.salesforce.com';
export const OAUTH = { clientId: '3MVG9E2eConsumerKey_abc.DEF', clientSecret: 'E2e-consumer-secret-42', myDomain: 'https://acme.my.salesforce.com' };
export const OAUTH_ENV = `export SF_CLIENT_ID=${OAUTH.clientId}\nexport SF_CLIENT_SECRET=${OAUTH.clientSecret}\nexport SF_MY_DOMAIN_URL=${OAUTH.myDomain}`;
export const JWT = { clientId: '3MVG9E2eJwtKey_xyz', username: 'ci@acme.com', privateKey: fixture('jwt-key.pem'), certificate: fixture('jwt-cert.pem') };
/** A key that belongs to no certificate here. */
export const OTHER_KEY = fixture('other-key.pem');
export const JWT_COMMAND = `sf org login jwt --client-id ${JWT.clientId} --jwt-key-file server.key --username ${JWT.username} --instance-url https://login.salesforce.com`;
export const TOTP_SECRET = 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TFOQ';
export const OTPAUTH = `otpauth://totp/Salesforce:mfa.user%40acme.com?secret=${TOTP_SECRET}&issuer=Salesforce`;
/** Another app's consumer key, for the fill test: one OAuth account per app. */
export const OAUTH_FILL = { clientId: '3MVG9E2eFillConsumerKey_xy', clientSecret: 'E2e-fill-secret-7', myDomain: 'https://acme.my.salesforce.com' };

/** The codes a TOTP secret gives around now: a copy made as the period turns over is one of them. */
export const codesAround = (now = Date.now()) => [-30_000, 0, 30_000].map((d) => totpNow(TOTP_SECRET, now + d).code);

/** The authenticator link for a Salesforce user, as its MFA setup page encodes it. */
export const otpauthFor = (username: string) => `otpauth://totp/Salesforce:${encodeURIComponent(username)}?secret=${TOTP_SECRET}&issuer=Salesforce`;

/** A Salesforce MFA setup page that shows the authenticator QR code for `username`, as the real one does. */
export async function mfaSetupPage(username = 'scan.user@acme.com'): Promise<string> {
  const qr = await QRCode.toDataURL(otpauthFor(username), { margin: 4, scale: 6 });
  return `<!doctype html><html><head><title>Connect an Authenticator App</title></head><body style="background:#fff">
<h1>Connect an Authenticator App</h1><p>Scan the QR code with the app.</p><img alt="QR code" src="${qr}"></body></html>`;
}

/** A connector's settings page with the client credentials fields (the oauth-settings fixture). */
export const oauthSettingsPage = () => fixture('../forms/oauth-settings.html');
export const codePage = () => fixture('../forms/twofa-code.html');

/** Skytap's env block as a user has it in a script, the account it becomes, and the header its API takes. */
export const SKYTAP = { username: 'lab.admin@acme.com', token: '3f2a9c4b7d1e8f60a5b4c3d2e1f0a9b8c7d6e5f4' };
export const SKYTAP_PASTE = `export SKYTAP_USER=${SKYTAP.username}\nexport SKYTAP_TOKEN=${SKYTAP.token}`;
export const SKYTAP_HEADER = `Authorization: Basic ${Buffer.from(`${SKYTAP.username}:${SKYTAP.token}`).toString('base64')}`;

/** The local calendar day `days` before today, as the form takes it: an Own token made that long ago. */
export function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A Salesforce account whose token email is lost, and the old config line that still holds password+token. */
export const RECOVER = { username: 'legacy.int@acme.com', password: 'Int3gr@tion!', token: 'bEm3dmXFLkPJ27oXViSQtnXe' };
export const RECOVER_CONFIG = `sf.password = ${RECOVER.password}${RECOVER.token}`;
