// Sign-up, login and client-area pages.

import { layout, esc, alertBox } from './html.mjs';
import { readForm, send, redirect } from './http-util.mjs';
import { hashPassword, verifyPassword, randomId } from './store.mjs';

/** @typedef {import('./request-context.mjs').Ctx} Ctx */

// Checked against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = await hashPassword(randomId());

/**
 * @param {{ error?: string, firstName?: string, email?: string }} [v]
 */
function registerPage(v = {}) {
  return layout({
    title: 'Register',
    body: `<div class="panel"><h1>Create an Account</h1>${alertBox(v.error)}
<form method="post" action="/register" id="frmRegister">
<label for="inputFirstName">First Name</label>
<input type="text" id="inputFirstName" name="firstname" class="form-control" autocomplete="given-name" value="${esc(v.firstName)}" required>
<label for="inputEmail">Email Address</label>
<input type="email" id="inputEmail" name="email" class="form-control" autocomplete="email" value="${esc(v.email)}" required>
<label for="inputPassword">Password</label>
<input type="password" id="inputPassword" name="password" class="form-control" autocomplete="new-password" required>
<button type="submit" class="btn" id="btnRegister">Register</button>
</form><p>Already registered? <a href="/login">Login</a></p></div>`,
  });
}

/**
 * @param {{ error?: string, email?: string }} [v]
 */
function loginPage(v = {}) {
  return layout({
    title: 'Login',
    body: `<div class="panel"><h1>Login</h1><p class="muted">This page is restricted. Please login to continue.</p>${alertBox(v.error)}
<form method="post" action="/login" id="frmLogin">
<label for="inputEmail">Email Address</label>
<input type="email" id="inputEmail" name="email" class="form-control" autocomplete="username" value="${esc(v.email)}" required>
<label for="inputPassword">Password</label>
<input type="password" id="inputPassword" name="password" class="form-control" autocomplete="current-password" required>
<button type="submit" class="btn" id="login">Login</button>
</form><p>No account yet? <a href="/register">Register</a></p></div>`,
  });
}

/** @param {Ctx} ctx */
export function getRoot(ctx) {
  redirect(ctx.res, ctx.user ? '/clientarea' : '/login');
}

/** @param {Ctx} ctx */
export function getRegister(ctx) {
  send(ctx.res, 200, registerPage());
}

/** @param {Ctx} ctx */
export async function postRegister(ctx) {
  const form = await readForm(ctx.req);
  const firstName = (form.get('firstname') ?? '').trim();
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  let error = '';
  if (!firstName || firstName.length > 100) error = 'Please enter your first name (up to 100 characters).';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 200) error = 'Please enter a valid email address.';
  else if (password.length < 6 || password.length > 200) error = 'Please choose a password of at least 6 characters.';
  else if (ctx.state.users[email]) error = 'An account with this email address already exists. Please login instead.';
  if (error) {
    send(ctx.res, 200, registerPage({ error, firstName, email }));
    return;
  }
  const passwordHash = await hashPassword(password);
  if (ctx.state.users[email]) { // registered concurrently while hashing
    send(ctx.res, 200, registerPage({ error: 'An account with this email address already exists.', firstName, email }));
    return;
  }
  const id = randomId();
  ctx.state.users[email] = {
    id, firstName, email, passwordHash, totpSecret: null, lastStep: -1, pendingSecret: null, backupCodeHash: null,
  };
  ctx.save();
  ctx.signIn(id);
  redirect(ctx.res, '/clientarea');
}

/** @param {Ctx} ctx */
export function getLogin(ctx) {
  if (ctx.user) { redirect(ctx.res, '/clientarea'); return; }
  send(ctx.res, 200, loginPage());
}

/** @param {Ctx} ctx */
export async function postLogin(ctx) {
  const form = await readForm(ctx.req);
  // WHMCS names the field "username"; accept both.
  const email = (form.get('email') ?? form.get('username') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  const user = ctx.state.users[email];
  const ok = await verifyPassword(password, user ? user.passwordHash : DUMMY_HASH);
  if (!user || !ok) {
    send(ctx.res, 200, loginPage({ error: 'Login details incorrect. Please try again.', email }));
    return;
  }
  if (user.totpSecret) {
    ctx.setPending(user.id);
    redirect(ctx.res, '/login/two-factor');
    return;
  }
  ctx.signIn(user.id);
  redirect(ctx.res, '/clientarea');
}

/** @param {Ctx} ctx */
export function getLogout(ctx) {
  ctx.signOut();
  redirect(ctx.res, '/login');
}

/** @param {Ctx} ctx */
export function getClientArea(ctx) {
  const user = ctx.user;
  if (!user) { redirect(ctx.res, '/login'); return; }
  const status = user.totpSecret ? 'enabled' : 'not enabled';
  send(ctx.res, 200, layout({
    title: 'Client Area',
    user,
    body: `<div class="panel"><h1>Welcome back, ${esc(user.firstName)}</h1>
<p>You are signed in as <strong>${esc(user.email)}</strong>.</p>
<p>Two-factor authentication is <span id="twofa-status">${status}</span> on your account.</p>
<p><a href="/user/security" class="btn">Security Settings</a></p></div>`,
  }));
}
