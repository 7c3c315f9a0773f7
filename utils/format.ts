/**
 * How copies are named to people: each button's accessible name, and the
 * toast after it. The text itself comes from the kind's formats (utils/kinds).
 */

/** A copy button's accessible name: "Copy password + token for Acme prod". */
export function copyButtonLabel(label: string, account: string): string {
  return `Copy ${label} for ${account}`;
}

/** The button's visible text: "Password + token", part of its accessible name as WCAG 2.5.3 asks. */
export const buttonText = (label: string) => label[0]!.toUpperCase() + label.slice(1);

/**
 * What the toast says after a copy: "Copied password + token for Acme prod".
 * Without an account ("Copied password + token") for notifications, which the
 * browser may keep on disk.
 */
export function copiedMessage(label: string, account?: string): string {
  return account === undefined ? `Copied ${label}` : `Copied ${label} for ${account}`;
}
