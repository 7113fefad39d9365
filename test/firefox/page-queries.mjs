/**
 * Finds popup controls the way a person does (by visible label or accessible name), like
 * Playwright's getByLabel/getByRole in the Chromium tests. Puppeteer's ARIA selectors rely on
 * Chrome's accessibility tree, so these walk the DOM instead. Every finder waits, then fails
 * naming what it looked for.
 */
import { until } from './firefox-harness.mjs';

/**
 * The input/select inside the `<label>` whose own text is exactly `text`.
 * @param {import('puppeteer-core').Page} page
 * @param {string} text
 */
export async function byLabel(page, text) {
  return until(async () => {
    const handle = await page.evaluateHandle((wanted) => {
      for (const label of document.querySelectorAll('label')) {
        const own = [...label.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
        if (own === wanted) return label.querySelector('input, select, textarea');
      }
      return null;
    }, text);
    return handle.asElement() ?? undefined;
  }, `a field labelled "${text}"`);
}

/**
 * An enabled, visible button whose text or aria-label equals `name` (or matches it, for a RegExp).
 * @param {import('puppeteer-core').Page} page
 * @param {string | RegExp} name
 * @param {number} [timeoutMs]
 */
export async function button(page, name, timeoutMs) {
  const pattern = typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags };
  return until(
    async () => {
      const handle = await page.evaluateHandle((p) => {
        const test = (s) => (p.exact !== undefined ? s === p.exact : new RegExp(p.source, p.flags).test(s));
        for (const b of document.querySelectorAll('button')) {
          const accessible = b.getAttribute('aria-label') ?? (b.textContent ?? '').trim();
          if (test(accessible) && !b.disabled && b.getClientRects().length > 0) return b;
        }
        return null;
      }, pattern);
      return handle.asElement() ?? undefined;
    },
    `a button named ${String(name)}`,
    timeoutMs,
  );
}

/**
 * Replaces a field's value by typing, as a person would (Preact listens to input events).
 * @param {import('puppeteer-core').Page} page
 * @param {string} label
 * @param {string} value
 */
export async function fill(page, label, value) {
  const field = await byLabel(page, label);
  await field.click({ count: 3 });
  await field.evaluate((el) => {
    el.select?.();
  });
  await page.keyboard.press('Backspace');
  await field.type(value);
}

/**
 * Text of the first element with role="alert", once there is one.
 * @param {import('puppeteer-core').Page} page
 * @param {number} [timeoutMs]
 */
export async function alertText(page, timeoutMs) {
  return until(() => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent?.trim() || ''), 'an alert', timeoutMs);
}

/**
 * Issuer, name and shown code of every account row in the list.
 * @param {import('puppeteer-core').Page} page
 * @returns {Promise<{ text: string, code: string }[]>}
 */
export async function accountRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('li')].map((li) => ({
      text: li.textContent ?? '',
      code: (li.querySelector('.code')?.textContent ?? '').replace(/\s/g, ''),
    })),
  );
}
