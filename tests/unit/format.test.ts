import { describe, expect, it } from 'vitest';
import { COPY_KINDS, COPY_LABELS, copyValue } from '../../utils/format';

const account = { username: 'jane@acme.com', password: 'Pa55!word', token: 'PVmuqFRxEP0LG40WUka5vPJjG' };

describe('copyValue', () => {
  it('gives each part, and the password with the token appended', () => {
    expect(COPY_KINDS.map((k) => copyValue(account, k))).toEqual(['jane@acme.com', 'Pa55!word', 'PVmuqFRxEP0LG40WUka5vPJjG', 'Pa55!wordPVmuqFRxEP0LG40WUka5vPJjG']);
  });
  it('has nothing to copy for a part the account lacks, rather than a half value', () => {
    expect(copyValue({ username: 'jane@acme.com', token: 'T' }, 'password+token')).toBeUndefined();
    expect(copyValue({ username: 'jane@acme.com', password: 'p' }, 'token')).toBeUndefined();
  });
  it('labels every button with what it copies', () => {
    expect(COPY_LABELS['password+token']).toBe('Copy password + token');
  });
});
