/** The SFDX auth URL kind, parsed as @salesforce/core parses it. */
import { describe, expect, it } from 'vitest';
import { checkFields } from '../../../utils/kinds/check';
import { parseSfdxUrl } from '../../../utils/kinds/salesforce-sfdx-url.kind';
import { kind, text } from './helpers';

describe('salesforce-sfdx-url', () => {
  const url = 'force://PlatformCLI::5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrnx.ZA@acme--uat.sandbox.my.salesforce.com';
  it('reads the parts, keeps the exact string, and copies an sf command that reads it from the file its file format makes', async () => {
    expect(parseSfdxUrl(url)).toEqual({
      sfdxUrl: url,
      clientId: 'PlatformCLI',
      clientSecret: '',
      refreshToken: '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrnx.ZA',
      instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
    });
    const fields = await checkFields(kind('salesforce-sfdx-url'), { sfdxUrl: url });
    expect(await text('salesforce-sfdx-url', 'sfdx-url', fields)).toBe(url);
    expect(JSON.parse((await text('salesforce-sfdx-url', 'sfdx-url-file', fields))!)).toEqual({ sfdxAuthUrl: url });
    // sf reads a file named .json as JSON with a top-level sfdxAuthUrl (plugin-auth src/commands/org/login/sfdx-url.ts, `authFile.endsWith('.json')`).
    expect(await text('salesforce-sfdx-url', 'sf-login-sfdx-url', fields)).toBe('sf org login sfdx-url --sfdx-url-file authFile.json');
  });
  it.each([
    ['https://acme.my.salesforce.com', /starts with force/],
    ['force://id:secret:token', /no @instance/],
    ['force://token@acme.my.salesforce.com', /missing a part/],
    ['force://:secret:token@acme.my.salesforce.com', /no client id/],
    ['force://id:secret:@acme.my.salesforce.com', /no refresh token/],
    ['force://id:secret:token@not a host', /more after its instance.*to not\b/],
    ['force://id:secret:token@', /no instance/],
    ['force://id:secret:token@-x', /not a host name/],
    ['force://id:sec!ret:token@acme.my.salesforce.com', /client secret holds a character/],
    // sf stops at the first character outside [A-Za-z0-9:._-]: it would send the refresh token to evil.example.com.
    ['force://id:secret:token@evil.example.com/@acme.my.salesforce.com', /sf would send its refresh token to evil\.example\.com/],
    ['force://id:secret:token@evil.example.com?@acme.my.salesforce.com', /evil\.example\.com/],
  ])('refuses %s', async (bad, message) => {
    await expect(checkFields(kind('salesforce-sfdx-url'), { sfdxUrl: bad })).rejects.toThrow(message);
  });
  it('keeps what sf would misread only once it is put right: an instance with https:// or a trailing slash', async () => {
    const fields = await checkFields(kind('salesforce-sfdx-url'), { sfdxUrl: 'FORCE://PlatformCLI::5Aep861abc@https://acme-dev-ed.my.salesforce.com/' });
    expect(fields).toMatchObject({
      sfdxUrl: 'force://PlatformCLI::5Aep861abc@acme-dev-ed.my.salesforce.com',
      instanceUrl: 'https://acme-dev-ed.my.salesforce.com',
    });
  });
});
