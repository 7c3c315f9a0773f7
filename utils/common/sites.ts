/**
 * Which sites an account belongs to: exact https origins
 * ("https://login.salesforce.com") or one wildcard label
 * ("https://*.acme.example"). Matching is by scheme, host and port, never by
 * substring, so "login.salesforce.com.evil.io" does not match. Plain http is
 * never a site: what is filled there travels in the clear.
 *
 * A wildcard over a domain that many tenants share (every Salesforce
 * customer has a host under my.salesforce.com, and anyone can sign up for
 * a free org there) would hand an account to any of them. Such a wildcard
 * matches nothing: each host is asked about, then listed exactly.
 */

/**
 * Where every Salesforce account signed in by default before 0.2, sandbox or
 * production: both login pages. Accounts now list their own environment's
 * (kinds/salesforce.ts), and those that still list both are corrected once.
 */
export const SALESFORCE_SITES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

/** Domains whose subdomains belong to different customers. */
export const SHARED_DOMAINS = [
  'salesforce.com',
  'force.com',
  'site.com',
  'cloudforce.com',
  'database.com',
  'visualforce.com',
  'salesforce-sites.com',
  'salesforce-setup.com',
  'herokuapp.com',
  'developerforce.com',
];

const SITE = /^(https):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost)(?::(\d{1,5}))?$/;

/** A wildcard over a shared domain ("*.my.salesforce.com"), which matches nothing. */
export function isSharedWildcard(site: string): boolean {
  const m = SITE.exec(site);
  if (!m?.[2]) return false;
  const host = m[3]!;
  return SHARED_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
}

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
  if (url.protocol !== 'https:') return undefined;
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
  if (isSharedWildcard(site)) return false;
  const [, scheme, wildcard, host, port] = m;
  if (url.protocol !== `${scheme}:` || url.port !== (port ?? '')) return false;
  return wildcard ? url.hostname.endsWith(`.${host}`) && url.hostname.length > host!.length + 1 : url.hostname === host;
}

export function matchesAnySite(sites: readonly string[], pageUrl: string): boolean {
  return sites.some((site) => siteMatches(site, pageUrl));
}

/** Why a typed site cannot be used, in words for the form. */
export function siteProblem(line: string): string | undefined {
  if (/^\s*http:\/\//i.test(line)) return `${line.trim()}: plain http is never filled, as what is filled there travels in the clear. Use its https:// address.`;
  const site = normalizeSite(line);
  if (!site) return `${line.trim()} is not a site.`;
  if (isSharedWildcard(site))
    return `${site} covers every customer's hosts there, anyone's free org included: list your own host, such as https://acme.my.salesforce.com.`;
  return undefined;
}

/** Sites typed one per line (or comma-separated): the normalised ones, and the lines that are not sites (with why). */
export function parseSites(text: string): { sites: string[]; invalid: string[]; problems: string[] } {
  const sites: string[] = [];
  const invalid: string[] = [];
  const problems: string[] = [];
  for (const line of text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const problem = siteProblem(line);
    const site = normalizeSite(line);
    if (site && !problem) {
      if (!sites.includes(site)) sites.push(site);
    } else {
      invalid.push(line);
      problems.push(problem!);
    }
  }
  return { sites, invalid, problems };
}
