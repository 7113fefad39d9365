// The HTML of each 2FA enable step. The same fragment is shown inside the #modalAjax modal
// (loaded by fetch) and inside the full-page fallback, as WHMCS does.

import { esc, alertBox } from './html.mjs';
import { renderQr } from './qr-styles.mjs';
import { groupInFours } from './two-factor.mjs';

/**
 * Step 1: choose the module.
 * @param {string} style
 * @param {string} [error]
 */
export function chooseModuleView(style, error) {
  return `<form method="post" action="/user/two-factor/enable?style=${esc(style)}" class="two-factor-form" id="frmChooseModule">
<h2>Enable Two-Factor Authentication</h2>${alertBox(error)}
<p>Choose how you want to confirm your identity when you log in:</p>
<label class="radio"><input type="radio" name="module" value="totp" checked> Time-Based Tokens</label>
<p class="muted">Use an authenticator app on your phone or computer to generate a new code every 30 seconds.</p>
<button type="submit" class="btn" id="btnGetStarted">Get Started</button>
</form>`;
}

// Six one-digit boxes; typing moves to the next box. A whole code, pasted or assigned to one
// box by a script (as autofill tools do), is spread over the boxes.
const SPLIT_SCRIPT = `(function(){var g=document.currentScript.previousElementSibling.previousElementSibling;
var b=g.querySelectorAll('input');function spread(i,v){v.split('').slice(0,b.length-i).forEach(function(d,j){b[i+j].value=d;});
b[Math.min(i+v.length,b.length-1)].focus();}
b.forEach(function(el,i){el.addEventListener('input',function(){var v=el.value.replace(/\\D/g,'');
if(v.length>1){spread(i,v);return;}el.value=v;if(v&&b[i+1])b[i+1].focus();});
el.addEventListener('paste',function(e){var v=((e.clipboardData&&e.clipboardData.getData('text'))||'').replace(/\\D/g,'');
if(v.length>1){e.preventDefault();spread(i,v);}});
el.addEventListener('keydown',function(e){if(e.key==='Backspace'&&!el.value&&b[i-1])b[i-1].focus();});});})();`;

/**
 * The code field of step 2; WHMCS's exact markup by default.
 * @param {string} style
 */
function codeField(style) {
  if (style === 'split') {
    let boxes = '';
    for (let i = 1; i <= 6; i += 1) {
      boxes += `<input type="text" maxlength="1" inputmode="numeric" autocomplete="one-time-code" aria-label="Digit ${i}"${i === 1 ? ' autofocus' : ''}>`;
    }
    return `<div class="split-digits" role="group" aria-label="Authentication code">${boxes}</div>
<input type="hidden" name="verifykey" value="">
<script>${SPLIT_SCRIPT}</script>`;
  }
  const extra = style === 'otc' ? ' autocomplete="one-time-code" inputmode="numeric"' : '';
  return `<input type="text" name="verifykey" maxlength="6" class="form-control input-lg" placeholder="Enter authentication code"${extra} autofocus>`;
}

/**
 * Step 2 (`enable-configure`): QR, secret and code field.
 * @param {object} v
 * @param {string} v.style
 * @param {string} v.uri otpauth URI
 * @param {string} v.secret base32 secret
 * @param {string} [v.error]
 * @param {import('./qr-styles.mjs').QrContext} v.qr
 */
export async function configureView({ style, uri, secret, error, qr }) {
  const qrHtml = await renderQr(style, uri, qr);
  const intro = style === 'text-only'
    ? '<p>Add a new account in your authenticator app and enter the secret key below.</p>'
    : `<p>Scan the QR code below with your authenticator app (such as Google Authenticator or Tessera) to add your account.</p>
<div class="qr">${qrHtml}</div>`;
  return `<form method="post" action="/user/two-factor/setup?style=${esc(style)}" class="two-factor-form" id="frmTwoFactorConfigure">
<h2>Configure Time-Based Tokens</h2>${alertBox(error)}
${intro}
<p>${style === 'text-only' ? 'Secret key' : '…or enter this secret key manually'}: <strong>${esc(secret)}</strong></p>
<p>Then enter the 6-digit code your app shows to confirm:</p>
${codeField(style)}
<input type="button" value="Submit" class="btn btn-primary" onclick="dialogSubmit()">
</form>`;
}

/**
 * Step 3 (`enable-complete`): success and the backup code, shown only this once.
 * @param {string} backupCode
 */
export function completeView(backupCode) {
  return `<div class="alert alert-success" role="status">Two-Factor Authentication is now enabled</div>
<h2>Two-Factor Authentication is now enabled</h2>
<p>Your backup code is:</p>
<div class="backup-code"><span>${esc(groupInFours(backupCode))}</span></div>
<p>Keep this backup code in a secure location. You will need it to log in if you ever lose access to your authenticator app. It is shown only once.</p>
<p><a href="/user/security" class="btn" data-dismiss="modal" data-reload>Done</a></p>`;
}

/** Used when 2FA is already on, e.g. when the enable link is opened twice. */
export function alreadyEnabledView() {
  return `<h2>Two-Factor Authentication</h2><div class="alert alert-success" role="status">Two-Factor Authentication is already enabled on your account.</div>
<p><a href="/user/security" class="btn">Back to Security Settings</a></p>`;
}
