/**
 * A capture's identity, for "already saved or dismissed" without keeping the
 * token itself: SHA-256 over provider, username and token. Tokens carry over
 * 110 bits of randomness, so the digest reveals nothing useful.
 */
import type { Capture } from '../extract/types';

export async function captureFingerprint(capture: Pick<Capture, 'provider' | 'username' | 'token'>): Promise<string> {
  const data = new TextEncoder().encode(`tokenkeep-capture-v1\n${capture.provider}\n${capture.username.toLowerCase()}\n${capture.token}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
