/**
 * Recognises an API token by its format, for accounts added by hand: the
 * kind decides the copy formats, including the Authorization header each API
 * expects. Ordered from most to least specific; Salesforce (20-30 letters and
 * digits) comes last because anything can look like it.
 */
import { isTokenShaped } from './extract/salesforce';

export const TOKEN_KINDS = ['salesforce', 'github', 'slack', 'stripe', 'aws', 'okta', 'atlassian'] as const;

export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface KindInfo {
  kind: TokenKind;
  name: string;
  test(value: string): boolean;
}

export const KINDS: readonly KindInfo[] = [
  { kind: 'github', name: 'GitHub', test: (v) => /^(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})$/.test(v) },
  { kind: 'slack', name: 'Slack', test: (v) => /^xox[abposre]-[A-Za-z0-9-]{10,255}$/.test(v) },
  { kind: 'stripe', name: 'Stripe', test: (v) => /^(?:sk_live_|sk_test_|rk_live_|rk_test_)[A-Za-z0-9]{10,255}$/.test(v) },
  { kind: 'aws', name: 'AWS', test: (v) => /^(?:AKIA|ASIA)[A-Z2-7]{16}$/.test(v) },
  { kind: 'okta', name: 'Okta', test: (v) => /^00[A-Za-z0-9_-]{40}$/.test(v) },
  { kind: 'atlassian', name: 'Atlassian', test: (v) => /^ATATT3[A-Za-z0-9_=-]{20,255}$/.test(v) },
  { kind: 'salesforce', name: 'Salesforce', test: isTokenShaped },
];

/** The kind of a pasted token (surrounding spaces ignored), or undefined when no format fits. */
export function detectTokenKind(raw: string): TokenKind | undefined {
  const value = raw.trim();
  return KINDS.find((k) => k.test(value))?.kind;
}
