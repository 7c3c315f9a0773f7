import { useEffect, useRef } from 'preact/hooks';

/**
 * Every new view puts the keyboard on its heading or its first field, and shows it from the top:
 * otherwise focus falls to the page body, and a view opened from a scrolled list starts scrolled.
 */
export function useFocusOnShow<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    globalThis.scrollTo?.(0, 0);
  }, []);
  return ref;
}
