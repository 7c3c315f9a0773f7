/**
 * Whether a person can see a form field, as password managers judge it
 * before they fill (Bitwarden's DomElementVisibilityService, 1Password's
 * "visible field" rules): a page that hides a field can still read what is
 * put into it, so a field nobody can see gets nothing.
 *
 * Two sources of truth. Styles come from getComputedStyle, so a field hidden
 * by a stylesheet class is hidden wherever styles cascade (a browser, or
 * happy-dom in Node). Geometry (size, place on the page, what covers it)
 * comes from layout, which only a browser has: `layout: false` reads
 * declared sizes and offsets instead, for the Node CLI and unit tests.
 */

export interface VisibilityOptions {
  /** The DOM lays pages out (a browser): sizes, places and cover are measured. */
  layout?: boolean;
}

/** Smaller than this in either direction, a field is not something a person types into. */
export const MIN_SIZE_PX = 8;
/** Below this opacity, taken over the field and every ancestor, a field is not seen. */
const MIN_OPACITY = 0.1;

type Styles = Pick<
  CSSStyleDeclaration,
  'display' | 'visibility' | 'opacity' | 'width' | 'height' | 'position' | 'left' | 'top' | 'clip' | 'clipPath' | 'transform' | 'overflow' | 'contentVisibility'
>;

