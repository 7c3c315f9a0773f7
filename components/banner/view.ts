/**
 * The save banner's view, in plain DOM bound to the banner model's signals.
 * Not Preact: this runs on every webmail page, where Preact would be a third
 * of the content script for two buttons (the size budget is 15 KB gzipped).
 * The DOM is built once and updated in place, so focus never jumps.
 */
import { effect } from '@preact/signals-core';
import { openGuard, type BannerGuard } from './guard';
import type { BannerModel } from './model';

type Child = Node | string | false | null | undefined;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** The key logo, built as nodes: no HTML parsing in a page that may enforce Trusted Types. */
function logo(doc: Document): SVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  const shapes: Array<[string, Record<string, string>]> = [
    ['rect', { x: '4', y: '4', width: '120', height: '120', rx: '28', fill: '#0b5cad' }],
    ['circle', { cx: '48', cy: '64', r: '22', fill: 'none', stroke: '#fff', 'stroke-width': '12' }],
    ['path', { d: 'M68 64h40M92 64v16M106 64v12', fill: 'none', stroke: '#fff', 'stroke-width': '12', 'stroke-linecap': 'round' }],
  ];
  for (const [name, attrs] of [['svg', { class: 'logo', viewBox: '0 0 128 128', 'aria-hidden': 'true' }] as const, ...shapes]) {
    const node = name === 'svg' ? svg : svg.appendChild(doc.createElementNS(SVG, name));
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  }
  return svg;
}

/** Renders the banner into `container`; returns a function that stops updating it. `guard` decides which presses count. */
export function renderBanner(container: HTMLElement, model: BannerModel, guard: BannerGuard = openGuard()): () => void {
  const doc = container.ownerDocument;
  const { newest } = model;
  const date = newest.date ? new Date(newest.date).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : undefined;

  const title = el(doc, 'h2', { id: 'tk-title' });
  const older = model.olderCount.value;
  const queued = el(doc, 'p', { class: 'older' }, ['Tokenkeep is locked: the token is sealed and added when you unlock.']);
  const error = el(doc, 'p', { class: 'error', role: 'alert' });
  const refused = el(doc, 'p', { class: 'older', role: 'status' }, ['Not saved: the banner was covered, or had only just appeared.']);
  refused.hidden = true;
  const save = el(doc, 'button', { type: 'button', class: 'save' }, ['Save']);
  const dismiss = el(doc, 'button', { type: 'button', class: 'dismiss' }, ['Not now']);
  const actions = el(doc, 'div', { class: 'actions' }, [save, dismiss]);
  const banner = el(doc, 'div', { class: 'banner', role: 'dialog', 'aria-labelledby': 'tk-title', 'aria-describedby': 'tk-desc' }, [
    el(doc, 'div', { class: 'title-row' }, [logo(doc), title]),
    el(doc, 'div', { id: 'tk-desc', class: 'details' }, [
      el(doc, 'p', { class: 'username' }, [newest.username]),
      el(doc, 'p', { class: 'from' }, [`From ${newest.sender.name ? `${newest.sender.name} ` : ''}<${newest.sender.address}>`]),
      date && el(doc, 'p', { class: 'from' }, [`Sent ${date}`]),
      older > 0 && el(doc, 'p', { class: 'older' }, [`${older === 1 ? '1 older token' : `${older} older tokens`} in this thread will be kept in the history.`]),
      queued,
      error,
      refused,
    ]),
    actions,
  ]);

  // Only a real user acts: a page script can dispatch events, never trusted ones, and the guard
  // judges whether a real press was meant for this banner.
  save.addEventListener('click', (e) => {
    const counts = guard.allows(e);
    refused.hidden = counts || !e.isTrusted;
    if (counts) void model.save();
  });
  dismiss.addEventListener('click', (e) => e.isTrusted && void model.dismiss());
  banner.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && e.isTrusted) void model.dismiss();
  });

  const stop = effect(() => {
    const state = model.state.value;
    title.textContent = state === 'saved' ? 'Saved to Tokenkeep' : 'Save this Salesforce token?';
    save.disabled = dismiss.disabled = state === 'saving';
    // Not `disabled` while arming: that would drop Save from the tab order, and a keyboard user's Enter would land on Not now.
    save.setAttribute('aria-disabled', String(!guard.armed.value));
    actions.hidden = state === 'saved';
    queued.hidden = !(state === 'saved' && model.queued.value);
    error.hidden = state !== 'error';
    error.textContent = state === 'error' ? (model.error.value ?? '') : '';
  });
  container.replaceChildren(banner);
  return () => {
    stop();
    guard.stop();
    container.replaceChildren();
  };
}
