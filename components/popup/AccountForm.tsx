import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { providerName } from '../../utils/account-list';
import { parseSites, SALESFORCE_SITES } from '../../utils/sites';
import { detectTokenKind, KINDS } from '../../utils/token-kind';
import { guessEnvironment, loginUrlFor, type Account, type AccountProvider, type Environment } from '../../utils/vault/account';
import type { AccountInput } from '../../utils/vault/service';
import { DeleteButton } from './AccountDetails';
import type { PopupModel } from './model';

const PROVIDERS: AccountProvider[] = [...KINDS.map((k) => k.kind), 'other'];

function Row({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Add or edit an account. A pasted token names its kind; a Salesforce environment sets its login URL. */
export function AccountForm({ account, model }: { account?: Account; model: PopupModel }) {
  const provider = useSignal<AccountProvider>(account?.provider ?? 'salesforce');
  // Once the user picks a kind, a pasted token no longer changes it.
  const providerChosen = useSignal(!!account);
  const label = useSignal(account?.label ?? '');
  const username = useSignal(account?.username ?? '');
  const password = useSignal(account?.password ?? '');
  const showPassword = useSignal(false);
  const token = useSignal(account?.token ?? '');
  const environment = useSignal<Environment>(account?.environment ?? 'production');
  const loginUrl = useSignal(account?.loginUrl ?? loginUrlFor('production'));
  const sites = useSignal((account?.sites ?? SALESFORCE_SITES).join('\n'));
  const expiresAt = useSignal(account?.expiresAt ?? '');
  const notes = useSignal(account?.notes ?? '');

  const detected = token.value.trim() ? detectTokenKind(token.value) : undefined;
  const parsedSites = parseSites(sites.value);
  const isSalesforce = provider.value === 'salesforce';

  function setEnvironment(next: Environment) {
    // The login URL follows the environment unless the user typed their own.
    if (loginUrl.value === loginUrlFor(environment.value)) loginUrl.value = loginUrlFor(next);
    environment.value = next;
  }

  function onToken(value: string) {
    token.value = value;
    const kind = detectTokenKind(value);
    if (!providerChosen.value && kind && kind !== provider.value) {
      provider.value = kind;
      if (kind !== 'salesforce' && sites.value === SALESFORCE_SITES.join('\n')) sites.value = '';
    }
  }

  function onUsername(value: string) {
    username.value = value;
    if (!account && isSalesforce && value.includes('@')) setEnvironment(guessEnvironment(value.trim()));
  }

  function submit(e: Event) {
    e.preventDefault();
    if (parsedSites.invalid.length) return;
    const input: AccountInput = {
      ...(account ? { id: account.id } : {}),
      provider: provider.value,
      label: label.value,
      username: username.value,
      password: password.value,
      token: token.value,
      environment: isSalesforce ? environment.value : 'custom',
      loginUrl: loginUrl.value.trim(),
      sites: parsedSites.sites,
      expiresAt: expiresAt.value,
      notes: notes.value,
    };
    void model.save(input);
  }

  return (
    <form class="account-form" aria-labelledby="form-title" onSubmit={submit}>
      <div class="details-head">
        <button type="button" class="back" onClick={() => (account ? model.showDetails(account.id) : model.showList())}>
          ← {account ? 'Back' : 'Accounts'}
        </button>
        <h2 id="form-title">{account ? `Edit ${account.label}` : 'Add an account'}</h2>
      </div>
      <Row id="f-token" label="Token" hint={detected ? `Recognised: a ${providerName(detected)} token.` : 'Paste a token: its kind is recognised from its format.'}>
        <input id="f-token" class="mono" autocomplete="off" spellcheck={false} aria-describedby="f-token-hint" value={token.value} onInput={(e) => onToken(e.currentTarget.value)} />
      </Row>
      <Row id="f-provider" label="Kind">
        <select
          id="f-provider"
          value={provider.value}
          onChange={(e) => {
            provider.value = e.currentTarget.value as AccountProvider;
            providerChosen.value = true;
          }}
        >
          {PROVIDERS.map((p) => (
            <option key={p} value={p}>
              {providerName(p)}
            </option>
          ))}
        </select>
      </Row>
      <Row id="f-label" label="Name">
        <input id="f-label" autocomplete="off" placeholder={username.value || 'Acme production'} value={label.value} onInput={(e) => (label.value = e.currentTarget.value)} />
      </Row>
      <Row id="f-username" label={provider.value === 'atlassian' ? 'Email' : 'Username'}>
        <input id="f-username" autocomplete="off" spellcheck={false} value={username.value} onInput={(e) => onUsername(e.currentTarget.value)} />
      </Row>
      <Row id="f-password" label={provider.value === 'aws' ? 'Secret access key' : 'Password'}>
        <div class="password-row">
          <input
            id="f-password"
            type={(showPassword.value ? 'text' : 'password') as 'password'}
            autocomplete="off"
            spellcheck={false}
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
          <button type="button" aria-pressed={showPassword.value} aria-controls="f-password" onClick={() => (showPassword.value = !showPassword.value)}>
            {showPassword.value ? 'Hide' : 'Show'}
          </button>
        </div>
      </Row>
      {isSalesforce && (
        <Row id="f-environment" label="Environment">
          <select id="f-environment" value={environment.value} onChange={(e) => setEnvironment(e.currentTarget.value as Environment)}>
            <option value="production">Production (login.salesforce.com)</option>
            <option value="sandbox">Sandbox (test.salesforce.com)</option>
            <option value="custom">Custom domain</option>
          </select>
        </Row>
      )}
      <Row id="f-login" label="Login URL">
        <input id="f-login" type="url" autocomplete="off" placeholder="https://" value={loginUrl.value} onInput={(e) => (loginUrl.value = e.currentTarget.value)} />
      </Row>
      <Row
        id="f-sites"
        label="Sites it fills on"
        hint={parsedSites.problems.length ? parsedSites.problems.join(' ') : 'One per line: https://host or https://*.host.'}
      >
        <textarea
          id="f-sites"
          rows={3}
          spellcheck={false}
          aria-describedby="f-sites-hint"
          aria-invalid={parsedSites.invalid.length > 0}
          value={sites.value}
          onInput={(e) => (sites.value = e.currentTarget.value)}
        />
      </Row>
      <Row id="f-expires" label="Expires on (optional)" hint="You get a reminder 14 days and 1 day before.">
        <input id="f-expires" type="date" aria-describedby="f-expires-hint" value={expiresAt.value} onInput={(e) => (expiresAt.value = e.currentTarget.value)} />
      </Row>
      <Row id="f-notes" label="Notes">
        <textarea id="f-notes" rows={2} value={notes.value} onInput={(e) => (notes.value = e.currentTarget.value)} />
      </Row>
      <div class="actions">
        <button type="submit" class="primary" disabled={model.busy.value || parsedSites.invalid.length > 0}>
          {account ? 'Save' : 'Add account'}
        </button>
        <button type="button" onClick={() => (account ? model.showDetails(account.id) : model.showList())}>
          Cancel
        </button>
        {account && <DeleteButton account={account} model={model} />}
      </div>
    </form>
  );
}
