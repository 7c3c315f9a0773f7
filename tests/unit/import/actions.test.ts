import { describe, expect, it } from 'vitest';
import { actionWords } from '../../../utils/import/actions';

describe('what the preview says an entry does', () => {
  it('says which imported secrets become current and which only join the history', () => {
    expect(actionWords({ action: 'new' })).toBe('New account');
    expect(actionWords({ action: 'update', into: 'Acme UAT' })).toBe('Updates “Acme UAT”');
    expect(actionWords({ action: 'update', into: 'Acme UAT', newer: ['password'] })).toBe(
      'Updates “Acme UAT”: the imported password is newer and becomes current',
    );
    expect(actionWords({ action: 'update', into: 'Acme UAT', newer: ['password', 'security token'], older: ['consumer secret'] })).toBe(
      'Updates “Acme UAT”: the imported password and security token are newer and become current; the imported consumer secret goes to the history',
    );
    expect(actionWords({ action: 'update', into: 'Acme UAT', older: ['password', 'security token', 'TOTP secret'] })).toBe(
      'Updates “Acme UAT”: the imported password, security token and TOTP secret go to the history',
    );
    expect(actionWords({ action: 'unchanged', into: 'Acme UAT' })).toBe('Already in Tokenkeep (“Acme UAT”)');
    expect(actionWords({ action: 'skip', why: 'It holds no password, token or key.' })).toBe('Skipped: It holds no password, token or key.');
    expect(actionWords(undefined)).toBe('…');
  });
});
