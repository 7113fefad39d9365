// Per-request context: who is signed in, and helpers to start or end a session.

import { readCookies } from './http-util.mjs';
import { randomId, userById } from './store.mjs';

/**
 * @typedef {import('./store.mjs').PortalState} PortalState
 * @typedef {import('./store.mjs').User} User
 * @typedef {{ userId: string | null, pendingUserId: string | null }} Session
 */

/**
 * @typedef {object} Ctx
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {URL} url
 * @property {PortalState} state
 * @property {() => number} now Current time in ms (injectable for tests).
 * @property {() => void} save Persists users (no-op without a data file).
 * @property {import('./qr-styles.mjs').QrContext} qr
 * @property {string} defaultStyle QR style used when the page has no `?style=`.
 * @property {User | null} user Fully signed-in user.
 * @property {User | null} pendingUser Passed the password step, still owes a 2FA code.
 * @property {(userId: string) => void} signIn Starts a fresh signed-in session.
 * @property {(userId: string) => void} setPending Starts a fresh session waiting for the 2FA code.
 * @property {() => void} signOut Ends the session.
 */

/**
 * Builds the context for one request.
 * @param {object} opts
 * @param {import('node:http').IncomingMessage} opts.req
 * @param {import('node:http').ServerResponse} opts.res
 * @param {PortalState} opts.state
 * @param {string} opts.cookieName Includes the port: cookies ignore ports, and e2e tests run several portals on 127.0.0.1.
 * @param {Omit<Ctx, 'req' | 'res' | 'url' | 'state' | 'user' | 'pendingUser' | 'signIn' | 'setPending' | 'signOut'>} opts.shared
 * @returns {Ctx}
 */
export function createContext({ req, res, state, cookieName, shared }) {
  const url = new URL(req.url ?? '/', 'http://portal.invalid');
  /** @type {string | null} */
  let sessionId = readCookies(req)[cookieName] ?? null;
  const session = sessionId ? state.sessions.get(sessionId) ?? null : null;
  if (!session) sessionId = null;

  /** @param {Session} data */
  const start = (data) => {
    // A new id on every sign-in step prevents session fixation.
    if (sessionId) state.sessions.delete(sessionId);
    sessionId = randomId() + randomId();
    state.sessions.set(sessionId, data);
    res.setHeader('Set-Cookie', `${cookieName}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`);
  };

  return {
    ...shared,
    req,
    res,
    url,
    state,
    user: userById(state, session?.userId ?? null),
    pendingUser: userById(state, session?.pendingUserId ?? null),
    signIn: (userId) => start({ userId, pendingUserId: null }),
    setPending: (userId) => start({ userId: null, pendingUserId: userId }),
    signOut: () => {
      if (sessionId) state.sessions.delete(sessionId);
      sessionId = null;
      res.setHeader('Set-Cookie', `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    },
  };
}
