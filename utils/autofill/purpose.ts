/**
 * What a field is for, when it is for something other than signing in: a
 * one-time code, a payment card, a postal address, or an app's credentials
 * (an OAuth consumer key and secret). None of these ever receives a
 * username, password or token, whatever its type says: a "Verification
 * code" can be type=password, and so can a card's "Security code".
 */
import { APP_CREDENTIAL_WORDS, CARD_WORDS, CODE_WORDS, PASSWORD_WORDS, POSTAL_WORDS, words } from './words';

export type Purpose = 'code' | 'card' | 'postal' | 'app';

export const PURPOSE_NAMES: Record<Purpose, string> = {
  code: 'a one-time or verification code',
  card: 'a payment card field',
  postal: 'a postal address field',
  app: "an app's key or secret",
};

/** The longest code a code field takes; a password or token field takes more. */
const MAX_CODE_LENGTH = 8;

/** What the page declares; 'login' is a sign-in field by its own word (Okta names its password "credentials.passcode"). */
function byAutocomplete(autocomplete: string): Purpose | 'login' | undefined {
  // autocomplete holds tokens ("section-x shipping postal-code"); the last names the field.
  const field = autocomplete.trim().split(/\s+/).at(-1) ?? '';
  if (field === 'current-password' || field === 'username') return 'login';
  if (field === 'one-time-code') return 'code';
  if (field.startsWith('cc-')) return 'card';
  if (/^(street-address|address-line\d|address-level\d|postal-code|country|country-name)$/.test(field)) return 'postal';
  return undefined;
}

/**
 * The purpose of `el`, named by `text` (its label and attributes, as words) and `label` (what a person
 * reads beside it), or undefined for a field that may be part of a sign-in.
 */
export function purposeOf(el: HTMLInputElement, text: string, label = ''): Purpose | undefined {
  const byAttr = byAutocomplete((el.getAttribute('autocomplete') ?? '').toLowerCase());
  if (byAttr) return byAttr === 'login' ? undefined : byAttr;
  // What a person reads beside the field comes first: "Password" over a name such as "pin".
  const seen = words(label);
  if (PASSWORD_WORDS.test(seen) && !CODE_WORDS.test(seen) && !CARD_WORDS.test(seen)) return undefined;
  if (CARD_WORDS.test(text)) return 'card';
  if (CODE_WORDS.test(text)) return 'code';
  if (APP_CREDENTIAL_WORDS.test(text)) return 'app';
  if (POSTAL_WORDS.test(text)) return 'postal';
  // A field that calls itself a password is one, however short its limit: what fits is judged at fill time.
  if (PASSWORD_WORDS.test(text)) return undefined;
  // Digits only, or too short for a password: a code or a PIN.
  const inputMode = (el.getAttribute('inputmode') ?? '').toLowerCase();
  if (inputMode === 'numeric' || inputMode === 'decimal') return 'code';
  const max = el.maxLength;
  if (max > 0 && max <= MAX_CODE_LENGTH) return 'code';
  return undefined;
}
