// Security Settings and the 2FA enable/disable flow (WHMCS user-security.tpl + totp module).

import { layout, esc, alertBox } from './html.mjs';
import { readForm, send, redirect, wantsFragment, HttpError } from './http-util.mjs';
import { verifyPassword, hashBackupCode } from './store.mjs';
import { isQrStyle, QR_STYLES, svgQr } from './qr-styles.mjs';
import { newSecret, otpauthUri, checkCode, newBackupCode } from './two-factor.mjs';
import { CODE_ERRORS } from './pages-challenge.mjs';
import { chooseModuleView, configureView, completeView, alreadyEnabledView } from './setup-views.mjs';

/** @typedef {import('./request-context.mjs').Ctx} Ctx */
/** @typedef {import('./store.mjs').User} User */

/**
 * The signed-in user, or a redirect to the login page (fragments get 401 so the modal shows it).
 * @param {Ctx} ctx
 * @returns {User | null}
 */
function requireUser(ctx) {
  if (ctx.user) return ctx.user;
  if (wantsFragment(ctx.req)) send(ctx.res, 401, alertBox('Your session has ended. Please login again.'));
  else redirect(ctx.res, '/login');
  return null;
}

/**
 * The QR style from `?style=`, else the portal default. Unknown names are refused loudly so a
 * typo in a test does not silently fall back to the default style.
 * @param {Ctx} ctx
 */
function styleOf(ctx) {
  const style = ctx.url.searchParams.get('style') ?? ctx.defaultStyle;
  if (!isQrStyle(style)) {
    throw new HttpError(400, 'unknown-style', `Unknown QR style "${style}". Use one of: ${QR_STYLES.join(', ')}.`);
  }
  return style;
}

/**
 * Answers a step as a modal fragment or as a full page.
 * @param {Ctx} ctx
 * @param {string} html
 * @param {string} [title]
 */
function sendStep(ctx, html, title = 'Enable Two-Factor Authentication') {
  if (wantsFragment(ctx.req)) { send(ctx.res, 200, html); return; }
  send(ctx.res, 200, layout({
    title,
    user: ctx.user,
    body: `<div class="panel"><h1>Two-Factor Authentication</h1>${html}</div>`,
  }));
}

const MODAL = `<div id="modalAjax" class="modal" role="dialog" aria-modal="true" aria-labelledby="modalAjaxTitle" hidden>
<div class="modal-dialog"><div class="modal-header"><h2 id="modalAjaxTitle" class="modal-title">Two-Factor Authentication</h2>
<button type="button" class="btn btn-default" data-dismiss="modal" data-reload aria-label="Close">&times;</button></div>
<div class="modal-body"></div>
<div class="modal-footer"><button type="button" class="btn btn-default" data-dismiss="modal" data-reload>Close</button></div></div></div>`;

/** @param {Ctx} ctx */
export function getSecurity(ctx) {
  const user = requireUser(ctx);
  if (!user) return;
  const styleParam = ctx.url.searchParams.get('style');
  const query = styleParam ? `?style=${encodeURIComponent(styleParam)}` : '';
  const notice = ctx.url.searchParams.has('disabled')
    ? '<div class="alert alert-success" role="status">Two-Factor Authentication has been disabled.</div>' : '';
  const section = user.totpSecret
    ? `<p id="twofa-status">Two-Factor Authentication is currently <strong>enabled</strong>.</p>
<a href="/user/two-factor/disable" class="btn btn-default">Click here to Disable</a>`
    : `<p id="twofa-status">Two-Factor Authentication is currently <strong>disabled</strong>.</p>
<p>Add an extra layer of protection: after your password, you will also enter a code from an authenticator app.</p>
<a href="/user/two-factor/enable${esc(query)}" class="open-modal btn" data-modal-title="Enable Two-Factor Authentication" data-btn-submit-id="btnEnable2FA">Click here to Enable</a>`;
  send(ctx.res, 200, layout({
    title: 'Security Settings',
    user,
    body: `<h1>Security Settings</h1>${notice}<div class="panel"><h2>Two-Factor Authentication</h2>${section}</div>${MODAL}`,
  }));
}

/** @param {Ctx} ctx */
export function getEnable(ctx) {
  const user = requireUser(ctx);
  if (!user) return;
  sendStep(ctx, user.totpSecret ? alreadyEnabledView() : chooseModuleView(styleOf(ctx)));
}

/**
 * Starts a setup with a fresh secret (each visit gets a new one) and renders step 2.
 * @param {Ctx} ctx
 * @param {User} user
 */
async function beginSetup(ctx, user) {
  const style = styleOf(ctx);
  user.pendingSecret = newSecret();
  ctx.save();
  sendStep(ctx, await configureView({ style, uri: otpauthUri(user.email, user.pendingSecret), secret: user.pendingSecret, qr: ctx.qr }));
}

