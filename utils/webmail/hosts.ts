/**
 * The webmail origins Tokenkeep reads. One list feeds the content script's
 * `matches`, the background's origin check and the settings page, so they
 * can never disagree.
 */
export interface WebmailSite {
  id: WebmailId;
  name: string;
  origins: readonly string[];
}

export type WebmailId = 'gmail' | 'outlook' | 'yahoo' | 'proton' | 'fastmail' | 'zoho' | 'icloud';

export const WEBMAILS: readonly WebmailSite[] = [
  { id: 'gmail', name: 'Gmail', origins: ['https://mail.google.com'] },
  {
    id: 'outlook',
    name: 'Outlook on the web',
    origins: ['https://outlook.live.com', 'https://outlook.office.com', 'https://outlook.office365.com'],
  },
  { id: 'yahoo', name: 'Yahoo Mail', origins: ['https://mail.yahoo.com'] },
  { id: 'proton', name: 'Proton Mail', origins: ['https://mail.proton.me'] },
  { id: 'fastmail', name: 'Fastmail', origins: ['https://app.fastmail.com'] },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    origins: ['https://mail.zoho.com', 'https://mail.zoho.eu', 'https://mail.zoho.in', 'https://mail.zoho.com.au'],
  },
  { id: 'icloud', name: 'iCloud Mail', origins: ['https://www.icloud.com'] },
];

/** Match patterns for the manifest: exact hosts, https only. */
export const WEBMAIL_MATCHES: string[] = WEBMAILS.flatMap((w) => w.origins.map((o) => `${o}/*`));

/** The webmail an origin belongs to, by exact origin comparison (never a suffix match). */
export function webmailForOrigin(origin: string | undefined | null): WebmailSite | undefined {
  if (!origin) return undefined;
  return WEBMAILS.find((w) => w.origins.includes(origin));
}
