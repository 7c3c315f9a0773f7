import { describe, expect, it } from 'vitest';
import { matchesAnySite, normalizeSite, parseSites, SALESFORCE_SITES, siteMatches } from '../../utils/sites';

describe('sites', () => {
  it('normalises what users type to an origin, or a one-label wildcard', () => {
    expect(normalizeSite('acme.my.salesforce.com')).toBe('https://acme.my.salesforce.com');
    expect(normalizeSite('HTTPS://Login.Salesforce.com/path?q=1')).toBe('https://login.salesforce.com');
    expect(normalizeSite('https://*.my.salesforce.com')).toBe('https://*.my.salesforce.com');
    expect(normalizeSite('http://localhost:8080')).toBe('http://localhost:8080');
    for (const bad of ['', 'not a site', 'ftp://x.com', 'javascript:alert(1)', 'https://*']) expect(normalizeSite(bad)).toBeUndefined();
  });

  it('matches by scheme, host and port, never by substring', () => {
    expect(siteMatches('https://login.salesforce.com', 'https://login.salesforce.com/?un=x')).toBe(true);
    expect(siteMatches('https://login.salesforce.com', 'https://login.salesforce.com.evil.io/')).toBe(false);
    expect(siteMatches('https://login.salesforce.com', 'http://login.salesforce.com/')).toBe(false);
    expect(siteMatches('https://login.salesforce.com', 'https://login.salesforce.com:8443/')).toBe(false);
    expect(siteMatches('https://*.my.salesforce.com', 'https://acme.my.salesforce.com/')).toBe(true);
    expect(siteMatches('https://*.my.salesforce.com', 'https://my.salesforce.com/')).toBe(false);
    expect(siteMatches('https://*.my.salesforce.com', 'https://acme.my.salesforce.com.evil.io/')).toBe(false);
    expect(matchesAnySite(SALESFORCE_SITES, 'https://test.salesforce.com/')).toBe(true);
  });

  it('reads a list typed one per line, and names the lines that are not sites', () => {
    expect(parseSites('login.salesforce.com\n\n https://acme.my.salesforce.com/x , nope nope\nlogin.salesforce.com')).toEqual({
      sites: ['https://login.salesforce.com', 'https://acme.my.salesforce.com'],
      invalid: ['nope nope'],
    });
  });
});
