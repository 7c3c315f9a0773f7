/**
 * Puts UI in a closed shadow root on the page. Closed, so page scripts cannot
 * reach the buttons; delegatesFocus, so keyboard users (and `host.focus()`)
 * land on the first button.
 */
export interface MountedHost {
  container: HTMLElement;
  remove(): void;
}

const HOST_STYLE = 'all: initial; position: fixed; top: 16px; right: 16px; z-index: 2147483647; display: block;';

export function mountShadowHost(doc: Document, tag: string, css: string): MountedHost {
  const host = doc.createElement(tag);
  host.setAttribute('style', HOST_STYLE);
  const shadow = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.documentElement.append(host);
  return { container, remove: () => host.remove() };
}
