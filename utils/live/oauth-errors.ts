/**
 * Salesforce's OAuth errors as sentences that say what to do. The codes are
 * RFC 6749's and Salesforce's ("OAuth 2.0 Token Endpoint Errors" in
 * Salesforce Help); invalid_grant covers several causes, told apart by the
 * description Salesforce sends with it. The server's own words appear only
 * for a cause not listed here, cut short and stripped of control characters.
 */

/** The server's description, safe to show: no control characters, at most 200 characters. */
const shown = (text: string) =>
  text
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .trim()
    .slice(0, 200);

const INVALID_GRANT: ReadonlyArray<readonly [RegExp, (grant: string) => string]> = [
  [
    /refresh token|expired access\/refresh|token.*(revoked|expired)/i,
    () => 'The refresh token was revoked or has expired: log in again (sf org login web), then save the new SFDX auth URL.',
  ],
  [
    /approved|pre-?authori[sz]/i,
    () => 'This user is not approved for the app: an admin pre-authorizes them (the app’s profiles or permission sets), or the user approves the app once.',
  ],
  [/\bip\b|restricted|login hours/i, () => 'Salesforce refused a login from here or at this hour: the user’s IP ranges or login hours do not allow it.'],
  [
    /audience/i,
    () =>
      'The assertion’s audience does not fit this org: use https://test.salesforce.com as the login URL for a sandbox, https://login.salesforce.com otherwise.',
  ],
  [/not supported on this domain/i, () => 'This flow runs only at the org’s own My Domain: use https://yourorg.my.salesforce.com.'],
  [/expiration|\bexp\b/i, () => 'Salesforce refused the assertion’s expiry time: check that this computer’s clock is right.'],
  [
    /assertion|signature|certificate/i,
    () =>
      'Salesforce refused the signed assertion: the certificate uploaded to the app does not belong to this private key, or the consumer key is another app’s.',
  ],
  [/client credentials user|run.?as/i, () => 'The app has no Run As user for the client credentials flow: pick one in the app’s OAuth policies.'],
  [/inactive|locked|frozen/i, () => 'The user is inactive, frozen or locked out: an admin can check it under Setup › Users.'],
];

/** What an OAuth error means for the user, in a sentence ending with what to do, and the code in brackets for a search. */
export function oauthErrorSentence(error: string, description: string, grant: string): string {
  const code = shown(error).slice(0, 60);
  const sentence = (() => {
    switch (code) {
      case 'invalid_client_id':
        return 'Salesforce does not know this consumer key (or client id): copy it again from the app, and check that the app is in this org.';
      case 'invalid_client':
        return 'Salesforce refused the consumer key or secret: copy them again from the app’s settings (an External Client App shows a new secret when it is rotated).';
      case 'unsupported_grant_type':
        return grant === 'client credentials'
          ? 'This app does not allow the client credentials flow: turn on “Enable Client Credentials Flow” in its OAuth settings, and pick a Run As user.'
          : `This app does not allow the ${grant} flow: turn it on in the app’s OAuth settings.`;
      case 'invalid_app_access':
        return 'This user may not use the app: an admin gives them access (the app’s profiles or permission sets).';
      case 'invalid_grant':
        return (
          INVALID_GRANT.find(([test]) => test.test(description))?.[1](grant) ?? `Salesforce refused the ${grant}: “${shown(description) || 'no reason given'}”.`
        );
      case 'invalid_request':
        return `Salesforce found the ${grant} request malformed: “${shown(description) || 'no reason given'}”.`;
      default:
        return `Salesforce refused the ${grant}: “${shown(description) || code || 'no reason given'}”.`;
    }
  })();
  return code ? `${sentence} (${code})` : sentence;
}
