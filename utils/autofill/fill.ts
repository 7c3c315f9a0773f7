/**
 * Applies a fill: puts each value into its field the way typing would, so
 * React, Angular and Vue forms notice. The value goes through the native
 * setter (frameworks track the instance's own setter and would ignore it),
 * surrounded by the events a typing user causes. Read-only and disabled
 * fields are skipped, never forced.
 *
 * Every field is judged again just before the values go in, as the planner
 * judged it: a page can hide or cover a field between the plan and the
 * fill, and one that vanished means the page changed. A value the field's
 * own constraints refuse (a maxlength, a pattern) is never cut to fit.
 * Then nothing is filled.
 */
import { whyNotFit } from './constraints';
import { resolvePath } from './selector';
import type { FillRole } from './types';
import { createVisibility } from './visibility';

export interface FillValue {
  path: string[];
  role: FillRole;
  value: string;
}

export interface FillOutcome {
  filled: FillRole[];
  /** Why nothing was filled, when a field was gone, hidden or covered at the moment of filling. */
  refused?: string;
  /** The form was submitted after the fill, as asked. */
  submitted?: boolean;
}

const ROLE_NAMES: Record<FillRole, string> = {
  username: 'username',
  password: 'password',
  token: 'token',
  'password+token': 'password',
  code: 'one-time code',
  'password+code': 'password',
  'client-id': 'consumer key',
  'client-secret': 'consumer secret',
};

/** What goes in, by role, for a sentence about the value rather than the field. */
const VALUE_NAMES: Partial<Record<FillRole, string>> = {
  'password+token': 'password + token',
  'password+code': 'password + current code',
  code: 'current code',
};

/**
 * Submits the form `el` is in as its user would: by its submit button when it has one a person
 * can see (pages often listen for that click), else by the form itself, so its checks run.
 */
function submitFormOf(el: HTMLInputElement, visibility: ReturnType<typeof createVisibility>): boolean {
  const form = el.form;
  if (!form) return false;
  const buttons = [...form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button:not([type]), button[type="submit"], input[type="submit"]')];
  const button = buttons.find((b) => !b.disabled && !visibility.hiddenBecause(b));
  if (button) button.click();
  else form.requestSubmit();
  return true;
}

export function fillFields(doc: Document, values: FillValue[], { layout = true, submit = false }: { layout?: boolean; submit?: boolean } = {}): FillOutcome {
  const view = doc.defaultView!;
  const visibility = createVisibility(doc, { layout });
  const targets: Array<{ el: HTMLInputElement; role: FillRole; value: string }> = [];
  for (const { path, role, value } of values) {
    const el = resolvePath(doc, path);
    if (!(el instanceof view.HTMLInputElement)) return { filled: [], refused: `The ${ROLE_NAMES[role]} field is gone: the page changed.` };
    if (el.disabled || el.readOnly) continue;
    // Where the field is below the fold, bring it into view first: what covers it can only be seen there.
    el.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    const hidden = visibility.hiddenBecause(el) ?? visibility.coveredBecause(el);
    if (hidden) return { filled: [], refused: `The ${ROLE_NAMES[role]} field cannot be seen (${hidden}).` };
    const misfit = whyNotFit(el, value);
    if (misfit) return { filled: [], refused: `The ${VALUE_NAMES[role] ?? ROLE_NAMES[role]} does not fit the ${ROLE_NAMES[role]} field, which ${misfit}.` };
    targets.push({ el, role, value });
  }
  const setValue = Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value')!.set!;
  for (const { el, value } of targets) {
    el.focus();
    el.dispatchEvent(new view.FocusEvent('focusin', { bubbles: true }));
    el.dispatchEvent(new view.KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'Unidentified' }));
    setValue.call(el, value);
    el.dispatchEvent(new view.InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    el.dispatchEvent(new view.KeyboardEvent('keyup', { bubbles: true, cancelable: true, key: 'Unidentified' }));
    el.dispatchEvent(new view.Event('change', { bubbles: true }));
    el.blur();
    el.dispatchEvent(new view.FocusEvent('focusout', { bubbles: true }));
  }
  const last = targets.at(-1)?.el;
  return { filled: targets.map((t) => t.role), ...(submit && last ? { submitted: submitFormOf(last, visibility) } : {}) };
}
