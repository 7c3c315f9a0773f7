/**
 * The webmail origins Tokenkeep reads. One list feeds the content script's
 * `matches`, the background's origin check and the settings page, so they
 * can never disagree.
 */
export interface WebmailSite {
  id: WebmailId;
  name: string;
  origins: readonly string[];
  /**
   * Where on those origins the webmail shows mail, tested against the path
   * and hash: not its calendar, chat, notes or shared pages, whose content
   * anyone can write, and, where the address tells, only an opened message.
   * The generic fallback reads these pages only.
   */
  mailRoute: RegExp;
}

export type WebmailId = 'gmail' | 'outlook' | 'yahoo' | 'proton' | 'fastmail' | 'zoho' | 'icloud';

export const WEBMAILS: readonly WebmailSite[] = [
  // An open Gmail conversation ends its hash in the thread's id (#inbox/FMfcgz…); Chat, Spaces
  // and Meet live behind the hash too, and the inbox list has no id.
  {
    id: 'gmail',
    name: 'Gmail',
    origins: ['https://mail.google.com'],
    mailRoute: /^\/mail\/[^#]*#(?!(?:chat|spaces|rooms|calls|meet)\b)[^?]*\/[A-Za-z0-9]{16,}$/,
  },
  {
    id: 'outlook',
    name: 'Outlook on the web',
    origins: ['https://outlook.live.com', 'https://outlook.office.com', 'https://outlook.office365.com'],
    // Not /calendar/ (published calendars), /people/ or /owa/calendar/.
    mailRoute: /^\/(?:mail(?:\/|$|#)|owa\/(?!calendar))/,
  },
  { id: 'yahoo', name: 'Yahoo Mail', origins: ['https://mail.yahoo.com'], mailRoute: /^\// },
  { id: 'proton', name: 'Proton Mail', origins: ['https://mail.proton.me'], mailRoute: /^\// },
  // Fastmail's notes, calendar, contacts and files live beside /mail/.
  { id: 'fastmail', name: 'Fastmail', origins: ['https://app.fastmail.com'], mailRoute: /^\/mail(?:\/|$|#)/ },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    origins: ['https://mail.zoho.com', 'https://mail.zoho.eu', 'https://mail.zoho.in', 'https://mail.zoho.com.au'],
    // The app is /zm/, with mail, notes, tasks and calendar behind the hash.
    mailRoute: /^\/zm\/[^#]*(?:#mail\b.*)?$/,
  },
  // www.icloud.com also serves shared notes, documents and photos.
  { id: 'icloud', name: 'iCloud Mail', origins: ['https://www.icloud.com'], mailRoute: /^\/mail(?:\/|$|#)/ },
];

/** Match patterns for the manifest: exact hosts, https only. */
export const WEBMAIL_MATCHES: string[] = WEBMAILS.flatMap((w) => w.origins.map((o) => `${o}/*`));

/** Is `url` a page where its webmail shows mail? False for any other origin. */
export function onMailRoute(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const site = webmailForOrigin(parsed.origin);
  return !!site && site.mailRoute.test(parsed.pathname + parsed.hash);
}

/** The webmail an origin belongs to, by exact origin comparison (never a suffix match). */
export function webmailForOrigin(origin: string | undefined | null): WebmailSite | undefined {
  if (!origin) return undefined;
  return WEBMAILS.find((w) => w.origins.includes(origin));
}
