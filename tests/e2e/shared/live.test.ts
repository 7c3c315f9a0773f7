/**
 * Live credentials, end to end, in Chromium and in Firefox alike: the
 * extension's own fetch mints access tokens from the stand-in
 * (../support/live-site.ts, real TLS on 127.0.0.1 reached by Salesforce's
 * host names through a proxy), after the browser's prompt for that host
 * alone. "Open org" opens the single-use frontdoor page; "Check" says in
 * words what Salesforce refused and leaves the vault as it was; an answer
 * naming a host outside Salesforce is refused before the token goes there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBMAIL_MATCHES } from '../../../utils/webmail/hosts';
import type { Running, Tab } from '../support/driver';
import { driver } from '../support/drivers';
import { ACME_HOST, LIAR_HOST, LIAR_INSTANCE, liveAccounts, startLiveSite, type LiveSite } from '../support/live-site';
import { popupWith, requestOk } from '../support/steps';
import { standinFetch } from '../../unit/clients/route';

const browser = await driver();
let site: LiveSite;
let b: Running;
let popup: Tab;

beforeAll(async () => {
  site = await startLiveSite();
  b = await browser.start({ uses: { permissionPrompts: true }, standIn: { proxy: site.proxy, spki: site.spki } });
  popup = await popupWith(b, [liveAccounts.oauth, liveAccounts.sfdx, liveAccounts.liar]);
});
afterAll(async () => {
  await b?.close();
  await site?.close();
});

const granted = (origin: string) => () => popup.evaluate((o) => chrome.permissions.contains({ origins: [`${o}/*`] }), origin);

/** Chooses an item of the account's menu, answering the browser's question about the host where it asks. */
async function choose(account: string, item: string, host: string) {
  const ask = async () => {
    await popup.click({ role: 'button', name: `More for ${account}` });
    await popup.click({ role: 'menuitem', name: item });
  };
  await popup.allowPermission({
    ask,
    granted: granted(`https://${host}`),
    askAgain: async () => {
      if ((await popup.text()).includes(`may not reach ${host} yet`)) await ask();
    },
  });
}

/** The org's tab, once its page has loaded: its title and address. */
const orgTab = () =>
  popup.evaluate(async (host) => {
    const [tab] = await chrome.tabs.query({ url: `https://${host}/*` });
    return tab && tab.status === 'complete' ? { title: tab.title, url: tab.url, groupId: tab.groupId } : undefined;
  }, ACME_HOST);

/** Closes the org's tabs, so the popup's page is the one shown again (a page in a background tab draws no frames). */
const closeOrgTabs = () =>
  popup.evaluate(async (host) => {
    for (const tab of await chrome.tabs.query({ url: `https://${host}/*` })) await chrome.tabs.remove(tab.id!);
  }, ACME_HOST);

describe(`live credentials in ${browser.name}`, () => {
  it('live: an OAuth app mints a token in the extension, and Open org opens the single-use frontdoor page, logged in, in the account’s colour', async () => {
    site.standin.seen.length = 0;
    await choose('Acme production', 'Open org', ACME_HOST);
    await popup.showsText(`Opened ${ACME_HOST} for Acme production.`);
    await expect.poll(orgTab).toMatchObject({ title: 'Home | Salesforce', url: expect.stringMatching(/\/secur\/frontdoor\.jsp\?otp=/) });
    // What Salesforce saw: the client credentials at the My Domain, the token on singleaccess, and the one-time page.
    const seen = site.standin.seen.filter((s) => s.path !== '/favicon.ico');
    expect(seen.map(({ host, path, grant, error, bearer }) => ({ host, path, grant, error, bearer }))).toEqual([
      { host: ACME_HOST, path: '/services/oauth2/token', grant: 'client_credentials', error: undefined, bearer: undefined },
      { host: ACME_HOST, path: '/services/oauth2/singleaccess', grant: undefined, error: undefined, bearer: true },
      { host: ACME_HOST, path: '/secur/frontdoor.jsp', grant: undefined, error: undefined, bearer: undefined },
    ]);
    // The tab sits in the account's blue group; only the org's host was granted, beside the webmails.
    const { groupId } = (await orgTab())!;
    expect(await popup.evaluate((id) => chrome.tabGroups.get(id!), groupId)).toMatchObject({ color: 'blue', title: 'Acme production' });
    const { origins = [] } = await popup.evaluate(() => chrome.permissions.getAll(), undefined);
    expect(origins.filter((o) => !WEBMAIL_MATCHES.includes(o))).toEqual([`https://${ACME_HOST}/*`]);
    await closeOrgTabs();
  });

  it('live: a copied access token says it is short-lived, comes from memory, and the org takes it', async () => {
    site.standin.seen.length = 0;
    await popup.click({ role: 'button', name: 'More for Acme production' });
    await popup.click({ role: 'menuitem', name: 'Copy access token (short-lived) for Acme production' });
    await popup.showsText('Copied access token (short-lived)');
    const token = await b.clipboard();
    // The token minted for Open org, reused: nothing new was asked of Salesforce.
    expect(site.standin.seen.filter((s) => s.path === '/services/oauth2/token')).toEqual([]);
    const answer = await standinFetch(site.standin)(`https://${ACME_HOST}/services/data/v65.0/query?q=SELECT+Id+FROM+Organization`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
  });

  it('live: Ctrl+Enter on the account a search found opens its org again, with the token in memory', async () => {
    site.standin.seen.length = 0;
    await popup.fill('#search', 'production');
    await popup.waitUntil(() => !!document.querySelector('li.row.selected'));
    await popup.press('Control+Enter');
    await expect.poll(() => site.standin.seen.map((s) => s.path)).toEqual(['/services/oauth2/singleaccess', '/secur/frontdoor.jsp']);
    await popup.showsText(`Opened ${ACME_HOST} for Acme production.`);
    await closeOrgTabs();
    // Escape clears the search, as a user leaves it.
    await popup.press('Escape');
    await popup.waitFor({ role: 'button', name: 'More for Acme scratch' });
  });

  it('live: a revoked refresh token fails Check with its sentence, flags the account, and leaves the vault unchanged', async () => {
    const before = await requestOk(popup, { type: 'accounts.list' });
    site.revoke();
    await choose('Acme scratch', 'Check that it works', ACME_HOST);
    await popup.showsText(
      'Acme scratch does not work: The refresh token was revoked or has expired: log in again (sf org login web), then save the new SFDX auth URL. (invalid_grant)',
    );
    await popup.showsText('Check failed');
    expect(await requestOk(popup, { type: 'accounts.list' })).toEqual(before);
  });

  it('live: a token answer naming a host outside Salesforce is refused, and the browser never goes there', async () => {
    await choose('Liar app', 'Check that it works', LIAR_HOST);
    await popup.showsText(
      `named ${LIAR_INSTANCE} as the org, which is not one of Salesforce’s hosts over https: Tokenkeep refused it, and sent the token nowhere.`,
    );
    expect(site.asked).not.toContain(LIAR_INSTANCE);
    expect(site.standin.seen.filter((s) => s.host === LIAR_INSTANCE)).toEqual([]);
    await popup.audit('live: a failed check');
  });
});
