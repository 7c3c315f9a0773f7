/** The add and edit form's model: it reads only the kinds' declarations. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAccountForm } from '../../../components/popup/form-model';

const KEY = readFileSync(new URL('../../fixtures/kinds/jwt-key.pem', import.meta.url), 'utf8');

describe('account form model', () => {
  it('picks the kind a pasted value is, and fills the fields it holds', () => {
    const form = createAccountForm();
    form.paste('force://PlatformCLI::5AepX@acme.my.salesforce.com');
    expect([form.kind.value.name, form.fields.value.sfdxUrl]).toEqual(['salesforce-sfdx-url', 'force://PlatformCLI::5AepX@acme.my.salesforce.com']);
    form.paste(KEY);
    expect(form.kind.value.name).toBe('salesforce-jwt');
    expect(form.fields.value.privateKey).toContain('BEGIN PRIVATE KEY');
    expect(form.missing.value).toEqual(['Consumer key', 'Username']);
  });
  it('keeps the kind the user chose, and puts a TOTP link into it when it has the field', () => {
    const form = createAccountForm();
    form.chooseKind('other');
    form.paste('otpauth://totp/Acme:me%40acme.com?secret=JBSWY3DPEHPK3PXP');
    expect(form.kind.value.name).toBe('other');
    expect(form.fields.value.totp).toMatch(/^otpauth:/);
  });
  it('follows the Salesforce environment with the login URL unless one was typed, and guesses a sandbox from the username', () => {
    const form = createAccountForm();
    form.setField('username', 'jane@acme.com.uat');
    expect(form.fields.value).toMatchObject({ environment: 'sandbox', loginUrl: 'https://test.salesforce.com' });
    form.setField('environment', 'production');
    expect(form.fields.value.loginUrl).toBe('https://login.salesforce.com');
    form.setField('loginUrl', 'https://acme.my.salesforce.com');
    form.setField('environment', 'sandbox');
    expect(form.fields.value.loginUrl).toBe('https://acme.my.salesforce.com');
  });
  it('names a field’s problem as the user types and will not save until it is fixed', () => {
    const form = createAccountForm();
    form.chooseKind('salesforce-oauth');
    form.setField('clientId', '3MVG9abcdefghij');
    form.setField('clientSecret', 's');
    form.setField('myDomain', 'https://login.salesforce.com');
    expect(form.problems.value.myDomain).toMatch(/my\.salesforce\.com/);
    expect(form.canSave.value).toBe(false);
    form.setField('myDomain', 'https://acme.my.salesforce.com');
    expect(form.canSave.value).toBe(true);
    expect(form.input()).toMatchObject({
      kind: 'salesforce-oauth',
      fields: { clientId: '3MVG9abcdefghij', clientSecret: 's', myDomain: 'https://acme.my.salesforce.com' },
      sites: [],
    });
  });
  it('opens with a value saved from a page pasted, and keeps the page it came from', () => {
    const form = createAccountForm(undefined, { pasted: `ghp_${'a1B2'.repeat(9)}`, savedFrom: 'https://github.com' });
    expect(form.kind.value.name).toBe('github');
    expect(form.input()).toMatchObject({ kind: 'github', savedFrom: 'https://github.com' });
  });
});

describe('account form model: a value of no known format saved from a page', () => {
  it('keeps it as the password of an Other account, out of the paste box', () => {
    const form = createAccountForm(undefined, { pasted: 'Shown-once-secret-42', savedFrom: 'https://apps.example' });
    expect(form.kind.value.name).toBe('other');
    expect(form.fields.value.password).toBe('Shown-once-secret-42');
    expect(form.pasted.value).toBe('');
  });
});

describe('account form model: a field the page would not let Tokenkeep read', () => {
  it('opens empty, says so, and still keeps the page once the user pastes', () => {
    const form = createAccountForm(undefined, { pasted: '', savedFrom: 'https://apps.example' });
    expect(form.savedUnread).toBe(true);
    form.paste(`ghp_${'a1B2'.repeat(9)}`);
    expect(form.input()).toMatchObject({ kind: 'github', savedFrom: 'https://apps.example' });
  });
});

describe('account form model: switching kinds', () => {
  it('carries over what the user typed, not another kind’s defaults', () => {
    const form = createAccountForm();
    form.paste(`ghp_${'a1B2'.repeat(9)}`);
    expect(form.fields.value).toEqual({ token: `ghp_${'a1B2'.repeat(9)}` });
  });
});

describe('account form: what users really paste', () => {
  const CONSUMER_KEY = `3MVG9${'rZjd7MXFdLJ2vMBZPFuaHeKJ8EInuE5Pv7E1tEAWkqlRNyQfc1LSIvs8uF3XG3Y0Zzjwk4'.slice(0, 80)}`;

  it('starts an OAuth app from a consumer key alone, and asks for the secret', () => {
    const form = createAccountForm();
    form.paste(CONSUMER_KEY);
    expect([form.kind.value.name, form.fields.value.clientId]).toEqual(['salesforce-oauth', CONSUMER_KEY]);
    expect(form.missing.value).toEqual(['Consumer secret', 'My Domain URL']);
  });

  it('gives an authenticator link to the kind its issuer names: Salesforce’s to Salesforce, GitHub’s to Other, never a Salesforce account wanting an email', () => {
    const form = createAccountForm();
    form.paste('otpauth://totp/GitHub:alex-morgan?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
    expect(form.kind.value.name).toBe('other');
    expect(form.fields.value.totp).toMatch(/^otpauth:/);
    const sf = createAccountForm();
    sf.paste('otpauth://totp/Salesforce:jane%40acme.com?secret=JBSWY3DPEHPK3PXP&issuer=Salesforce');
    expect([sf.kind.value.name, sf.fields.value.username]).toEqual(['salesforce', 'jane@acme.com']);
  });

  it('takes a bare base32 secret into the kind it has, as its TOTP secret', () => {
    const form = createAccountForm();
    form.paste('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect([form.kind.value.name, form.fields.value.totp]).toEqual(['salesforce', 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP']);
    expect(form.recognised.value?.name).toBe('other');
  });

  it('offers the My Domain in one click for a host typed without https://, or the org’s Lightning address', async () => {
    const { myDomainSuggestion } = await import('../../../utils/kinds/text');
    expect(myDomainSuggestion('acme.my.salesforce.com')).toBe('https://acme.my.salesforce.com');
    expect(myDomainSuggestion('https://acme.lightning.force.com/lightning/page/home')).toBe('https://acme.my.salesforce.com');
    expect(myDomainSuggestion('acme--uat.sandbox.lightning.force.com')).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(myDomainSuggestion('https://acme.my.salesforce.com')).toBeUndefined();
    expect(myDomainSuggestion('https://login.salesforce.com')).toBeUndefined();
  });

  it('says what is wrong with a pasted value that only looks like a known one, not that it was recognised', () => {
    const form = createAccountForm();
    form.paste('force://PlatformCLI::@acme.my.salesforce.com');
    expect(form.recognised.value?.name).toBe('salesforce-sfdx-url');
    expect(form.pasteProblem.value).toBeTruthy();
  });

  it('keeps what was pasted when the user then picks another kind', () => {
    const form = createAccountForm();
    form.paste('ghp_' + 'a1B2'.repeat(9));
    expect(form.kind.value.name).toBe('github');
    form.chooseKind('other');
    expect(form.fields.value.token).toBe('ghp_' + 'a1B2'.repeat(9));
    // A kind without a field for it: the value waits, masked, in the paste box, and goes into the next kind that takes it.
    const url = 'force://PlatformCLI::5AepX@acme.my.salesforce.com';
    const other = createAccountForm();
    other.paste(url);
    other.chooseKind('aws');
    expect(other.pasted.value).toBe(url);
    other.chooseKind('salesforce-sfdx-url');
    expect(other.fields.value.sfdxUrl).toBe(url);
  });
});
