// The login second step (WHMCS two-factor-challenge.tpl) and backup-code login.

import { layout, esc, alertBox } from './html.mjs';
import { readForm, send, redirect } from './http-util.mjs';
import { hashBackupCode, sameDigest } from './store.mjs';
import { checkCode, newBackupCode, normaliseBackupCode, groupInFours } from './two-factor.mjs';

/** @typedef {import('./request-context.mjs').Ctx} Ctx */

/** Shared by setup and login so the wording stays consistent. */
export const CODE_ERRORS = {
  format: 'Incorrect code. Please try again.',
  wrong: 'Incorrect code. Please try again.',
  replay: 'This code has already been used. Please wait for your app to show a new code and try again.',
};

// The toggle works without JS too: the link's href shows the backup form server-side.
const TOGGLE_SCRIPT = `(function(){var a=document.getElementById('toggleBackup');if(!a)return;
a.addEventListener('click',function(e){e.preventDefault();var f=document.getElementById('frmTwoFactorChallenge'),
b=document.getElementById('frmTwoFactorBackup');var show=b.hidden;b.hidden=!show;f.hidden=show;
var i=(show?b:f).querySelector('input[type=text]');if(i)i.focus();});})();`;

/**
 * @param {{ error?: string, backup?: boolean }} v
 */
function challengePage({ error, backup = false }) {
  return layout({
    title: 'Two-Factor Authentication',
    body: `<div class="panel"><h1>Two-Factor Authentication</h1>${alertBox(error)}
<form method="post" action="/login/two-factor" id="frmTwoFactorChallenge"${backup ? ' hidden' : ''}>
<p>Enter the 6-digit code from your authenticator app</p>
<input type="text" name="key" maxlength="6" class="form-control input-lg" autofocus>
<input type="submit" id="btnLogin" class="btn" value="Login">
</form>
<form method="post" action="/login/two-factor/backup" id="frmTwoFactorBackup"${backup ? '' : ' hidden'}>
<label for="inputBackupCode">Backup code</label>
<input type="text" id="inputBackupCode" name="twofabackupcode" class="form-control input-lg" autocomplete="off"${backup ? ' autofocus' : ''}>
<input type="submit" id="btnBackupLogin" class="btn" value="Login">
</form>
<p><a href="/login/two-factor?backup=1" id="toggleBackup">Can't access your authenticator? Use a backup code</a></p>
<script>${TOGGLE_SCRIPT}</script></div>`,
  });
}

/** @param {Ctx} ctx */
export function getChallenge(ctx) {
  if (!ctx.pendingUser) { redirect(ctx.res, ctx.user ? '/clientarea' : '/login'); return; }
  send(ctx.res, 200, challengePage({ backup: ctx.url.searchParams.get('backup') === '1' }));
}

/** @param {Ctx} ctx */
export async function postChallenge(ctx) {
  const form = await readForm(ctx.req);
  const user = ctx.pendingUser;
  if (!user || !user.totpSecret) { redirect(ctx.res, '/login'); return; }
  const result = checkCode(user.totpSecret, form.get('key'), user.lastStep, ctx.now());
  if (!result.ok) {
    send(ctx.res, 200, challengePage({ error: CODE_ERRORS[result.reason] }));
    return;
  }
  user.lastStep = result.step;
  ctx.save();
  ctx.signIn(user.id);
  redirect(ctx.res, '/clientarea');
}

/** @param {Ctx} ctx */
export async function postBackup(ctx) {
  const form = await readForm(ctx.req);
  const user = ctx.pendingUser;
  if (!user || !user.totpSecret) { redirect(ctx.res, '/login'); return; }
  const typed = normaliseBackupCode(form.get('twofabackupcode'));
  if (!typed || !user.backupCodeHash || !sameDigest(hashBackupCode(typed), user.backupCodeHash)) {
    send(ctx.res, 200, challengePage({ error: 'Incorrect backup code. Please try again.', backup: true }));
    return;
  }
  // The code is single-use: replace it now and show the new one once (two-factor-new-backup-code.tpl).
  const fresh = newBackupCode();
  user.backupCodeHash = hashBackupCode(fresh);
  ctx.save();
  ctx.signIn(user.id);
  send(ctx.res, 200, layout({
    title: 'New Backup Code',
    user,
    body: `<div class="panel"><h1>Your Backup Code Was Used</h1>
<p>You have logged in with your backup code, so it can no longer be used. Here is your new backup code:</p>
<div class="alert alert-warning text-center h4">${esc(groupInFours(fresh))}</div>
<p>Keep this backup code in a secure location. You will need it if you lose access to your authenticator app.</p>
<p><a href="/clientarea" class="btn">Continue to Client Area</a></p></div>`,
  }));
}
