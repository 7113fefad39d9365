// The "remote" QR image service (like api.qrserver.com, which WHMCS falls back to). It runs as a
// second server addressed as `localhost`, a different site from the portal's 127.0.0.1, and sends
// no CORS headers, so a page script cannot read the image pixels.

import { createServer } from 'node:http';
import { send } from './http-util.mjs';
import { pngQr } from './qr-styles.mjs';

// QR payloads cannot exceed ~3 KB anyway; anything longer is not a real request.
const MAX_DATA_LENGTH = 2048;

/**
 * Starts listening on 127.0.0.1 and resolves once bound.
 * @param {import('node:http').Server} server
 * @param {number} port
 * @returns {Promise<number>} The bound port.
 */
export function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/**
 * Closes a server, dropping idle keep-alive connections so tests end promptly.
 * @param {import('node:http').Server} server
 * @returns {Promise<void>}
 */
export function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Parses `size=WxH`; the image is square, so the smaller side wins. Defaults to 200.
 * @param {string | null} size
 */
function parseSize(size) {
  const m = /^(\d{1,4})x(\d{1,4})$/.exec(size ?? '');
  if (!m) return 200;
  return Math.min(1000, Math.max(50, Math.min(Number(m[1]), Number(m[2]))));
}

/**
 * Starts the remote QR image host: `GET /v1/create-qr-code/?size=200x200&data=…` answers a PNG.
 * Every other request (including a missing or empty `data=`) is refused.
 * @param {{ port?: number, log?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startQrImageHost({ port = 0, log = false } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const data = url.searchParams.get('data');
    const done = (/** @type {number} */ status) => {
      if (log) console.log(`[qr-host] ${req.method} ${url.pathname} ${status}`);
    };
    if (req.method !== 'GET' || url.pathname.replace(/\/$/, '') !== '/v1/create-qr-code' || !data || data.length > MAX_DATA_LENGTH) {
      send(res, 400, 'Bad request: data parameter required', { 'Content-Type': 'text/plain; charset=utf-8' });
      done(400);
      return;
    }
    pngQr(data, parseSize(url.searchParams.get('size'))).then(
      (png) => { send(res, 200, png, { 'Content-Type': 'image/png' }); done(200); },
      () => { send(res, 400, 'Bad request: data cannot be encoded', { 'Content-Type': 'text/plain; charset=utf-8' }); done(400); },
    );
  });
  const bound = await listen(server, port);
  return { url: `http://localhost:${bound}`, port: bound, close: () => closeServer(server) };
}
