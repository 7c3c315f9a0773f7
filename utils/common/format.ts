/**
 * How copies are named to people: each button's accessible name, and the
 * toast after it. The text itself comes from the kind's formats (utils/kinds).
 */

/** A copy button's accessible name: "Copy password + token for Acme prod". */
export function copyButtonLabel(label: string, account: string): string {
  return `Copy ${label} for ${account}`;
}

/** Programs whose names are spelt in lower case, even at the start of a button. */
const LOWER_CASE_NAMES = /^(jsforce|sf|curl|simple-salesforce|dotenv|python-dotenv)\b/;

/** The button's visible text: "Password + token", "jsforce JSON"; part of its accessible name as WCAG 2.5.3 asks. */
export const buttonText = (label: string) => (LOWER_CASE_NAMES.test(label) ? label : label[0]!.toUpperCase() + label.slice(1));

/** What the toast or notification says after a copy: "Copied password + token for Acme UAT (sandbox)". */
export function copiedMessage(label: string, account: string): string {
  return `Copied ${label} for ${account}`;
}

/** What the toast or notification says after a fill, in the kind's words (kinds' fillWords): "Filled username, password + security token for Acme UAT (sandbox)." */
export function filledMessage(roles: readonly string[], account: string, words: Readonly<Record<string, string>>): string {
  return `Filled ${roles.map((r) => words[r] ?? r).join(', ')} for ${account}.`;
}
