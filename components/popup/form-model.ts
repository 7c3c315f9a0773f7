/**
 * The add and edit form's state, for any kind: it reads the kind's
 * declarations (fields, recognition, how fields follow each other) and
 * switches on no kind name. A pasted credential picks the kind and fills
 * its fields, until the user picks a kind themselves.
 */
import type { AccountColor } from '../../utils/common/account-colors';
import { computed, signal } from '@preact/signals';
import { DEFAULT_KIND, fieldName, kindFor, KINDS, OTHER_KIND, recognise, type Fields, type Kind } from '../../utils/kinds';
import { canRecover, recoverToken } from '../../utils/kinds/recover';
import { parseSites } from '../../utils/common/sites';
import type { Account } from '../../utils/vault/account';
import type { AccountInput } from '../../utils/vault/account';

export interface FormSeed {
  /** A value saved from a page ("Save to Tokenkeep…"): pasted into the form as the user would. */
  pasted?: string;
  /** That page's origin, kept with the account. */
  savedFrom?: string;
  /** A kind to start with, and fields it starts from (an OAuth app for a legacy account's org). */
  kind?: string;
  fields?: Fields;
}

export function createAccountForm(account?: Account, seed: FormSeed = {}) {
  const start = account ? kindFor(account.kind) : seed.kind ? kindFor(seed.kind) : DEFAULT_KIND;
  const kind = signal<Kind>(start);
  // Once the user picks a kind, or edits an account, a paste no longer changes it.
  const kindChosen = signal(!!account || !!seed.kind);
  // An existing account opened to take new values (a token for a login it already is) shows them over its own.
  const fields = signal<Fields>(account ? { ...account.fields, ...seed.fields } : (start.start?.(seed.fields ?? {}) ?? seed.fields ?? {}));
  const label = signal(account?.label ?? '');
  const defaultSitesText = (k: Kind, f: Fields) => (k.defaultSites?.(f) ?? []).join('\n');
  const sites = signal(account ? account.sites.join('\n') : defaultSitesText(start, fields.value));
  const expiresAt = signal(account?.expiresAt?.slice(0, 10) ?? '');
  const notes = signal(account?.notes ?? '');
  const recoveryText = signal('');
  const syncLargeSecrets = signal(!!account?.syncLargeSecrets);
  const color = signal<AccountColor | ''>(account?.color ?? '');
  const submitLogin = signal(!!account?.submitLogin);
  const pasted = signal('');
  // Fields the user typed or pasted into: what carries over to another kind (a default login URL does not).
  const touched = new Set<string>([...Object.keys(account?.fields ?? {}), ...Object.keys(seed.fields ?? {})]);
  const recognised = signal<Kind | null>(null);
  /** The fields the last paste filled: a problem in one of them means the paste was not quite the credential it looked like. */
  const pastedNames = signal<string[]>([]);

  const parsedSites = computed(() => parseSites(sites.value));
  const problems = computed(() => {
    const out: Record<string, string> = {};
    for (const spec of kind.value.fields) {
      const value = fields.value[spec.name] ?? '';
      const problem = value.trim() ? spec.problem?.(value) : undefined;
      if (problem) out[spec.name] = problem;
    }
    return out;
  });
  const missing = computed(() => kind.value.fields.filter((f) => f.required && !f.derived && !(fields.value[f.name] ?? '').trim()).map((f) => f.label));
  const canSave = computed(() => !parsedSites.value.invalid.length && !Object.keys(problems.value).length && !missing.value.length);

  /** The last value pasted: it follows the user to another kind they choose, instead of being pasted again. */
  let lastPaste: string | undefined;

  function switchKind(next: Kind, own: Fields = {}) {
    const before = kind.value;
    const usedDefaults = sites.value === defaultSitesText(before, fields.value);
    kind.value = next;
    // Values the new kind has a field for carry over; the rest stay out of the save.
    const kept = Object.fromEntries(Object.entries(fields.value).filter(([name]) => touched.has(name) && next.fields.some((f) => f.name === name)));
    fields.value = next.start?.({ ...kept, ...own }) ?? { ...kept, ...own };
    if (usedDefaults) sites.value = defaultSitesText(next, fields.value);
  }

  /**
   * A pasted (or scanned) value: recognised, it fills the fields it holds, and picks the kind unless
   * the user did. Into a kind that has those fields (a TOTP link into an Other account), it goes as is.
   */
  function paste(value: string) {
    pasted.value = value;
    const found = recognise(value);
    recognised.value = found?.kind ?? null;
    pastedNames.value = found ? Object.keys(found.fields) : [];
    if (!found) return;
    const fits = Object.keys(found.fields).every((name) => kind.value.fields.some((f) => f.name === name));
    for (const name of Object.keys(found.fields)) touched.add(name);
    lastPaste = value;
    if (!kindChosen.value && found.kind !== kind.value && !(found.loose && fits)) switchKind(found.kind, found.fields);
    else if (found.kind === kind.value || fits) fields.value = { ...fields.value, ...found.fields };
    else return;
    // The value now sits in its own fields, masked where secret: it does not stay in plain view here.
    pasted.value = '';
  }
  if (seed.pasted) {
    paste(seed.pasted);
    // Saved from a page but of no known format: kept as the main secret of the stand-in kind, never left in plain view.
    if (!recognised.value) {
      const standIn = OTHER_KIND;
      switchKind(standIn, { [standIn.fill.password ?? 'password']: seed.pasted.trim() });
      pasted.value = '';
    }
  }

  function setField(name: string, value: string) {
    touched.add(name);
    const before = fields.value;
    const after = { ...before, [name]: value };
    fields.value = kind.value.follow?.(before, after, name) ?? after;
    // Sites the user left as they were follow the account's environment (a sandbox: test.salesforce.com).
    if (sites.value === defaultSitesText(kind.value, before)) sites.value = defaultSitesText(kind.value, fields.value);
  }

  const recovery = computed(() =>
    recoveryText.value.trim() && canRecover(kind.value, fields.value) ? recoverToken(kind.value, fields.value, recoveryText.value) : undefined,
  );

  return {
    kind,
    kindChosen,
    fields,
    label,
    sites,
    expiresAt,
    notes,
    syncLargeSecrets,
    color,
    submitLogin,
    pasted,
    recognised,
    /** What is wrong with the pasted value where it looked like a known credential ("an SFDX URL missing a part"). */
    pasteProblem: computed(() => pastedNames.value.map((name) => problems.value[name]).find(Boolean)),
    savedFrom: seed.savedFrom,
    /** The page's field could not be read: the form says so and waits for a paste, never nothing at all. */
    savedUnread: !!seed.savedFrom && !seed.pasted?.trim(),
    parsedSites,
    problems,
    missing,
    canSave,
    kinds: KINDS,

    /** An old password+token string pasted to find the token again (recover.ts), and what it gives. */
    recoveryText,
    recovery,
    canRecover: computed(() => canRecover(kind.value, fields.value)),
    /** Takes the recovered token as the account's, with a note of where it came from; saved with the rest. */
    useRecovered(today: string) {
      const found = recovery.value;
      if (!found || 'problem' in found) return;
      setField(found.field, found.token);
      const words = fieldName(kind.value, found.field);
      const note = `${words[0]!.toUpperCase()}${words.slice(1)} recovered from a password+token string on ${today}.`;
      notes.value = notes.value.trim() ? `${notes.value.trimEnd()}\n${note}` : note;
      recoveryText.value = '';
    },

    setField,

    chooseKind(name: string) {
      kindChosen.value = true;
      switchKind(kindFor(name));
      // What was pasted goes into the chosen kind's fields where they take it, or waits (masked) in the paste box.
      if (lastPaste) paste(lastPaste);
    },

    paste,

    input(id?: string): AccountInput {
      const own = Object.fromEntries(kind.value.fields.filter((f) => !f.derived && fields.value[f.name]).map((f) => [f.name, fields.value[f.name]!]));
      return {
        ...(id ? { id } : {}),
        kind: kind.value.name,
        label: label.value,
        fields: own,
        sites: parsedSites.value.sites,
        expiresAt: expiresAt.value,
        notes: notes.value,
        syncLargeSecrets: syncLargeSecrets.value,
        color: color.value,
        ...(kind.value.loginPage ? { submitLogin: submitLogin.value } : {}),
        ...(seed.savedFrom && !id ? { savedFrom: seed.savedFrom } : {}),
      };
    },
  };
}

export type AccountFormModel = ReturnType<typeof createAccountForm>;
