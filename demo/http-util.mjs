// Small request/response helpers for the demo portal's `node:http` servers.

/** Raised for request problems that deserve a specific HTTP status (not a server bug). */
export class HttpError extends Error {
  /**
   * @param {number} status HTTP status code to answer with.
   * @param {string} code Stable machine-readable reason.
   * @param {string} message Text a person can understand.
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

/** Form bodies on this portal are tiny; anything bigger is refused rather than buffered. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads an `application/x-www-form-urlencoded` body (what HTML forms and our fetch() calls send).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<URLSearchParams>}
 */
export async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body-too-large', 'The form you sent is too large.');
    chunks.push(chunk);
  }
  const type = String(req.headers['content-type'] ?? '');
  const text = Buffer.concat(chunks).toString('utf8');
  // multipart is not used by our pages; other types are read as urlencoded so a missing header still works.
  if (type.startsWith('multipart/')) {
    throw new HttpError(415, 'unsupported-form', 'This form encoding is not supported.');
  }
  return new URLSearchParams(text);
}

/**
 * Parses the Cookie header into a plain map (first value wins, as browsers send the most specific first).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Record<string, string>}
 */
export function readCookies(req) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Sends a complete response with no caching (every page here is per-user and short-lived).
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Record<string, string | string[]>} [headers]
 */
export function send(res, status, body, headers = {}) {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(buf.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(buf);
}

/**
 * Redirects with 303 so a POST is followed by a GET. The location stays relative so the
 * portal works under any host name (127.0.0.1 and localhost are used as two different sites).
 * @param {import('node:http').ServerResponse} res
 * @param {string} location
 */
export function redirect(res, location) {
  send(res, 303, '', { Location: location });
}

/**
 * True when the request comes from the page's own fetch() (modal loading), which wants an
 * HTML fragment rather than a full page — the same convention WHMCS's jQuery XHR uses.
 * @param {import('node:http').IncomingMessage} req
 */
export function wantsFragment(req) {
  return String(req.headers['x-requested-with'] ?? '').toLowerCase() === 'xmlhttprequest';
}
