/**
 * Moves the keyboard focus to an element when a view opens. Preact, unlike React, does not
 * turn `autoFocus` into a focus() call for elements rendered after the page loaded, and a
 * keyboard user must land in the new form, not on the button that opened it.
 */
import { useEffect, useRef } from 'preact/hooks';

export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