/** @param {Ctx} ctx */
export async function postEnable(ctx) {
  const user = requireUser(ctx);
  if (!user) return;
  const form = await readForm(ctx.req);
  const style = styleOf(ctx);
  if (user.totpSecret) { sendStep(ctx, alreadyEnabledView()); return; }
  if (form.get('module') !== 'totp') {
    sendStep(ctx, chooseModuleView(style, 'Please choose an authentication method.'));
    return;
  }
  // The modal loads step 2 in place; without JS the browser goes to the full-page setup.
  if (wantsFragment(ctx.req)) await beginSetup(ctx, user);
  else redirect(ctx.res, `/user/two-factor/setup?style=${encodeURIComponent(style)}`);
}

/** @param {Ctx} ctx */
export async function getSetup(ctx) {
  const user = requireUser(ctx);
  if (!user) return;
  if (user.totpSecret) { sendStep(ctx, alreadyEnabledView()); return; }
  await beginSetup(ctx, user);
}

/** @param {Ctx} ctx */
export async function postSetup(ctx) {
  const user = requireUser(ctx);
  if (!user) return;
  const form = await readForm(ctx.req);
  const style = styleOf(ctx);
  if (user.totpSecret) { sendStep(ctx, alreadyEnabledView()); return; }
  const secret = user.pendingSecret;
  if (!secret) {
    sendStep(ctx, `${alertBox('Your setup has expired. Please start again.')}<p><a href="/user/security" class="btn">Back to Security Settings</a></p>`);
    return;
  }
  const result = checkCode(secret, form.get('verifykey'), user.lastStep, ctx.now());
  if (!result.ok) {
    // Same secret again, so the person can simply retry with the next code.
    sendStep(ctx, await configureView({ style, uri: otpauthUri(user.email, secret), secret, error: CODE_ERRORS[result.reason], qr: ctx.qr }));
    return;
  }
  const backup = newBackupCode();
  user.totpSecret = secret;
  user.pendingSecret = null;
  user.lastStep = result.step;
  user.backupCodeHash = hashBackupCode(backup);
  ctx.save();
  sendStep(ctx, completeView(backup));
}

/** WHMCS 7 style: the QR PNG is served once, then forgotten. @param {Ctx} ctx */
export function getOnceImage(ctx) {
  const token = ctx.url.searchParams.get('t') ?? '';
  const png = ctx.state.onceImages.get(token);
  ctx.state.onceImages.delete(token);
  if (!png) throw new HttpError(404, 'not-found', 'This image is no longer available.');
  send(ctx.res, 200, png, { 'Content-Type': 'image/png' });
}

/** The page shown inside the `iframe` style: just the QR of the setup in progress. @param {Ctx} ctx */
export async function getQrFrame(ctx) {
  const user = requireUser(ctx);
  if (!user) return;
  if (!user.pendingSecret) throw new HttpError(404, 'no-setup', 'There is no two-factor setup in progress.');
  const svg = await svgQr(otpauthUri(user.email, user.pendingSecret), 200);
  send(ctx.res, 200, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>QR code</title>
<style>body{margin:0;background:#fff}h1{position:absolute;left:-9999px}</style></head>
<body><h1>QR code for your authenticator app</h1>${svg}</body></html>`);
}

/** @param {string} [error] */
function disablePage(error) {
  return `<h2>Disable Two-Factor Authentication</h2>${alertBox(error)}
<form method="post" action="/user/two-factor/disable" id="frmDisable2FA">
<p>To disable two-factor authentication, please confirm your password.</p>
<label for="inputDisablePassword">Password</label>
<input type="password" id="inputDisablePassword" name="password" class="form-control" autocomplete="current-password" required>
<button type="submit" class="btn" id="btnDisable2FA">Disable</button>
</form>`;
}

/** @param {Ctx} ctx */
export function getDisable(ctx) {
  const user = requireUser(ctx);
  if (!user) return;
  if (!user.totpSecret) { redirect(ctx.res, '/user/security'); return; }
  sendStep(ctx, disablePage(), 'Disable Two-Factor Authentication');
}

/** @param {Ctx} ctx */
export async function postDisable(ctx) {
  const user = requireUser(ctx);
  if (!user) return;
  const form = await readForm(ctx.req);
  if (!(await verifyPassword(form.get('password') ?? '', user.passwordHash))) {
    sendStep(ctx, disablePage('Incorrect password. Please try again.'), 'Disable Two-Factor Authentication');
    return;
  }
  user.totpSecret = null;
  user.pendingSecret = null;
  user.backupCodeHash = null;
  ctx.save();
  redirect(ctx.res, '/user/security?disabled=1');
}
