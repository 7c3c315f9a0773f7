/** Finding a lost Salesforce token again in an old password+token string. */
import { describe, expect, it } from 'vitest';
import { kindOf } from '../../../utils/kinds';
import { canRecover, recoverToken } from '../../../utils/kinds/recover';

const salesforce = kindOf('salesforce')!;
const fields = { username: 'jane@acme.com', password: 'mypassword' };
const TOKEN = 'bEm3dmXFLkPJ27oXViSQtnXe';

describe('recovering a token from password+token', () => {
  it('splits the string, or a whole config line, after the account’s password', () => {
    for (const pasted of [
      `mypassword${TOKEN}`,
      `password = mypassword${TOKEN}`,
      `SF_PASSWORD='mypassword${TOKEN}'\nSF_USERNAME=jane@acme.com`,
      `  "password": "mypassword${TOKEN}",`,
    ]) {
      expect(recoverToken(salesforce, fields, pasted), pasted).toEqual({ password: 'mypassword', token: TOKEN, field: 'token' });
    }
  });
  it('refuses a string that does not start with the password, the password alone, and a tail that is no token', () => {
    expect(recoverToken(salesforce, fields, `otherpass${TOKEN}`)).toEqual({ problem: expect.stringMatching(/does not start with the account’s password/) });
    expect(recoverToken(salesforce, fields, `xmypassword${TOKEN}`)).toEqual({ problem: expect.stringMatching(/does not start/) });
    expect(recoverToken(salesforce, fields, 'mypassword')).toEqual({ problem: expect.stringMatching(/password alone, with no security token/) });
    expect(recoverToken(salesforce, fields, 'mypassword123')).toEqual({
      problem: 'What follows the password (3 characters) is not a security token, which is 20 to 30 letters and digits.',
    });
  });
  it('is offered only for a kind whose token follows the password, on an account that has one', () => {
    expect(canRecover(salesforce, fields)).toBe(true);
    expect(canRecover(salesforce, { username: 'jane@acme.com' })).toBe(false);
    expect(canRecover(kindOf('github')!, { token: 'x', password: 'y' })).toBe(false);
  });
});
