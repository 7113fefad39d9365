// Page shell shared by every portal page: escaping, layout, inline CSS.

import { CLIENT_SCRIPT } from './client-script.mjs';

/**
 * Escapes text for HTML element content and quoted attribute values.
 * @param {unknown} value
 */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#222;background:#f2f4f7}
header{background:#1e3a5f;color:#fff;padding:12px 24px;display:flex;align-items:center;gap:24px}
header .brand{font-weight:700;font-size:18px;color:#fff;text-decoration:none}
header nav a{color:#d8e4f2;margin-right:16px;text-decoration:none}
header nav a:hover{color:#fff}
main{max-width:760px;margin:32px auto;padding:0 16px}
.panel{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:24px;margin-bottom:24px}
h1{font-size:24px;margin:0 0 16px}h2{font-size:19px;margin:0 0 12px}
label{display:block;font-weight:600;margin:12px 0 4px}
.form-control{display:block;width:100%;max-width:360px;padding:8px 10px;border:1px solid #bbc3cc;border-radius:4px;font-size:15px}
.input-lg{font-size:20px;padding:10px 12px;letter-spacing:2px}
.btn{display:inline-block;margin-top:16px;padding:8px 18px;border:0;border-radius:4px;background:#2a6ebb;color:#fff;font-size:15px;cursor:pointer;text-decoration:none}
.btn-default{background:#e4e8ed;color:#222}
.alert{padding:12px 16px;border-radius:4px;margin:12px 0}
.alert-danger{background:#fde8e8;color:#8a1c1c;border:1px solid #f3b9b9}
.alert-success{background:#e6f6ea;color:#1d5e2c;border:1px solid #b4e0be}
.alert-warning{background:#fff6df;color:#6b4d00;border:1px solid #f0d78c}
.text-center{text-align:center}.h4{font-size:19px;font-family:monospace}
.backup-code{margin:16px 0;text-align:center}
.backup-code span{display:inline-block;font:700 22px monospace;padding:10px 18px;background:#f6f7f9;border:1px dashed #99a}
.qr{margin:12px 0}
.split-digits input{width:44px;height:52px;font-size:24px;text-align:center;margin-right:6px;border:1px solid #bbc3cc;border-radius:4px}
.modal{position:fixed;inset:0;background:rgba(20,30,45,.55);display:flex;align-items:flex-start;justify-content:center;padding-top:48px;overflow:auto}
.modal[hidden]{display:none}
.modal-dialog{background:#fff;border-radius:6px;width:600px;max-width:94vw;box-shadow:0 8px 30px rgba(0,0,0,.3)}
.modal-header,.modal-footer{padding:12px 20px;border-bottom:1px solid #e6e9ed;display:flex;justify-content:space-between;align-items:center}
.modal-footer{border-bottom:0;border-top:1px solid #e6e9ed;justify-content:flex-end}
.modal-body{padding:20px}
.modal-title{margin:0}
.muted{color:#667}
`;

/**
 * Renders a complete page.
 * @param {object} opts
 * @param {string} opts.title Text of `<title>` (the site name is appended).
 * @param {string} opts.body Already-escaped HTML for the main area (must contain the page heading).
 * @param {{firstName: string} | null} [opts.user] Signed-in user, for the navigation bar.
 * @param {string} [opts.extraHead] Extra trusted markup for `<head>`.
 */
export function layout({ title, body, user = null, extraHead = '' }) {
  const nav = user
    ? `<nav><a href="/clientarea">Home</a><a href="/user/security">Security Settings</a><a href="/logout">Logout</a></nav>`
    : `<nav><a href="/login">Login</a><a href="/register">Register</a></nav>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - ClientZone</title>
<style>${STYLE}</style>
${extraHead}
</head>
<body>
<header><a class="brand" href="/">ClientZone</a>${nav}</header>
<main>
${body}
</main>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>`;
}

/**
 * An error box that screen readers announce.
 * @param {string | null | undefined} message Plain text (escaped here).
 */
export function alertBox(message) {
  return message ? `<div class="alert alert-danger" role="alert">${esc(message)}</div>` : '';
}
