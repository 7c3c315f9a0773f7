/**
 * Applies a fill: puts each value into its field the way typing would, so
 * React, Angular and Vue forms notice. The value goes through the native
 * setter (frameworks track the instance's own setter and would ignore it),
 * surrounded by the events a typing user causes. Read-only, disabled and
 * vanished fields are skipped, never forced.
 */
import { resolvePath } from './selector';
import type { FillRole } from './types';

export interface FillValue {
  path: string[];
  role: FillRole;
  value: string;
}

export function fillFields(doc: Document, values: FillValue[]): FillRole[] {
  const view = doc.defaultView!;
  const setValue = Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value')!.set!;
  const filled: FillRole[] = [];
  for (const { path, role, value } of values) {
    const el = resolvePath(doc, path);
    if (!(el instanceof view.HTMLInputElement) || el.disabled || el.readOnly) continue;
    el.focus();
    el.dispatchEvent(new view.FocusEvent('focusin', { bubbles: true }));
    el.dispatchEvent(new view.KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'Unidentified' }));
    setValue.call(el, value);
    el.dispatchEvent(new view.InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    el.dispatchEvent(new view.KeyboardEvent('keyup', { bubbles: true, cancelable: true, key: 'Unidentified' }));
    el.dispatchEvent(new view.Event('change', { bubbles: true }));
    el.blur();
    el.dispatchEvent(new view.FocusEvent('focusout', { bubbles: true }));
    filled.push(role);
  }
  return filled;
}
