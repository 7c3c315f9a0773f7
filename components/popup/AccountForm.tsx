import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ACCOUNT_COLORS, colorName, type AccountColor } from '../../utils/common/account-colors';
import { fieldName, largeFields, type FieldSpec, type Kind } from '../../utils/kinds';
import { today } from '../../utils/kinds/dates';
import { sameLogin, type Account } from '../../utils/vault/account';
import { DeleteButton } from './AccountDetails';
import { createAccountForm, type AccountFormModel, type FormSeed } from './form-model';
import { useFocusOnShow } from './focus';
import type { PopupModel } from './model';

function Row({ id, label, hint, invalid, children }: { id: string; label: string; hint?: string; invalid?: boolean; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class={invalid ? 'hint hint-error' : 'hint'} id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** One of the kind's fields: a select, a text area (PEM), or an input; secrets hidden until Show. */
function FieldInput({ spec, form }: { spec: FieldSpec; form: AccountFormModel }) {
  const shown = useSignal(false);
  const id = `f-${spec.name}`;
  const value = form.fields.value[spec.name] ?? '';
  const problem = form.problems.value[spec.name];
  const hint = problem ?? spec.hint;
  const suggestion = value.trim() ? spec.suggest?.(value) : undefined;
  const common = {
    id,
    autocomplete: 'off',
    spellcheck: false,
    'aria-describedby': hint ? `${id}-hint` : undefined,
    'aria-invalid': problem ? true : undefined,
    'aria-required': spec.required ? true : undefined,
    placeholder: spec.placeholder,
  };
  const set = (e: { currentTarget: { value: string } }) => form.setField(spec.name, e.currentTarget.value);
  let control;
  if (spec.choices) {
    control = (
      <select id={id} value={value || spec.choices[0]![0]} onChange={set}>
        {spec.choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    );
  } else if (spec.multiline) {
    control = <textarea {...common} class={spec.secret && !shown.value ? 'mono masked' : 'mono'} rows={4} value={value} onInput={set} />;
  } else if (spec.secret) {
    control = <input {...common} class="mono" type={(shown.value ? 'text' : 'password') as 'password'} value={value} onInput={set} />;
  } else {
    control = <input {...common} class="mono" value={value} onInput={set} />;
  }
  return (
    <Row id={id} label={spec.label} hint={hint} invalid={!!problem}>
      {spec.secret && !spec.choices ? (
        <div class="password-row">
          {control}
          <button
            type="button"
            aria-pressed={shown.value}
            aria-controls={id}
            aria-label={`${shown.value ? 'Hide' : 'Show'} ${spec.label.toLowerCase()}`}
            onClick={() => (shown.value = !shown.value)}
          >
            {shown.value ? 'Hide' : 'Show'}
          </button>
        </div>
      ) : (
        control
      )}
      {suggestion && (
        <button type="button" class="link suggestion" onClick={() => form.setField(spec.name, suggestion)}>
          Use {suggestion}
        </button>
      )}
    </Row>
  );
}

/** What the form says about a value saved from a page: read or not, and whether its format is known. */
function savedNotice(form: AccountFormModel): string {
  if (form.savedUnread) return `Tokenkeep could not read the field on ${form.savedFrom}. Copy its value there and paste it below.`;
  const next = form.recognised.value
    ? 'Check the kind and the fields, then add it.'
    : 'Not a format Tokenkeep knows: it is kept as the password below. Pick the kind that fits, then add it.';
  return `Saved from ${form.savedFrom}. ${next}`;
}

/** For a kind with private keys or certificates: whether they travel with browser sync too (they take much of its room). */
function LargeSecretsSync({ form, kind }: { form: AccountFormModel; kind: Kind }) {
  const large = largeFields(kind).map((f) => f.label.replace(/ \(PEM.*\)$/, '').toLowerCase());
  if (!large.length) return null;
  return (
    <label class="check">
      <input type="checkbox" checked={form.syncLargeSecrets.value} onChange={(e) => (form.syncLargeSecrets.value = e.currentTarget.checked)} />
      Sync its {large.join(' and ')} through browser sync too (otherwise {large.length === 1 ? 'it stays' : 'they stay'} on this browser)
    </label>
  );
}

/** The account's colour (its stripe in the list, its "Log in" tab's group), and whether "Log in" submits the form. */
function LoginOptions({ form, kind }: { form: AccountFormModel; kind: Kind }) {
  return (
    <>
      <Row
        id="f-color"
        label="Colour"
        hint={kind.loginPage ? 'A stripe beside it in the list, and the tab group Log in opens it in.' : 'A stripe beside it in the list.'}
      >
        <select
          id="f-color"
          aria-describedby="f-color-hint"
          value={form.color.value}
          onChange={(e) => (form.color.value = e.currentTarget.value as AccountColor | '')}
        >
          <option value="">None</option>
          {ACCOUNT_COLORS.map((c) => (
            <option key={c} value={c}>
              {colorName(c)}
            </option>
          ))}
        </select>
      </Row>
      {kind.loginPage && (
        <label class="check">
          <input type="checkbox" checked={form.submitLogin.value} onChange={(e) => (form.submitLogin.value = e.currentTarget.checked)} />
          Log in submits each page for me (otherwise I press Next and Log In myself)
        </label>
      )}
    </>
  );
}

/** Add or edit an account of any kind. A pasted credential names its kind and fills what it holds. */
/** The token found again in an old password+token string, for an account that knows its password: both parts shown, the token taken in one click. */
function RecoverToken({ form, kind }: { form: AccountFormModel; kind: Kind }) {
  if (!form.canRecover.value) return null;
  const found = form.recovery.value;
  const words = fieldName(kind, kind.fill.token ?? 'token');
  return (
    <details class="recover">
      <summary>Lost the {words}? Find it in an old password+token</summary>
      <Row
        id="f-recover"
        label="Paste the password+token string, or the config line it is in"
        hint={found && 'problem' in found ? found.problem : `Tokenkeep looks for this account’s password in it: what follows is the ${words}.`}
        invalid={!!found && 'problem' in found}
      >
        <textarea
          id="f-recover"
          class="mono masked"
          rows={1}
          autocomplete="off"
          spellcheck={false}
          aria-describedby="f-recover-hint"
          value={form.recoveryText.value}
          onInput={(e) => (form.recoveryText.value = e.currentTarget.value)}
        />
      </Row>
      {found && !('problem' in found) && (
        <div class="recovered" role="status">
          <p>
            Password <span class="mono">{'•'.repeat(found.password.length)}</span> (this account’s) + {words} <span class="mono">{found.token}</span>
          </p>
          <button type="button" onClick={() => form.useRecovered(today())}>
            Use this {words}
          </button>
        </div>
      )}
    </details>
  );
}

export function AccountForm({ account, seed, model }: { account?: Account; seed?: FormSeed; model: PopupModel }) {
  const form = useMemo(() => createAccountForm(account, seed), [account, seed]);
  const kind = form.kind.value;
  const parsedSites = form.parsedSites.value;
  const recognised = form.recognised.value;
  // Rarely needed parts wait folded, unless they hold something or have a problem to show.
  const optionalFields = kind.fields.filter((f) => !f.derived && f.optional);
  const moreOpen =
    optionalFields.some((f) => form.fields.value[f.name] || form.problems.value[f.name]) ||
    parsedSites.invalid.length > 0 ||
    !!form.expiresAt.value ||
    !!form.notes.value ||
    !!form.color.value ||
    form.submitLogin.value;
  const moreTitle = `More: ${[...optionalFields.map((f) => f.label.replace(/ \(.*\)$/, '')), 'sites', ...(kind.expiry ? [] : ['expiry']), kind.loginPage ? 'colour and log in' : 'colour', 'notes'].join(', ')}`;
  // A new account starts at the paste box, its first field; an edit at its heading, which names the account.
  const heading = useFocusOnShow<HTMLHeadingElement>();
  const pasteBox = useRef<HTMLTextAreaElement>(null);
  useEffect(() => void (!account && pasteBox.current?.focus()), []);

  // Two accounts for one login would both answer for it: the form offers to update the one there is.
  const clash = sameLogin(model.accounts.value, { ...(account ? { id: account.id } : {}), kind: kind.name, fields: form.fields.value });

  function submit(e: Event) {
    e.preventDefault();
    if (!form.canSave.value || clash) return;
    void model.save(form.input(account?.id));
  }

  return (
    <form class="account-form" aria-labelledby="form-title" onSubmit={submit}>
      <div class="details-head">
        <button type="button" class="back" onClick={() => (account ? model.showDetails(account.id) : model.showList())}>
          ← {account ? 'Back' : 'Accounts'}
        </button>
        <h2 id="form-title" tabIndex={-1} ref={heading}>
          {account ? `Edit ${account.label}` : 'Add an account'}
        </h2>
      </div>
      {form.savedFrom && <p class="notice">{savedNotice(form)}</p>}
      <Row
        id="f-paste"
        label="Paste a credential"
        invalid={!!(recognised && form.pasteProblem.value)}
        hint={
          recognised && form.pasteProblem.value
            ? `Looks like a ${recognised.title} value, but: ${form.pasteProblem.value}`
            : recognised
              ? `Recognised: ${recognised.title}. Its values are in the fields below.`
              : form.pasted.value.trim()
                ? 'Not a format Tokenkeep knows: pick the kind and fill in the fields.'
                : 'A token, force:// URL, otpauth:// link or PEM key.'
        }
      >
        <textarea
          ref={pasteBox}
          id="f-paste"
          class="mono masked"
          rows={1}
          autocomplete="off"
          spellcheck={false}
          aria-describedby="f-paste-hint"
          value={form.pasted.value}
          onInput={(e) => form.paste(e.currentTarget.value)}
        />
        {model.tab.value && (
          <button type="button" class="link" disabled={model.busy.value} onClick={() => void model.scanQr().then((text) => text && form.paste(text))}>
            Scan QR code on this page
          </button>
        )}
      </Row>
      <div class="pair">
        <Row id="f-kind" label="Kind">
          <select id="f-kind" value={kind.name} onChange={(e) => form.chooseKind(e.currentTarget.value)}>
            {form.kinds.map((k) => (
              <option key={k.name} value={k.name}>
                {k.title}
              </option>
            ))}
          </select>
        </Row>
        <Row id="f-label" label="Name">
          <input
            id="f-label"
            autocomplete="off"
            placeholder={(kind.subtitle && form.fields.value[kind.subtitle]) || 'Acme production'}
            value={form.label.value}
            onInput={(e) => (form.label.value = e.currentTarget.value)}
          />
        </Row>
      </div>
      {kind.fields
        .filter((f) => !f.derived && !f.optional && (f.shownWhen?.(form.fields.value) ?? true))
        .map((spec) => (
          <FieldInput key={`${kind.name}:${spec.name}`} spec={spec} form={form} />
        ))}
      <RecoverToken form={form} kind={kind} />
      <details class="more-fields" open={moreOpen}>
        <summary>{moreTitle}</summary>
        {optionalFields.map((spec) => (
          <FieldInput key={`${kind.name}:${spec.name}`} spec={spec} form={form} />
        ))}
        <Row
          id="f-sites"
          label="Sites it fills on"
          hint={parsedSites.problems.length ? parsedSites.problems.join(' ') : 'One per line: https://host or https://*.host.'}
          invalid={parsedSites.invalid.length > 0}
        >
          <textarea
            id="f-sites"
            rows={3}
            spellcheck={false}
            aria-describedby="f-sites-hint"
            aria-invalid={parsedSites.invalid.length > 0}
            value={form.sites.value}
            onInput={(e) => (form.sites.value = e.currentTarget.value)}
          />
        </Row>
        {kind.expiry ? (
          <p class="hint">The expiry date comes from the credential itself; you get a reminder 14 days and 1 day before.</p>
        ) : (
          <Row id="f-expires" label="Expires on (optional)" hint="You get a reminder 14 days and 1 day before.">
            <input
              id="f-expires"
              type="date"
              aria-describedby="f-expires-hint"
              value={form.expiresAt.value}
              onInput={(e) => (form.expiresAt.value = e.currentTarget.value)}
            />
          </Row>
        )}
        <LargeSecretsSync form={form} kind={kind} />
        <LoginOptions form={form} kind={kind} />
        <Row id="f-notes" label="Notes">
          <textarea id="f-notes" rows={2} value={form.notes.value} onInput={(e) => (form.notes.value = e.currentTarget.value)} />
        </Row>
      </details>
      {form.missing.value.length > 0 && <p class="hint">Still needed: {form.missing.value.join(', ')}.</p>}
      {clash && (
        <div class="notice" role="note">
          <p>“{clash.label}” is already this login.</p>
          <button type="button" class="link" onClick={() => void model.edit(clash.id, { fields: form.input().fields })}>
            Update “{clash.label}” with these values
          </button>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={model.busy.value || !form.canSave.value || !!clash}>
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
