/** What the planner decides, and what the filler applies. */

/** What goes into a field. password+token: the password with the token appended, for forms without a token field. */
export type FillRole = 'username' | 'password' | 'token' | 'password+token';

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
  /** 'full': username and password together; 'username' or 'password': one step of a two-step login. */
  step: 'full' | 'username' | 'password' | 'none';
  /**
   * What a person should know about the choice, in plain words, without secrets: which of two
   * logins in one form is filled, or why a form got nothing.
   */
  notes: string[];
}

export interface PlanOptions {
  /** Without a token field, append the token to the password (otherwise the password goes alone). */
  appendToken?: boolean;
  /** Which parts the account has: roles it cannot fill are left out of the plan. */
  has?: { username?: boolean; password?: boolean; token?: boolean };
  /**
   * The DOM lays pages out (a browser): field sizes, places and cover are measured. Without it
   * (Node), visibility comes from styles and the sizes and offsets they declare.
   */
  layout?: boolean;
}
