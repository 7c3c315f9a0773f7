/** What the planner decides, and what the filler applies. */

/**
 * What goes into a field. password+token (or +code): the password with the token (or the current
 * TOTP code) appended, for forms without a field of their own for it. code: the current TOTP code,
 * only ever into a one-time-code field. client-id and client-secret: an OAuth app's consumer key
 * and secret, only ever into a connector's app settings.
 */
export type FillRole = 'username' | 'password' | 'token' | 'password+token' | 'code' | 'password+code' | 'client-id' | 'client-secret';

export interface PlannedField {
  /** A CSS selector that matches exactly this element; "host >>> inner" across open shadow roots. */
  selector: string;
  /** The same, one selector per shadow root level: what the filler walks. */
  path: string[];
  role: FillRole;
  /** Why this field was chosen, for people reading `npm run fill-plan`. */
  reason: string;
}

export interface FillPlan {
  /** The chosen form (or form-like container), or null when there is nothing to fill. */
  form: string | null;
  fields: PlannedField[];
  /** The form has a field of its own for the security token. */
  hasTokenField: boolean;
  /**
   * 'full': username and password together; 'username' or 'password': one step of a two-step login;
   * 'code': a one-time-code page; 'app': an OAuth app's settings.
   */
  step: 'full' | 'username' | 'password' | 'code' | 'app' | 'none';
  /**
   * What a person should know about the choice, in plain words, without secrets: which of two
   * logins in one form is filled, or why a form got nothing.
   */
  notes: string[];
}

export interface PlanOptions {
  /** Without a token field, append the token to the password (otherwise the password goes alone). */
  appendToken?: boolean;
  /**
   * Which parts the account has: roles it cannot fill are left out of the plan. An account with
   * client credentials fills app settings and nothing else; one with a TOTP secret fills code fields.
   */
  has?: { username?: boolean; password?: boolean; token?: boolean; code?: boolean; clientId?: boolean; clientSecret?: boolean };
  /**
   * The DOM lays pages out (a browser): field sizes, places and cover are measured. Without it
   * (Node), visibility comes from styles and the sizes and offsets they declare.
   */
  layout?: boolean;
}
