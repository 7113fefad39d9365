// Test-only helpers for demo/*.test.mjs: a fetch client with a cookie jar, and HTML parsing.

import { Window } from 'happy-dom';
import { TOTP, Secret } from 'otpauth';

const window = new Window();

/**
 * Parses HTML without running its scripts.
 * @param {string} html
 */
export function parseHtml(html) {
  return new window.DOMParser().parseFromString(html, 'text/html');
}

/**
 * The text of the first `role=alert` element, or null.
 * @param {string} html
 */
export function alertText(html) {
  return parseHtml(html).querySelector('[role=alert]')?.textContent?.trim() ?? null;
}

/**
 * The TOTP code an authenticator app shows at a given time (SHA1, 6 digits, 30 s).
 * @param {string} secret base32
 * @param {number} ms
 */
export function codeAt(secret, ms) {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: ms });
}

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {string} url Final URL after redirects.
 * @property {Headers} headers
 * @property {string} text
 * @property {string[]} setCookies Set-Cookie headers seen along the way.
 */

/**
 * A tiny browser stand-in: keeps cookies per client and follows redirects (303 → GET).
 * @param {string} baseUrl
 */
export function createClient(baseUrl) {
  /** @type {Map<string, string>} */
  const jar = new Map();

  /**
   * @param {string} path
   * @param {{ method?: string, form?: Record<string, string>, xhr?: boolean }} [opts]
   * @returns {Promise<Reply>}
   */
  async function request(path, { method = 'GET', form, xhr = false } = {}) {
    let url = new URL(path, baseUrl).toString();
    /** @type {string[]} */
    const setCookies = [];
    let body = form ? new URLSearchParams(form).toString() : undefined;
    for (let hop = 0; hop < 5; hop += 1) {
      /** @type {Record<string, string>} */
      const headers = {};
      if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
      if (xhr) headers['X-Requested-With'] = 'XMLHttpRequest';
      const res = await fetch(url, { method, headers, body, redirect: 'manual' });
      for (const c of res.headers.getSetCookie()) {
        setCookies.push(c);
        const [pair = '', ...attrs] = c.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        if (attrs.some((a) => a.trim().toLowerCase() === 'max-age=0')) jar.delete(name);
        else jar.set(name, pair.slice(eq + 1).trim());
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer();
        url = new URL(location, url).toString();
        method = 'GET';
        body = undefined;
        continue;
      }
      return { status: res.status, url, headers: res.headers, text: await res.text(), setCookies };
    }
    throw new Error(`Too many redirects from ${path}`);
  }

  return {
    jar,
    /** @param {string} path @param {{xhr?: boolean}} [o] */
    get: (path, o = {}) => request(path, { ...o }),
    /** @param {string} path @param {Record<string, string>} form @param {{xhr?: boolean}} [o] */
    post: (path, form, o = {}) => request(path, { method: 'POST', form, ...o }),
  };
}

/**
 * Registers an account (which also signs the client in).
 * @param {ReturnType<typeof createClient>} client
 * @param {string} email
 * @param {string} [password]
 */
export function signUp(client, email, password = 'correct horse') {
  return client.post('/register', { firstname: 'Ada', email, password });
}