/** The element's parent, through shadow roots (to the host) and up to the frame's document. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode() as Document | ShadowRoot;
  return 'host' in root ? root.host : null;
}

const px = (value: string | undefined) => {
  const m = /^(-?\d+(?:\.\d+)?)px$/.exec((value ?? '').trim());
  return m ? Number(m[1]) : undefined;
};

/** `clip: rect(0 0 0 0)`, `clip-path: inset(50%)` and the like: the "visually hidden" idioms. */
function clippedAway(style: Styles): boolean {
  const clip = (style.clip ?? '').replace(/\s+/g, ' ');
  const rect = /rect\( ?(-?[\d.]+)(?:px)?,? (-?[\d.]+)(?:px)?,? (-?[\d.]+)(?:px)?,? (-?[\d.]+)(?:px)? ?\)/.exec(clip);
  if (rect && (Number(rect[3]) - Number(rect[1]) < MIN_SIZE_PX || Number(rect[2]) - Number(rect[4]) < MIN_SIZE_PX)) return true;
  const path = (style.clipPath ?? '').replace(/\s+/g, ' ');
  return /inset\( ?(50|100)%|circle\( ?0|polygon\( ?0/.test(path);
}

/** scale(0), or a matrix that squashes to nothing. */
function squashed(style: Styles): boolean {
  const t = style.transform ?? '';
  if (!t || t === 'none') return false;
  if (/scale[XY]?\(\s*0(?:\.0+)?\s*[,)]/.test(t)) return true;
  const m = /^matrix\(([^)]+)\)$/.exec(t);
  if (!m) return false;
  const [a, b, c, d] = m[1]!.split(',').map(Number);
  return Math.abs(a! * d! - b! * c!) < 1e-3;
}

export interface Visibility {
  /** Why a person cannot see `el` (styles, size, place), or undefined when they can. */
  hiddenBecause(el: Element): string | undefined;
  /**
   * What is drawn over `el` at its centre, if anything but the field or its label; only with
   * layout, and only in the viewport. A hit test costs about a millisecond on a large page, so it
   * is asked of the fields a plan chose, not of every field.
   */
  coveredBecause(el: Element): string | undefined;
}

export function createVisibility(doc: Document, { layout = true }: VisibilityOptions = {}): Visibility {
  const view = doc.defaultView;
  const cache = new Map<Element, Styles | undefined>();
  const styleOf = (el: Element): Styles | undefined => {
    if (!cache.has(el)) cache.set(el, view?.getComputedStyle ? (view.getComputedStyle(el) as Styles) : undefined);
    return cache.get(el);
  };

  /** What styles say, on the element and up its ancestors. */
  function hiddenByStyle(el: Element): string | undefined {
    const own = styleOf(el);
    if (own && (own.visibility === 'hidden' || own.visibility === 'collapse')) return `visibility: ${own.visibility}`;
    let opacity = 1;
    for (let node: Element | null = el; node; node = parentOf(node)) {
      if ((node as HTMLElement).hidden) return 'the hidden attribute';
      if (node.getAttribute('aria-hidden') === 'true') return 'aria-hidden';
      if (node.hasAttribute('inert')) return 'inert';
      const style = styleOf(node);
      if (!style) continue;
      if (style.display === 'none') return 'display: none';
      if (node !== el && style.contentVisibility === 'hidden') return 'content-visibility: hidden';
      const o = Number.parseFloat(style.opacity);
      if (!Number.isNaN(o)) opacity *= o;
      if (opacity < MIN_OPACITY) return `opacity ${Number(opacity.toFixed(2))}`;
      if (clippedAway(style)) return 'clipped away';
      if (squashed(style)) return 'scaled to nothing';
    }
    return undefined;
  }

  /** Without layout: the sizes and offsets the styles declare. */
  function hiddenByDeclaredGeometry(el: Element): string | undefined {
    const style = styleOf(el);
    if (!style) return undefined;
    const w = px(style.width);
    const h = px(style.height);
    if ((w !== undefined && w < MIN_SIZE_PX) || (h !== undefined && h < MIN_SIZE_PX)) return `${style.width} × ${style.height}`;
    for (let node: Element | null = el; node; node = parentOf(node)) {
      const s = styleOf(node);
      if (!s || (s.position !== 'absolute' && s.position !== 'fixed')) continue;
      const left = px(s.left);
      const top = px(s.top);
      const width = px(s.width) ?? 0;
      const height = px(s.height) ?? 0;
      if ((left !== undefined && left + width <= 0) || (top !== undefined && top + height <= 0)) return `placed off the page (left ${s.left}, top ${s.top})`;
    }
    return undefined;
  }

  /** With layout: measured size, a place on the page one can scroll to, not cut away by an ancestor. */
  function hiddenByLayout(el: Element): string | undefined {
    const rect = el.getBoundingClientRect();
    if (rect.width < MIN_SIZE_PX || rect.height < MIN_SIZE_PX) return `${Math.round(rect.width)} × ${Math.round(rect.height)} px`;
    const win = view!;
    const root = doc.documentElement;
    // Left of or above the page's origin, no scrolling brings it into view; nor past the page's far edges.
    const left = rect.left + win.scrollX;
    const top = rect.top + win.scrollY;
    if (
      left + rect.width <= 0 ||
      top + rect.height <= 0 ||
      left >= Math.max(root.scrollWidth, win.innerWidth) ||
      top >= Math.max(root.scrollHeight, win.innerHeight)
    ) {
      return 'placed off the page';
    }
    for (let node = parentOf(el); node && node !== root; node = parentOf(node)) {
      const s = styleOf(node);
      if (!s || s.overflow === 'visible' || !s.overflow) continue;
      const box = node.getBoundingClientRect();
      const w = Math.min(rect.right, box.right) - Math.max(rect.left, box.left);
      const h = Math.min(rect.bottom, box.bottom) - Math.max(rect.top, box.top);
      // A scrolling box can bring the field into view; one that clips (hidden, clip) cannot.
      if ((w < MIN_SIZE_PX || h < MIN_SIZE_PX) && /hidden|clip/.test(s.overflow) && !/auto|scroll/.test(s.overflow)) return 'cut away by its container';
    }
    return undefined;
  }

  /** What is drawn at the field's centre, when that is another element (not the field, its label or what it holds). */
  function coveredBy(el: Element): string | undefined {
    const rect = el.getBoundingClientRect();
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const win = view!;
    // Out of the viewport there is nothing to hit; the filler scrolls the field into view before it asks.
    if (x < 0 || y < 0 || x >= win.innerWidth || y >= win.innerHeight) return undefined;
    const root = el.getRootNode() as Document | ShadowRoot;
    const hit = root.elementFromPoint?.(x, y) ?? doc.elementFromPoint(x, y);
    if (!hit || hit === el || el.contains(hit)) return undefined;
    const labels = (el as HTMLInputElement).labels;
    if (labels && [...labels].some((l) => l === hit || l.contains(hit))) return undefined;
    const name = hit.id ? `#${hit.id}` : hit.tagName.toLowerCase();
    return `covered by ${name}`;
  }

  return {
    hiddenBecause(el) {
      return hiddenByStyle(el) ?? (layout ? hiddenByLayout(el) : hiddenByDeclaredGeometry(el));
    },
    coveredBecause(el) {
      return layout ? coveredBy(el) : undefined;
    },
  };
}
