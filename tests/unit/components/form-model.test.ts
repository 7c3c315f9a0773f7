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
    expect(form.input()).toMatchObject({ kind: 'salesforce-oauth', fields: { clientId: '3MVG9abcdefghij', clientSecret: 's', myDomain: 'https://acme.my.salesforce.com' }, sites: [] });
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
