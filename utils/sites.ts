/**
 * Which sites an account belongs to: exact origins ("https://login.salesforce.com")
 * or one wildcard label ("https://*.my.salesforce.com"). Matching is by
 * scheme, host and port, never by substring, so "login.salesforce.com.evil.io"
 * and plain-http pages do not match an https site.
 */

export const SALESFORCE_SITES = ['https://login.salesforce.com', 'https://test.salesforce.com', 'https://*.my.salesforce.com'];

const SITE = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost)(?::(\d{1,5}))?$/;

/** "acme.my.salesforce.com", "https://acme.my.salesforce.com/path" -> "https://acme.my.salesforce.com"; undefined if not a site. */
export function normalizeSite(input: string): string | undefined {
  let text = input.trim().toLowerCase();
  if (!text) return undefined;
  if (!/^[a-z]+:\/\//.test(text)) text = `https://${text}`;
  const wildcard = text.includes('://*.');
  let url: URL;
  try {
    url = new URL(text.replace('://*.', '://wildcard-placeholder.'));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = wildcard ? `*.${url.host.slice('wildcard-placeholder.'.length)}` : url.host;
  const site = `${url.protocol}//${host}`;
  return SITE.test(site) ? site : undefined;
}

export function siteMatches(site: string, pageUrl: string): boolean {
  const m = SITE.exec(site);
  if (!m) return false;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return false;
  }
  const [, scheme, wildcard, host, port] = m;
  if (url.protocol !== `${scheme}:` || url.port !== (port ?? '')) return false;
  return wildcard ? url.hostname.endsWith(`.${host}`) && url.hostname.length > host!.length + 1 : url.hostname === host;
}

export function matchesAnySite(sites: readonly string[], pageUrl: string): boolean {
  return sites.some((site) => siteMatches(site, pageUrl));
}

/** Sites typed one per line (or comma-separated): the normalised ones, and the lines that are not sites. */
export function parseSites(text: string): { sites: string[]; invalid: string[] } {
  const sites: string[] = [];
  const invalid: string[] = [];
  for (const line of text.split(/[\n,]/).map((l) => l.trim()).filter(Boolean)) {
    const site = normalizeSite(line);
    if (site) sites.includes(site) || sites.push(site);
    else invalid.push(line);
  }
  return { sites, invalid };
}
