/**
 * The consent window's question and answers. Apart from the answerer, with no
 * imports, because the message schemas (which the offscreen document loads)
 * and the consent page need these and nothing of the vault or the kinds.
 */

/** What the consent window shows. */
export interface ConsentQuestion {
  /** The account's label; null when the terminal asks for the list of names. */
  account: string | null;
  kind: string;
  /** What would leave, in words: "security token (SF_SECURITY_TOKEN)". */
  items: string[];
  /** What the terminal means to do with it: "print the environment variables". */
  purpose: string;
  command: string[];
  cwd: string;
}

export const GRANT_MINUTES = [5, 15, 60] as const;

/** What the user can answer in the window. */
export type ConsentChoice = 'once' | 'deny' | { minutes: (typeof GRANT_MINUTES)[number] };

/** Every way a question ends: the user's choice, the window closed, or no answer in time. */
export type ConsentAnswer = ConsentChoice | 'closed' | 'timeout';
