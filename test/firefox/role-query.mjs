/**
 * Finds elements by ARIA role and accessible name, or by label, the way Playwright's getByRole /
 * getByLabel do in the Chromium tests (a string name matches case-insensitively as a substring
 * unless `exact`; a RegExp is tested), so the Firefox tests name controls as
 * ../shared/docs/ui-contract.md does. Puppeteer's ARIA selectors rely on Chrome's accessibility
 * tree, so this walks the DOM.
 *
 * `installRoleQuery` is serialised into the page that runs it (the harness's controller tab),
 * so it must stay self-contained: no imports, no closures over module scope.
 *
 * @typedef {{ source: string, flags: string } | string} NamePattern
 * @typedef {{ role?: string, name?: NamePattern, label?: NamePattern, exact?: boolean,
 *   hasText?: string, hasNotText?: string, within?: Spec, nth?: number, checked?: boolean,
 *   css?: string }} Spec  (`css` narrows the candidates to a selector, e.g. a page section)
 */

/** @param {string | RegExp} name */
export const pattern = (name) => (name instanceof RegExp ? { source: name.source, flags: name.flags } : name);

/**
 * @param {string} role
 * @param {string | RegExp} [name]
 * @param {Omit<Spec, 'role' | 'name'>} [options]
 * @returns {Spec}
 */
export const role = (role, name, options = {}) => ({ role, ...(name === undefined ? {} : { name: pattern(name) }), ...options });

/**
 * @param {string | RegExp} label
 * @param {Omit<Spec, 'label'>} [options]
 * @returns {Spec}
 */
export const label = (label, options = {}) => ({ label: pattern(label), ...options });

/** Defines `globalThis.__roleQuery` in the window it runs in. */
export function installRoleQuery() {
  const norm = (/** @type {string | null | undefined} */ s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const IMPLICIT = {
    BUTTON: 'button', UL: 'list', OL: 'list', LI: 'listitem', H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading',
    H5: 'heading', H6: 'heading', SELECT: 'combobox', TEXTAREA: 'textbox', OUTPUT: 'status', DIALOG: 'dialog', FORM: 'form',
  };
  /** @param {Element} el */
  function roleOf(el) {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(/\s+/)[0];
    if (el.tagName === 'A' && el.hasAttribute('href')) return 'link';
    if (el.tagName === 'IMG') return el.getAttribute('alt') === '' ? 'presentation' : 'img';
    if (el.tagName === 'INPUT') {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'search') return 'searchbox';
      if (['text', 'email', 'tel', 'url', 'number', ''].includes(type)) return 'textbox';
      return '';
    }
    return IMPLICIT[/** @type {keyof typeof IMPLICIT} */ (el.tagName)] ?? '';
  }
  /** Text of the labels of a form control (wrapping label or label[for]). @param {Element} el */
  function labelText(el) {
    const labels = /** @type {HTMLInputElement} */ (el).labels;
    if (!labels?.length) return '';
    return [...labels]
      .map((l) => {
        const copy = /** @type {Element} */ (l.cloneNode(true));
        copy.querySelectorAll('input, select, textarea, button').forEach((c) => c.remove());
        return norm(copy.textContent);
      })
      .join(' ');
  }
  /** @param {Element} el */
  function nameOf(el) {
    const aria = el.getAttribute('aria-label');
    if (aria) return norm(aria);
    const by = el.getAttribute('aria-labelledby');
    if (by) return norm(by.split(/\s+/).map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' '));
    const labelled = labelText(el);
    if (labelled) return labelled;
    if (el.tagName === 'IMG') return norm(el.getAttribute('alt'));
    if (['button', 'link', 'heading', 'listitem', 'checkbox', 'radio'].includes(roleOf(el)) || el.tagName === 'BUTTON') return norm(el.textContent);
    return norm(el.getAttribute('title'));
  }
  /** @param {import('./role-query.mjs').NamePattern} p @param {string} s @param {boolean} [exact] */
  function matches(p, s, exact) {
    if (typeof p === 'string') return exact ? s === p : s.toLowerCase().includes(p.toLowerCase());
    return new RegExp(p.source, p.flags).test(s);
  }
  /** @param {Element} el */
  function visible(el) {
    if (el.closest('[hidden], [aria-hidden="true"]')) return false;
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  }
  /**
   * @param {ParentNode} root
   * @param {import('./role-query.mjs').Spec} spec
   * @returns {Element[]}
   */
  function findAll(root, spec) {
    const scopes = spec.within ? findAll(root, spec.within) : [root];
    const out = [];
    for (const scope of scopes) {
      for (const el of scope.querySelectorAll(spec.css ?? '*')) {
        if (!visible(el)) continue;
        if (spec.role && roleOf(el) !== spec.role) continue;
        if (spec.label !== undefined) {
          const named = labelText(el) || el.getAttribute('aria-label') || '';
          if (!named || !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || !matches(spec.label, norm(named), spec.exact)) continue;
        }
        if (spec.name !== undefined && !matches(spec.name, nameOf(el), spec.exact)) continue;
        const text = norm(el.textContent);
        if (spec.hasText !== undefined && !text.includes(spec.hasText)) continue;
        if (spec.hasNotText !== undefined && text.includes(spec.hasNotText)) continue;
        if (spec.checked !== undefined && /** @type {HTMLInputElement} */ (el).checked !== spec.checked) continue;
        if (!out.includes(el)) out.push(el);
      }
    }
    return spec.nth === undefined ? out : out.slice(spec.nth, spec.nth + 1);
  }
  /** @param {import('./role-query.mjs').Spec} spec */
  function describe(spec) {
    const parts = [spec.role && `role ${spec.role}`, spec.name !== undefined && `name ${JSON.stringify(spec.name)}`, spec.label !== undefined && `label ${JSON.stringify(spec.label)}`, spec.hasText && `with text "${spec.hasText}"`];
    return parts.filter(Boolean).join(', ') + (spec.within ? ` inside (${describe(spec.within)})` : '');
  }
  Object.assign(globalThis, { __roleQuery: { findAll, nameOf, roleOf, describe, norm } });
}
