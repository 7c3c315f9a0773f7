/**
 * What a form field is called, from everything a page may use to name it:
 * its <label> (by for=, or wrapping it), aria-label and aria-labelledby,
 * placeholder, title, name, id, autocomplete, and the text just before it
 * (a table cell, or a sibling element), as table layouts and design systems
 * without labels do.
 */
import { words } from './words';

export interface Description {
  /** The human label, when there is one: what the reason quotes. */
  label: string;
  /** Every name of the field, as lower-cased words. */
  text: string;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const SHORT = 60;

function byId(el: Element, id: string): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.querySelector?.(`[id="${id.replace(/["\\]/g, '\\$&')}"]`) ?? null;
}

function labelText(el: HTMLInputElement): string {
  const labels: Element[] = el.labels ? [...el.labels] : [];
  if (!labels.length) {
    if (el.id) {
      const root = el.getRootNode() as Document | ShadowRoot;
      labels.push(...(root.querySelectorAll?.(`label[for="${el.id.replace(/["\\]/g, '\\$&')}"]`) ?? []));
    }
    const wrapping = el.closest('label');
    if (wrapping) labels.push(wrapping);
  }
  return clean(labels.map((l) => l.textContent).join(' '));
}

const FIELDS = 'input, select, textarea, button';
const HEADING = /^H[1-6]$/;
// Elements that sit inside a line of text: their text belongs to the line.
const INLINE = /^(SPAN|B|STRONG|I|EM|SMALL|FONT|LABEL|ABBR|CODE|SUP|SUB|U|MARK)$/;

/**
 * The text on the field's own line, just before it: "Consumer Key:<br><input>" or
 * "Password <input>" in one cell or paragraph. A <br> only ends a line; another field, or a
 * block element, ends the search.
 */
function ownLineText(el: Element): string {
  for (let node = el.previousSibling; node; node = node.previousSibling) {
    if (node.nodeType === 3) {
      const text = clean(node.textContent);
      if (text) return text.length <= SHORT ? text : '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    if (child.tagName === 'BR' || child.matches('input[type="hidden" i], script, style, template')) continue;
    if (!INLINE.test(child.tagName) || child.matches(FIELDS) || child.querySelector(FIELDS)) return '';
    const text = clean(child.textContent);
    if (text) return text.length <= SHORT ? text : '';
  }
  return '';
}

/**
 * The text right before the field: on its own line, in the previous table cell, or a short
 * previous sibling at up to three levels up. A heading names a section, not a field, so it ends
 * the search.
 */
function nearbyText(el: Element): string {
  const own = ownLineText(el);
  if (own) return own;
  const cell = el.closest('td, th');
  if (cell) {
    const prev = cell.previousElementSibling;
    if (prev && clean(prev.textContent).length <= SHORT) return clean(prev.textContent);
  }
  let node: Element | null = el;
  for (let level = 0; level < 3 && node; level++, node = node.parentElement) {
    const prev = node.previousElementSibling;
    if (prev && HEADING.test(prev.tagName)) return '';
    if (prev && !prev.querySelector(FIELDS) && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(prev.tagName)) {
      const text = clean(prev.textContent);
      if (text && text.length <= SHORT) return text;
    }
  }
  return '';
}

export function describeField(el: HTMLInputElement): Description {
  const labelledBy = clean(
    (el.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => byId(el, id)?.textContent)
      .join(' '),
  );
  const label = labelText(el) || clean(el.getAttribute('aria-label')) || labelledBy || nearbyText(el) || clean(el.getAttribute('placeholder'));
  const parts = [
    label,
    el.getAttribute('aria-label'),
    labelledBy,
    el.getAttribute('placeholder'),
    el.getAttribute('title'),
    el.name,
    el.id,
    el.getAttribute('autocomplete'),
  ];
  return { label, text: words(parts.filter(Boolean).join(' ')) };
}
