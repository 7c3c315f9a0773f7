/**
 * What every import reader gives, whatever the tool it reads (Bitwarden,
 * 1Password, KeePass, a browser's passwords, a .env file): entries in one
 * neutral shape, which candidates.ts turns into Tokenkeep accounts through
 * the kinds' own recognition.
 */
import type { Fields } from '../kinds';

/** One item of another tool, as it kept it. Values are never trimmed here: a password is kept exactly. */
export interface Entry {
  /** Its name in the tool ("Acme production"); may be empty. */
  title: string;
  username?: string;
  password?: string;
  /** The pages it is for, as the tool lists them. */
  urls: string[];
  notes?: string;
  /** An otpauth:// link or a bare base32 secret. */
  totp?: string;
  /** Custom fields, by the names the tool shows. */
  extra: Array<{ name: string; value: string }>;
  /** A kind the reader already knows it is (a .env file's variables name it); otherwise recognised. */
  kind?: string;
  /** Fields the reader already knows, by the kind's own names (a .env file's SF_USERNAME). */
  fields?: Fields;
  /** Probably not a credential (a .env file's PORT): the preview starts it unticked. */
  doubtful?: true;
  /**
   * When the tool last changed the entry (ISO), where its export says: Bitwarden's revisionDate,
   * KeePass's last modification, 1PUX's updatedAt, Firefox's timePasswordChanged. A secret dated
   * after the vault's account last changed becomes current; an undated one never displaces one.
   */
  changedAt?: string;
}

/** The formats Tokenkeep reads, as the preview names them. */
export type ImportFormat =
  | 'Bitwarden JSON'
  | 'Bitwarden JSON (password-protected)'
  | '1Password 1PUX'
  | '1Password CSV'
  | 'KeePass KDBX'
  | 'Chrome or Edge passwords CSV'
  | 'Firefox passwords CSV'
  | 'ORGanizer JSON'
  | '.env file';

export interface ReadResult {
  format: ImportFormat;
  entries: Entry[];
}

/** A file as the user picked it: its name (which tells .env and .csv apart) and its bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** What an entry becomes: an account to add or merge, as the preview shows it and the background checks it again. */
export interface Candidate {
  kind: string;
  label: string;
  fields: Fields;
  /** Pages the entry names that the account could fill on: offered in the preview, never approved silently. */
  offeredSites: string[];
  /** Those the user approved (none until they tick one). */
  sites: string[];
  notes: string;
  /** The entry's values no field of the kind takes, by name: the preview says they are left behind. */
  left: string[];
  /** Why it cannot become an account (no secret in it): shown, and the entry is skipped. */
  problem?: string;
  /** Probably not a credential: the preview starts it unticked. */
  doubtful?: true;
  /** When the tool last changed it (the entry's `changedAt`). */
  changedAt?: string;
}

/** What the options page sends for an entry the user kept: the candidate as they left it. */
export type ImportItem = Pick<Candidate, 'kind' | 'label' | 'fields' | 'sites' | 'notes' | 'changedAt'>;

/** The item for a candidate: the account as the user left it, and when the tool last changed it. */
export const importItem = ({ kind, label, fields, sites, notes, changedAt }: Candidate): ImportItem => ({
  kind,
  label,
  fields,
  sites,
  notes,
  ...(changedAt ? { changedAt } : {}),
});

/** What an entry does to the vault: a new account, a change to one (named), nothing, or nothing because it cannot (why). */
export interface ImportAction {
  action: 'new' | 'update' | 'unchanged' | 'skip';
  why?: string;
  /** The account it merges into. */
  into?: string;
  /** Secrets (by their names in a sentence) whose imported value becomes current; the one it replaces goes to the history. */
  newer?: string[];
  /** Secrets whose imported value differs and is not known to be newer: it goes to the history, the current one stays. */
  older?: string[];
}
