// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { ExpiryFlag, usernameParts } from '../../../components/popup/AccountRow';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;

function flagText(props: { expiresAt?: string; compact?: boolean }): string | null {
  const root = document.createElement('div');
  render(<ExpiryFlag now={NOW} {...props} />, root);
  return root.textContent || null;
}

describe('the expiry flag', () => {
  it('says how long is left, shortly in a row and in full in the details', () => {
    const in9 = new Date(NOW + 9 * DAY).toISOString();
    expect(flagText({ expiresAt: in9 })).toBe('Expires in 9 days');
    expect(flagText({ expiresAt: in9, compact: true })).toBe('9 days left');
    const tomorrow = new Date(NOW + DAY).toISOString();
    expect(flagText({ expiresAt: tomorrow })).toBe('Expires tomorrow');
    expect(flagText({ expiresAt: tomorrow, compact: true })).toBe('1 day left');
  });

  it('says Expired once the date has passed, and nothing when it is far or unset', () => {
    expect(flagText({ expiresAt: new Date(NOW - DAY).toISOString(), compact: true })).toBe('Expired');
    expect(flagText({ expiresAt: new Date(NOW + 30 * DAY).toISOString() })).toBeNull();
    expect(flagText({})).toBeNull();
  });
});

describe('a username in a row', () => {
  it('splits into the name before the @, the domain that gives way first, and the last label that always shows', () => {
    expect(usernameParts('alex.morgan@acme-corp.com.uat')).toEqual({ local: 'alex.morgan@', domain: 'acme-corp.com', tail: '.uat' });
    expect(usernameParts('alex.morgan@acme-corp.com')).toEqual({ local: 'alex.morgan@', domain: 'acme-corp', tail: '.com' });
    expect(usernameParts('ci-bot')).toEqual({ local: 'ci-bot', domain: '', tail: '' });
    expect(usernameParts('a@localhost')).toEqual({ local: 'a@', domain: 'localhost', tail: '' });
  });
});
