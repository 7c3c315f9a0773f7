/**
 * Is this sender really Salesforce? Only the address counts, never the display
 * name. The check is deliberately strict: an address with any non-ASCII
 * character is refused outright, which covers IDN lookalikes and Cyrillic or
 * Greek homoglyphs without needing a confusables table.
 */

const TRUSTED_DOMAIN = 'salesforce.com';

// RFC 5321 dot-atom local part (ASCII only) and LDH domain labels.
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$/;

/** Lower-cased domain of a plain address, or undefined if it is not a clean ASCII address. */
export function addressDomain(address: string): string | undefined {
  const trimmed = address.trim().replace(/^<(.*)>$/, '$1');
  if (trimmed.length > 254) return undefined;
  const m = ADDRESS.exec(trimmed);
  return m ? m[1]!.toLowerCase() : undefined;
}

export function isSalesforceAddress(address: string): boolean {
  const domain = addressDomain(address);
  return domain !== undefined && (domain === TRUSTED_DOMAIN || domain.endsWith(`.${TRUSTED_DOMAIN}`));
}

/** Finds the first plain address in free text ("Salesforce <support@salesforce.com>"). */
export function findAddress(text: string): string | undefined {
  const m = /[^\s<>()"',;:[\]]+@[^\s<>()"',;:[\]]+/.exec(text);
  return m?.[0];
}
