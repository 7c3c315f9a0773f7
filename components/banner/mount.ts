/**
 * Puts UI in a closed shadow root on the page. Closed, so page scripts cannot
 * reach the buttons; delegatesFocus, so keyboard users land on the first
 * button. The host is a manual popover in the browser's top layer, above
 * anything the page draws however it stacks, and its look is locked with
 * !important in the shadow root, which outranks even the page's !important
 * rules and inline styles for the host: the page cannot hide, fade, move or
 * clip it.
 */
export interface MountedHost {
  host: HTMLElement;
  container: HTMLElement;
  remove(): void;
}

// all: initial resets every property (opacity, visibility, transform, filter, clip, the popover's own
// border and inset); !important from inside the shadow root beats the page's, inline styles included.
export const HOST_CSS = ':host{all:initial!important;display:block!important;position:fixed!important;top:16px!important;right:16px!important}';

export function mountShadowHost(doc: Document, tag: string, css: string): MountedHost {
  const host = doc.createElement(tag);
  const shadow = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const style = doc.createElement('style');
  style.textContent = HOST_CSS + css;
  const container = doc.createElement('div');
  shadow.append(style, container);
  host.setAttribute('popover', 'manual');
  doc.documentElement.append(host);
  // Older browsers without popovers still get the fixed, locked host.
  (host as HTMLElement & { showPopover?: () => void }).showPopover?.();
  return { host, container, remove: () => host.remove() };
}
