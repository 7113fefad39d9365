/**
 * Drives the real toolbar popup that `openPopup` opened: finds controls by role and accessible
 * name (role-query.mjs), clicks and types through the browser window as trusted input (the
 * popup is a remote <browser> in a chrome panel that neither Marionette nor BiDi can enter),
 * and reads the popup's document from the harness's controller tab.
 *
 * - Reading: the controller tab (an extension page, same process and origin as the popup)
 *   reaches the popup's window with `browser.extension.getViews({ type: 'popup' })`.
 * - Clicking: the element's centre, scrolled into view, plus the popup <browser>'s position
 *   in the chrome window, gets `window.synthesizeMouseEvent` there: the event is trusted and
 *   carries user activation (what `permissions.request` and the clipboard need).
 * - Typing: nsITextInputProcessor commits text into the focused field, as an IME would.
 */
import { until } from './firefox-harness.mjs';

/** @typedef {import('./role-query.mjs').Spec} Spec */

export class PopupDriver {
  /**
   * @param {import('./firefox-harness.mjs').FirefoxHarness} ff
   * @param {import('puppeteer-core').Page} controller
   */
  constructor(ff, controller) {
    this.ff = ff;
    this.controller = controller;
  }

  /**
   * Runs `body` (source of a function `(win, q, ...args) => value`) against the popup's window.
   * @param {string} body
   * @param {unknown[]} [args]
   */
  async run(body, args = []) {
    return this.controller.evaluate(`(async () => {
      const win = browser.extension.getViews({ type: 'popup' })[0];
      if (!win) throw new Error('the popup is not open');
      return (${body})(win, globalThis.__roleQuery, ...${JSON.stringify(args)});
    })()`);
  }

  /** Waits until the popup's document has loaded and its app has rendered. */
  async ready() {
    await until(
      () => this.run('(win) => win.document.readyState === "complete" && win.document.body.querySelector("button, input") !== null').catch(() => false),
      'the toolbar popup to open and render',
      20_000,
    );
  }

  /**
   * Rethrows `err` with what the popup showed, so a failure says why.
   * @param {Error} err
   * @returns {Promise<never>}
   */
  async explain(err) {
    const shown = await this.body().catch(() => '(popup closed)');
    throw new Error(`${err.message}\n    the popup showed: ${String(shown).replace(/\s+/g, ' ').slice(0, 300)}`);
  }

  isClosed() {
    return this.controller.evaluate(() => globalThis.browser.extension.getViews({ type: 'popup' }).length === 0);
  }

  /** Closes the popup (as a click outside it does). */
  async close() {
    await this.ff.chrome(() => ViewPopup.for(ext, window)?.closePopup());
    await until(() => this.isClosed(), 'the popup to close');
  }

  /** Waits until the popup closes by itself. */
  async waitForClose(timeoutMs = 15_000) {
    await until(() => this.isClosed(), 'the popup to close by itself', timeoutMs);
  }

  /** @param {Spec} spec */
  count(spec) {
    return this.run('(win, q, spec) => q.findAll(win.document, spec).length', [spec]);
  }

  /**
   * Waits for a control and returns how many match.
   * @param {Spec} spec
   * @param {number} [timeoutMs]
   */
  async waitFor(spec, timeoutMs = 10_000) {
    const what = await this.run('(win, q, spec) => q.describe(spec)', [spec]);
    return until(() => this.count(spec), `${what} in the popup`, timeoutMs).catch((err) => this.explain(err));
  }

  /**
   * Text of the first match (waits for one).
   * @param {Spec} spec
   * @param {number} [timeoutMs]
   */
  async text(spec, timeoutMs) {
    await this.waitFor(spec, timeoutMs);
    return this.run('(win, q, spec) => q.norm(q.findAll(win.document, spec)[0]?.textContent)', [spec]);
  }

  /** The whole popup's text. */
  body() {
    return this.run('(win) => win.document.body.innerText');
  }

  /** @param {Spec} spec */
  async value(spec) {
    await this.waitFor(spec);
    return this.run('(win, q, spec) => q.findAll(win.document, spec)[0].value', [spec]);
  }

  /** @param {Spec} spec */
  async isChecked(spec) {
    await this.waitFor(spec);
    return this.run('(win, q, spec) => q.findAll(win.document, spec)[0].checked', [spec]);
  }

  /** @param {Spec} spec */
  texts(spec) {
    return this.run('(win, q, spec) => q.findAll(win.document, spec).map((el) => q.norm(el.textContent))', [spec]);
  }

  /**
   * A trusted click in the middle of the first enabled match.
   * @param {Spec} spec
   * @param {number} [timeoutMs]
   */
  async click(spec, timeoutMs = 10_000) {
    const what = await this.run('(win, q, spec) => q.describe(spec)', [spec]);
    const point = await until(
      () =>
        this.run(
          `(win, q, spec) => {
            const el = q.findAll(win.document, spec).find((e) => !e.disabled);
            if (!el) return null;
            el.scrollIntoView({ block: 'center', inline: 'center' });
            const r = el.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }`,
          [spec],
        ),
      `an enabled ${what} in the popup`,
      timeoutMs,
    ).catch((err) => this.explain(err));
    await this.ff.chrome((p) => {
      const popup = ViewPopup.for(ext, window);
      if (!popup?.browser) throw new Error('no popup browser');
      const r = popup.browser.getBoundingClientRect();
      const at = [r.x + p.x, r.y + p.y];
      window.synthesizeMouseEvent('mousedown', ...at, { button: 0, clickCount: 1 }, { isDOMEventSynthesized: false });
      window.synthesizeMouseEvent('mouseup', ...at, { button: 0, clickCount: 1 }, { isDOMEventSynthesized: false });
    }, point);
  }

