/** A CSS selector for one element that matches it alone within its root (document or shadow root). */

function escapeIdent(value: string): string {
  return value.replace(/^-?\d|[^a-zA-Z0-9_-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
}

function unique(root: ParentNode, selector: string, el: Element): boolean {
  const found = root.querySelectorAll(selector);
  return found.length === 1 && found[0] === el;
}

/** The element's place among its parent's children of the same tag, down from the root. */
function structural(el: Element, root: ParentNode): string {
  const steps: string[] = [];
  for (let node: Element | null = el; node && node !== root && node.parentNode; node = node.parentElement) {
    if (node.id && unique(root, `#${escapeIdent(node.id)}`, node)) {
      steps.unshift(`#${escapeIdent(node.id)}`);
      break;
    }
    const tag = node.tagName.toLowerCase();
    // A shadow root's own children have a parent node but no parent element.
    const parent = (node.parentElement ?? node.parentNode) as ParentNode;
    const siblings = [...parent.children].filter((c) => c.tagName === node!.tagName);
    steps.unshift(siblings.length > 1 ? `${tag}:nth-of-type(${siblings.indexOf(node) + 1})` : tag);
    if (!node.parentElement) break;
  }
  return steps.join(' > ');
}

export function selectorFor(el: Element): string {
  const root = el.getRootNode() as ParentNode;
  if (el.id) {
    const byId = `#${escapeIdent(el.id)}`;
    if (unique(root, byId, el)) return byId;
  }
  const name = el.getAttribute('name');
  if (name) {
    const byName = `${el.tagName.toLowerCase()}[name="${name.replace(/["\\]/g, '\\$&')}"]`;
    if (unique(root, byName, el)) return byName;
  }
  const tag = el.tagName.toLowerCase();
  if (unique(root, tag, el)) return tag;
  return structural(el, root);
}

/**
 * Selectors from the document down through each open shadow root to the
 * element. `hostOf` names the host of a root that has none of its own (a
 * declarative shadow root a Node DOM left as template content).
 */
export function pathFor(el: Element, hostOf: (root: Node) => Element | undefined = () => undefined): string[] {
  const path: string[] = [];
  for (let node: Element | null = el; node;) {
    path.unshift(selectorFor(node));
    const root = node.getRootNode() as ShadowRoot | Document;
    node = 'host' in root ? root.host : (hostOf(root) ?? null);
  }
  return path;
}

/** Finds the element a path names, or null when the page changed since. */
export function resolvePath(doc: Document, path: string[]): Element | null {
  let root: ParentNode | null = doc;
  let el: Element | null = null;
  for (const selector of path) {
    el = root?.querySelector(selector) ?? null;
    root = el?.shadowRoot ?? null;
  }
  return el;
}
