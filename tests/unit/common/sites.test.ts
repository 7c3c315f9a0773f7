import { describe, expect, it } from 'vitest';
import { isSharedWildcard, matchesAnySite, normalizeSite, parseSites, SALESFORCE_SITES, siteMatches } from '../../../utils/common/sites';

describe('sites', () => {
  it('normalises what users type to an https origin, or a one-label wildcard', () => {
    expect(normalizeSite('acme.my.salesforce.com')).toBe('https://acme.my.salesforce.com');
    expect(normalizeSite('HTTPS://Login.Salesforce.com/path?q=1')).toBe('https://login.salesforce.com');
    expect(normalizeSite('https://*.acme.example')).toBe('https://*.acme.example');
    expect(normalizeSite('https://localhost:8443')).toBe('https://localhost:8443');
    for (const bad of ['', 'not a site', 'ftp://x.com', 'javascript:alert(1)', 'https://*', 'http://localhost:8080', 'http://login.salesforce.com']) {
      expect(normalizeSite(bad)).toBeUndefined();
    }
  });

  it('matches by scheme, host and port, never by substring, and never plain http', () => {
    expect(siteMatches('https://login.salesforce.com', 'https://login.salesforce.com/?un=x')).toBe(true);
    expect(siteMatches('https://login.salesforce.com', 'https://login.salesforce.com.evil.io/')).toBe(false);
    expect(siteMatches('https://login.salesforce.com', 'http://login.salesforce.com/')).toBe(false);
    expect(siteMatches('http://login.salesforce.com', 'http://login.salesforce.com/')).toBe(false);
    expect(siteMatches('https://login.salesforce.com', 'https://login.salesforce.com:8443/')).toBe(false);
    expect(siteMatches('https://*.acme.example', 'https://eu.acme.example/')).toBe(true);
    expect(siteMatches('https://*.acme.example', 'https://acme.example/')).toBe(false);
    expect(siteMatches('https://*.acme.example', 'https://eu.acme.example.evil.io/')).toBe(false);
  });

  it('lists only the exact Salesforce login hosts for a new account, and lets no wildcard over a shared domain match', () => {
    expect(SALESFORCE_SITES).toEqual(['https://login.salesforce.com', 'https://test.salesforce.com']);
    expect(matchesAnySite(SALESFORCE_SITES, 'https://test.salesforce.com/')).toBe(true);
    expect(matchesAnySite(SALESFORCE_SITES, 'https://acme.my.salesforce.com/')).toBe(false);
    // What older accounts hold: it now matches nothing, so each org's host is asked about.
    for (const site of [
      'https://*.my.salesforce.com',
      'https://*.salesforce.com',
      'https://*.force.com',
      'https://*.lightning.force.com',
      'https://*.my.site.com',
    ]) {
      expect(isSharedWildcard(site), site).toBe(true);
      expect(siteMatches(site, `https://freeorg-dev-ed.${site.slice('https://*.'.length)}/`), site).toBe(false);
    }
    expect(isSharedWildcard('https://acme.my.salesforce.com')).toBe(false);
    expect(siteMatches('https://acme.my.salesforce.com', 'https://acme.my.salesforce.com/')).toBe(true);
  });

  it('reads a list typed one per line, and says why a line cannot be used', () => {
    const parsed = parseSites(
      'login.salesforce.com\n\n https://acme.my.salesforce.com/x , nope nope\nlogin.salesforce.com\nhttp://intranet.acme.example\nhttps://*.my.salesforce.com',
    );
    expect(parsed.sites).toEqual(['https://login.salesforce.com', 'https://acme.my.salesforce.com']);
    expect(parsed.invalid).toEqual(['nope nope', 'http://intranet.acme.example', 'https://*.my.salesforce.com']);
    expect(parsed.problems).toEqual([
      'nope nope is not a site.',
      expect.stringContaining('plain http is never filled'),
      expect.stringContaining("covers every customer's hosts there"),
    ]);
  });
});