  /**
   * Replaces a field's text as a person would: click into it, select what is there, type.
   * @param {Spec} spec
   * @param {string} value
   */
  async fill(spec, value) {
    await this.click(spec);
    await until(() => this.run('(win, q, spec) => q.findAll(win.document, spec)[0] === win.document.activeElement', [spec]), 'the field to take focus');
    await this.run('(win) => win.document.activeElement.select?.()');
    await this.ff.chrome((text) => {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
      if (text) tip.commitCompositionWith(text);
      else {
        const bs = new KeyboardEvent('', { key: 'Backspace', code: 'Backspace', keyCode: KeyboardEvent.DOM_VK_BACK_SPACE });
        tip.keydown(bs);
        tip.keyup(bs);
      }
    }, value);
    await until(() => this.run('(win) => win.document.activeElement.value', []).then((v) => v === value), `the field to hold "${value.slice(0, 20)}"`);
  }

  /**
   * Presses one key (e.g. 'Tab', 'Enter', ' ', 'Escape', 'Backspace') in the popup as trusted keyboard input
   * (nsITextInputProcessor in the browser window, whose focused element is the popup), so the
   * popup's default actions run: Tab moves the focus, Enter and Space activate.
   * @param {string} key
   * @param {{ shift?: boolean }} [opts]
   */
  async press(key, opts = {}) {
    await this.ff.chrome((k, shift) => {
      const popup = ViewPopup.for(ext, window);
      if (!popup?.browser) throw new Error('no popup browser');
      if (document.activeElement !== popup.browser) popup.browser.focus();
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
      const codes = { Tab: ['Tab', KeyboardEvent.DOM_VK_TAB], Enter: ['Enter', KeyboardEvent.DOM_VK_RETURN], ' ': ['Space', KeyboardEvent.DOM_VK_SPACE], Escape: ['Escape', KeyboardEvent.DOM_VK_ESCAPE], Backspace: ['Backspace', KeyboardEvent.DOM_VK_BACK_SPACE] };
      const [code, keyCode] = codes[k] ?? [k, 0];
      const shiftKey = new KeyboardEvent('', { key: 'Shift', code: 'ShiftLeft', keyCode: KeyboardEvent.DOM_VK_SHIFT });
      if (shift) tip.keydown(shiftKey);
      const ev = new KeyboardEvent('', { key: k, code, keyCode });
      tip.keydown(ev);
      tip.keyup(ev);
      if (shift) tip.keyup(shiftKey);
    }, key, !!opts.shift);
  }

  /**
   * Types `text` into whatever has the focus in the popup (no click first), as an IME commits it.
   * @param {string} text
   */
  async typeText(text) {
    await this.ff.chrome((t) => {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
      tip.commitCompositionWith(t);
    }, text);
  }

  /** Role, accessible name and value of the element that has the focus in the popup. */
  focused() {
    return this.run('(win, q) => { const el = win.document.activeElement; return el && el !== win.document.body ? { role: q.roleOf(el), name: q.nameOf(el), value: el.value ?? "" } : null; }');
  }

  /**
   * Presses Tab until the focus is on `spec`'s first match (at most `max` presses); fails naming
   * where the focus went.
   * @param {Spec} spec
   * @param {number} [max]
   */
  async tabTo(spec, max = 40) {
    const seen = [];
    for (let i = 0; i <= max; i++) {
      const on = await this.run('(win, q, spec) => q.findAll(win.document, spec)[0] === win.document.activeElement', [spec]);
      if (on) return i;
      const f = await this.focused();
      seen.push(f ? `${f.role || '?'} "${f.name}"` : '(nothing)');
      await this.press('Tab');
    }
    const what = await this.run('(win, q, spec) => q.describe(spec)', [spec]);
    throw new Error(`Tab never reached ${what}; the focus went: ${seen.join(' → ')}`);
  }

  /**
   * Picks an option of a <select> by its visible label (a change event, as the dropdown sends).
   * @param {Spec} spec
   * @param {string} optionLabel
   */
  async select(spec, optionLabel) {
    await this.waitFor(spec);
    await this.run(
      `(win, q, spec, wanted) => {
        const el = q.findAll(win.document, spec)[0];
        const option = [...el.options].find((o) => o.label === wanted || o.text === wanted);
        if (!option) throw new Error('no option ' + wanted);
        el.value = option.value;
        el.dispatchEvent(new win.Event('input', { bubbles: true }));
        el.dispatchEvent(new win.Event('change', { bubbles: true }));
      }`,
      [spec, optionLabel],
    );
  }
}
