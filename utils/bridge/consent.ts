/**
 * The consent window's question and answers. Apart from the answerer, with no
 * imports, because the message schemas (which the offscreen document loads)
 * and the consent page need these and nothing of the vault or the kinds.
 */

/** One account a request could be answered from, and what it would give. */
export interface ConsentOption {
  account: string;
  kind: string;
  /** What would leave, in words: "security token (SF_SECURITY_TOKEN)". */
  items: string[];
  /** The origins Tokenkeep reaches to answer (an access token's endpoint and org): Allow asks the browser for them, in the click. */
  origins?: string[];
}

/** What the consent window shows. */
export interface ConsentQuestion {
  /**
   * The accounts the request names: one, or several when its name matched
   * more than one (the user picks one in the window; nothing of them reaches
   * the terminal first). Empty when the terminal asks for the list of names,
   * or when nothing can be given (see `problem`).
   */
  options: ConsentOption[];
  /** For the list: what would leave. */
  items?: string[];
  /** What a terminal brings in instead (tokenkeep import sf): each entry and what adding it does. Nothing leaves. */
  gives?: string[];
  /** What the terminal means to do with it: "print the environment variables". */
  purpose: string;
  /** Why nothing can be given (no account has that name; the account has no such value): the window only tells, and closes. */
  problem?: string;
  /** The program a login hands the secret to, as the CLI found it ("/usr/local/bin/sf"). */
  program?: string;
  command: string[];
  cwd: string;
}

export const GRANT_MINUTES = [5, 15, 60] as const;

/**
 * What the user can answer in the window: deny, or allow once or for some
 * minutes (a standing answer covers this account, this kind of request and
 * what the window listed, nothing more), with the account picked.
 */
export type ConsentChoice = 'deny' | { allow: 'once' | (typeof GRANT_MINUTES)[number]; option?: number };

/** Every way a question ends: the user's choice, the window closed, or no answer in time. */
export type ConsentAnswer = ConsentChoice | 'closed' | 'timeout';

/** How long the Allow buttons stay inert after the window shows: keys or clicks meant for another window do not answer it. */
export const ARMING_MS = 1000;
