// The demo "ClientZone" client portal: a small WHMCS-like site with TOTP two-factor authentication,
// used by `npm start` and by the extension's end-to-end tests.

import { createServer } from 'node:http';
import { send, HttpError } from './http-util.mjs';
import { layout, esc } from './html.mjs';
import { createState, persist, randomId } from './store.mjs';
import { createContext } from './request-context.mjs';
import { isQrStyle, QR_STYLES } from './qr-styles.mjs';
import { startQrImageHost, listen, closeServer } from './qr-image-host.mjs';
import * as account from './pages-account.mjs';
import * as challenge from './pages-challenge.mjs';
import * as security from './pages-security.mjs';

export { startQrImageHost } from './qr-image-host.mjs';
export { QR_STYLES } from './qr-styles.mjs';

/** @typedef {import('./request-context.mjs').Ctx} Ctx */

/** @type {Record<string, (ctx: Ctx) => void | Promise<void>>} */
const ROUTES = {
  'GET /': account.getRoot,
  'GET /register': account.getRegister,
  'POST /register': account.postRegister,
  'GET /login': account.getLogin,
  'POST /login': account.postLogin,
  'GET /logout': account.getLogout,
  'GET /clientarea': account.getClientArea,
  'GET /login/two-factor': challenge.getChallenge,
  'POST /login/two-factor': challenge.postChallenge,
  'POST /login/two-factor/backup': challenge.postBackup,
  'GET /user/security': security.getSecurity,
  'GET /user/two-factor/enable': security.getEnable,
  'POST /user/two-factor/enable': security.postEnable,
  'GET /user/two-factor/setup': security.getSetup,
  'POST /user/two-factor/setup': security.postSetup,
  'GET /user/two-factor/qr.png': security.getOnceImage,
  'GET /user/two-factor/qr-frame': security.getQrFrame,
  'GET /user/two-factor/disable': security.getDisable,
  'POST /user/two-factor/disable': security.postDisable,
};

// One-shot images nobody fetched are dropped oldest-first beyond this many.
const MAX_ONCE_IMAGES = 500;

/**
 * @param {number} status
 * @param {string} message
 */
function errorPage(status, message) {
  const title = status === 404 ? 'Page Not Found' : status >= 500 ? 'Something Went Wrong' : 'Request Refused';
  return layout({ title, body: `<div class="panel"><h1>${title}</h1><p role="alert">${esc(message)}</p><p><a href="/">Go to the home page</a></p></div>` });
}

/**
 * @typedef {object} PortalOptions
 * @property {string} [host] Host name used in the returned `url` ('127.0.0.1' or 'localhost'); the server always binds 127.0.0.1.
 * @property {number} [port] 0 picks a free port.
 * @property {string} [dataFile] JSON file to load users from and save them to.
 * @property {boolean} [log] Print one line per request (never bodies or secrets).
 * @property {string} [qrStyle] Default QR style of the setup step (one of QR_STYLES; default 'svg').
 * @property {string} [qrImageUrl] Origin of an already running remote QR host; otherwise one is started on first use.
 * @property {() => number} [now] Clock in ms, for tests that need exact TOTP steps.
 */

/**
 * @typedef {object} Portal
 * @property {string} url e.g. http://127.0.0.1:41234
 * @property {number} port
 * @property {() => Promise<void>} close Stops the portal (and the remote QR host it started).
 * @property {import('./store.mjs').PortalState} state Live in-memory state (users, sessions).
 */

/**
 * Starts the portal and resolves once it accepts connections.
 * @param {PortalOptions} [options]
 * @returns {Promise<Portal>}
 */
export async function startPortal({ host = '127.0.0.1', port = 0, dataFile, log = false, qrStyle = 'svg', qrImageUrl, now = Date.now } = {}) {
  if (!isQrStyle(qrStyle)) throw new TypeError(`Unknown qrStyle "${qrStyle}". Use one of: ${QR_STYLES.join(', ')}.`);
  if (host !== '127.0.0.1' && host !== 'localhost') throw new TypeError(`host must be "127.0.0.1" or "localhost", not "${host}".`);
  const state = createState(dataFile);
  /** @type {Promise<{url: string, close: () => Promise<void>}> | null} */
  let remoteHost = null;
  /** @type {import('./qr-styles.mjs').QrContext} */
  const qr = {
    registerOnceImage(png) {
      const token = randomId();
      state.onceImages.set(token, png);
      if (state.onceImages.size > MAX_ONCE_IMAGES) state.onceImages.delete(state.onceImages.keys().next().value ?? '');
      return token;
    },
    remoteBase() {
      if (qrImageUrl) return Promise.resolve(qrImageUrl.replace(/\/$/, ''));
      remoteHost ??= startQrImageHost({ log });
      return remoteHost.then((h) => h.url);
    },
  };
  const shared = { now, qr, defaultStyle: qrStyle, save: () => persist(state, dataFile) };
  let cookieName = 'cz_session';

  const server = createServer((req, res) => {
    // The portal's own clock, as a real server's Date header tells it (Tessera's clock check reads it).
    res.setHeader('Date', new Date(now()).toUTCString());
    const ctx = createContext({ req, res, state, cookieName, shared });
    if (log) res.on('finish', () => console.log(`[portal] ${req.method} ${ctx.url.pathname} ${res.statusCode}`));
    handle(ctx).catch((err) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (log && status === 500) console.error(`[portal] error on ${ctx.url.pathname}: ${err instanceof Error ? err.message : err}`);
      if (res.headersSent) { res.destroy(); return; }
      const message = status === 500 ? 'The page could not be shown. Please try again.' : err.message;
      send(res, status, errorPage(status, message));
    });
  });
  // Keep-alive sockets from fetch() would otherwise hold close() open.
  server.keepAliveTimeout = 1000;
  const bound = await listen(server, port);
  // Cookies ignore ports: several portals on 127.0.0.1 must not share one session cookie.
  cookieName = `cz_session_${bound}`;

  return {
    url: `http://${host}:${bound}`,
    port: bound,
    state,
    async close() {
      await closeServer(server);
      if (remoteHost) await (await remoteHost).close();
    },
  };
}

/** @param {Ctx} ctx */
async function handle(ctx) {
  const { req, res, url } = ctx;
  if (url.pathname === '/health') {
    send(res, 200, 'ok', { 'Content-Type': 'text/plain; charset=utf-8' });
    return;
  }
  if (url.pathname === '/favicon.ico') { // browsers ask for it on every page; keep their console clean
    send(res, 204, '');
    return;
  }
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const route = ROUTES[`${method} ${path}`];
  if (route) { await route(ctx); return; }
  const known = Object.keys(ROUTES).some((k) => k.endsWith(` ${path}`));
  if (known) throw new HttpError(405, 'method-not-allowed', 'This page cannot be used that way.');
  throw new HttpError(404, 'not-found', 'The page you asked for does not exist.');
}

/**
 * TEST HELPER for the portal's own unit tests only: the secret of the user's enabled
 * authenticator, or of the setup in progress. End-to-end tests must never use it (the extension
 * has to obtain the secret from the page itself).
 * @param {Portal} portal
 * @param {string} email
 * @returns {string | null}
 */
export function peekTotpSecret(portal, email) {
  const user = portal.state.users[email.trim().toLowerCase()];
  return user ? user.totpSecret ?? user.pendingSecret ?? null : null;
}
