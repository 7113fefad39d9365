/**
 * "Could a user see and type into this element?" — shared by the code-field and QR finders.
 * Correct in a real browser (layout available) and testable in happy-dom (no layout: every
 * rect is 0x0, so a 0x0 rect alone cannot mean "invisible" there).
 */

/** True when `el` is rendered: not display:none/visibility:hidden/`hidden` (itself or an ancestor), not zero-size. */
export function isVisible(el: Element): boolean {
  if (!el.isConnected) return false;
  const view = el.ownerDocument.defaultView;
  // checkVisibility follows the flat tree (slots, shadow hosts) in real browsers.
  if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true })) return false;
  // A box with a size is laid out, so no ancestor is display:none: the style walk below (slow on
  // big pages) is only needed for 0x0 boxes, and in engines without layout (happy-dom).
  const rect = el.getBoundingClientRect();
  const laidOut = rect.width > 0 || rect.height > 0;
  if (view) {
    const style = view.getComputedStyle(el);
    // visibility is inherited, so the element's own computed value already reflects its ancestors.
    if (style.visibility === 'hidden' || style.visibility === 'collapse') return false;
  }
  for (let node: Element | null = el; node; node = parentAcrossShadow(node)) {
    // Engines without a UA stylesheet for [hidden] (happy-dom) would otherwise miss it.
    if (node.hasAttribute('hidden')) return false;
    if (!laidOut && view && view.getComputedStyle(node).display === 'none') return false;
  }
  return laidOut || !isZeroSize(el, view);
}

/**
 * Zero-size = an empty layout box *and* CSS that explains it. Requiring both keeps happy-dom
 * (always 0x0) usable, while in a browser a 0x0 box with width/height 0 is a honeypot field.
 */
function isZeroSize(el: Element, view: Window | null): boolean {
  const rect = el.getBoundingClientRect();
  if (rect.width > 0 || rect.height > 0) return false;
  if (!view) return false;
  const style = view.getComputedStyle(el);
  return parseFloat(style.width) === 0 || parseFloat(style.height) === 0;
}

/** The parent element, stepping out of a shadow root to its host. */
export function parentAcrossShadow(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const parent = node.parentNode;
  return parent && 'host' in parent ? (parent as ShadowRoot).host : null;
}
