/**
 * Whether a real click or key press on the save banner is the user's own,
 * knowing what they press. A page cannot fake events (they are untrusted),
 * but it can try to make a real one land on Save: hide the banner, lay a
 * click-through layer over it, show it just under the pointer, or focus Save
 * so the next Enter presses it. So a pointer press counts only once the
 * banner has been on screen for a moment (the arming delay), unobstructed
 * (IntersectionObserver v2's `isVisible` where the browser has it, a hit
 * test and a look for other top-layer elements everywhere), and a key press
 * only when the user brought focus there (Tab, or a press on the banner).
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals-core';

export interface BannerGuard {
  /** Whether a pointer press on Save would count now: the view shows Save disabled until then. */
  armed: ReadonlySignal<boolean>;
  /** Whether this event may act. */
  allows(event: Event): boolean;
  stop(): void;
}

export const ARM_MS = 500;

/** A guard for UI that has no page around it (unit tests, the extension's own pages). */
export const openGuard = (): BannerGuard => ({ armed: signal(true), allows: (e) => e.isTrusted, stop: () => {} });

export function guardBanner(host: HTMLElement, armMs = ARM_MS): BannerGuard {
  const doc = host.ownerDocument;
  const win = doc.defaultView!;
  const timeUp = signal(false);
  // Undefined where the browser has no IntersectionObserver v2 (Firefox).
  const visible = signal<boolean | undefined>(undefined);
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    clearTimeout(timer);
    timeUp.value = false;
    timer = setTimeout(() => (timeUp.value = true), armMs);
  };
  arm();
  // A page that closes the banner's popover takes it out of the top layer: it goes back, and must be seen afresh.
  const onToggle = (e: Event) => {
    if ((e as ToggleEvent).newState !== 'closed' || !host.isConnected) return;
    (host as HTMLElement & { showPopover?: () => void }).showPopover?.();
    arm();
  };
  host.addEventListener('toggle', onToggle);
  let observer: IntersectionObserver | undefined;
  if ('isVisible' in (win.IntersectionObserverEntry?.prototype ?? {})) {
    visible.value = false;
    observer = new win.IntersectionObserver((entries) => (visible.value = (entries.at(-1) as IntersectionObserverEntry & { isVisible: boolean }).isVisible), {
      threshold: [1],
      trackVisibility: true,
      delay: 100,
    } as IntersectionObserverInit);
    observer.observe(host);
  }

  // The keyboard is armed by a Tab the user pressed that the page let through, when it leaves focus in the
  // banner (judged at key-up, when the page's handlers are done), or by the user pressing on the banner.
  // Focus that a script moved there arms nothing.
  let lastTab: KeyboardEvent | undefined;
  let keyboardArmed = false;
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !e.isTrusted) return;
    if (e.type === 'keydown') lastTab = e;
    else keyboardArmed = !!lastTab && !lastTab.defaultPrevented && doc.activeElement === host;
  };
  const onPress = (e: Event) => (keyboardArmed = e.isTrusted);
  const onFocusOut = () => (keyboardArmed = false);
  win.addEventListener('keydown', onKey, true);
  win.addEventListener('keyup', onKey, true);
  host.addEventListener('pointerdown', onPress);
  host.addEventListener('focusout', onFocusOut);

  /** Nothing over the banner at the point pressed, and no other element in the browser's top layer. */
  function onTop(e: MouseEvent): boolean {
    if (doc.elementFromPoint(e.clientX, e.clientY) !== host) return false;
    try {
      return !doc.querySelector(`:popover-open:not(${host.localName}), dialog:modal, :fullscreen`);
    } catch {
      return true;
    }
  }

  const armed = computed(() => timeUp.value && visible.value !== false);
  return {
    armed,
    allows(e) {
      if (!e.isTrusted) return false;
      // A keyboard activation of a button is a click with no pointer detail.
      if (e instanceof win.KeyboardEvent || (e instanceof win.MouseEvent && e.detail === 0)) return keyboardArmed;
      return armed.value && onTop(e as MouseEvent);
    },
    stop() {
      clearTimeout(timer);
      observer?.disconnect();
      win.removeEventListener('keydown', onKey, true);
      win.removeEventListener('keyup', onKey, true);
    },
  };
}
