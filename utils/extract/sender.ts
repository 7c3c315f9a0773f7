/**
 * Is this sender really Salesforce? Only the address counts, never the display
 * name: salesforce.com or one of its subdomains, or salesforcedevs.com. The check is deliberately strict: an address with any non-ASCII
 * character is refused outright, which covers IDN lookalikes and Cyrillic or
 * Greek homoglyphs without needing a confusables table.
 */

/** Salesforce's own mail, and its subdomains (support@emea.salesforce.com). */
const TRUSTED_DOMAIN = 'salesforce.com';
/** Developer Edition orgs send from info@salesforcedevs.com; only that exact domain. */
const DEVELOPER_DOMAIN = 'salesforcedevs.com';

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
  return domain !== undefined && (domain === TRUSTED_DOMAIN || domain.endsWith(`.${TRUSTED_DOMAIN}`) || domain === DEVELOPER_DOMAIN);
}

const MAX_FROM = 512;
const ANY_ADDRESS = /[^\s<>()"',;:[\]]+@[^\s<>()"',;:[\]]+/g;

/**
 * The mailbox address in a From value such as "Salesforce <support@salesforce.com>".
 * The address in angle brackets wins over anything in the display name
 * ("support@salesforce.com <mallory@evil.example>" is Mallory). Without
 * brackets, the value must hold exactly one address; several is ambiguous.
 */
export function findAddress(text: string): string | undefined {
  // A From value is short; refusing long ones keeps the regexes below linear in practice on hostile text.
  if (text.length > MAX_FROM) return undefined;
  const bracketed = new Set(Array.from(text.matchAll(/<\s*(?:mailto:)?([^\s<>]+@[^\s<>]+?)\s*>/gi), (m) => m[1]!));
  if (bracketed.size) return bracketed.size === 1 ? [...bracketed][0] : undefined;
  const plain = new Set(Array.from(text.matchAll(ANY_ADDRESS), (m) => m[0].replace(/^mailto:/i, '')));
  return plain.size === 1 ? [...plain][0] : undefined;
}
