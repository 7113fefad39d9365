// The different ways real sites put a setup QR code on the page (see
// shared/docs/real-world-2fa-pages.md §1 and §4). Each style exercises one capture path of the extension.

import QRCode from 'qrcode';
import { esc } from './html.mjs';
import { rawUrlEncode } from './two-factor.mjs';

/** Every style the setup page understands; `svg` (WHMCS 8 inline SVG) is the default. */
export const QR_STYLES = Object.freeze([
  'svg', 'img-png', 'img-svg', 'img-once', 'remote', 'canvas', 'split', 'otc', 'tiny', 'dark',
  'below-fold', 'two-codes', 'bg', 'iframe', 'text-only',
]);

/**
 * @param {unknown} style
 * @returns {style is string}
 */
export function isQrStyle(style) {
  return typeof style === 'string' && QR_STYLES.includes(style);
}

/**
 * What a style needs from the portal.
 * @typedef {object} QrContext
 * @property {(png: Buffer) => string} registerOnceImage Stores a one-shot PNG, returns its token.
 * @property {() => Promise<string>} remoteBase Origin of the remote QR image host, e.g. http://localhost:1234
 */

/**
 * Inline SVG as WHMCS 8's LocalQrGenerator emits it.
 * @param {string} text
 * @param {number} width
 * @param {{dark?: string, light?: string}} [color]
 */
export function svgQr(text, width, color) {
  return QRCode.toString(text, { type: 'svg', width, margin: 4, errorCorrectionLevel: 'M', color });
}

/**
 * @param {string} text
 * @param {number} width
 */
export function pngQr(text, width = 200) {
  return QRCode.toBuffer(text, { type: 'png', width, margin: 4, errorCorrectionLevel: 'M' });
}

/**
 * The module matrix as rows of '0'/'1', for the canvas style that draws it client-side.
 * @param {string} text
 */
function matrixRows(text) {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    let row = '';
    for (let x = 0; x < size; x += 1) row += data[y * size + x] ? '1' : '0';
    rows.push(row);
  }
  return rows;
}

// Inline scripts here avoid a bare "<" (loops use forEach): some HTML parsers used in tests
// (happy-dom) mistake "x<n" inside a script for a tag.

/**
 * A `<canvas>` drawn ~500 ms after load (like pages that load their QR library asynchronously).
 * @param {string} text
 */
function canvasQr(text) {
  const rows = JSON.stringify(matrixRows(text));
  return `<canvas id="qrcode-canvas" width="200" height="200" aria-label="QR code"></canvas>
<script>(function(){var c=document.currentScript.previousElementSibling;var rows=${rows};
setTimeout(function(){var n=rows.length,q=4,s=Math.floor(200/(n+2*q));var g=c.getContext('2d');
g.fillStyle='#fff';g.fillRect(0,0,c.width,c.height);g.fillStyle='#000';var o=Math.floor((200-s*n)/2);
rows.forEach(function(r,y){r.split('').forEach(function(b,x){if(b==='1')g.fillRect(o+x*s,o+y*s,s,s);});});},500);})();</script>`;
}

/**
 * Renders the QR part of the setup step for a style (the code field is rendered separately).
 * @param {string} style One of QR_STYLES.
 * @param {string} uri The otpauth URI.
 * @param {QrContext} ctx
 * @returns {Promise<string>} Trusted HTML.
 */
export async function renderQr(style, uri, ctx) {
  switch (style) {
    case 'svg': case 'split': case 'otc':
      return svgQr(uri, 200);
    case 'tiny':
      return svgQr(uri, 90);
    case 'dark':
      return svgQr(uri, 200, { dark: '#f2f2f2ff', light: '#1b1f24ff' });
    case 'below-fold':
      return `<div class="terms" style="height:2000px"><h3>Before you continue</h3>
<p class="muted">Please read our security guidance. Scroll down to find the QR code.</p></div>${await svgQr(uri, 200)}`;
    case 'img-png':
      return `<img alt="barcode" width="200" height="200" src="data:image/png;base64,${(await pngQr(uri)).toString('base64')}">`;
    case 'img-svg': {
      const b64 = Buffer.from(await svgQr(uri, 200)).toString('base64');
      return `<img alt="barcode" width="200" height="200" src="data:image/svg+xml;base64,${b64}">`;
    }
    case 'img-once': {
      const token = ctx.registerOnceImage(await pngQr(uri));
      return `<img alt="barcode" width="200" height="200" src="/user/two-factor/qr.png?t=${token}">`;
    }
    case 'remote': {
      const base = await ctx.remoteBase();
      return `<img alt="barcode" width="200" height="200" src="${esc(`${base}/v1/create-qr-code/?size=200x200&data=${rawUrlEncode(uri)}`)}">`;
    }
    case 'canvas':
      return canvasQr(uri);
    case 'two-codes':
      return `<div class="app-promo"><p>Get our mobile app:</p>${await svgQr('https://clientzone.example/mobile-app', 150)}</div>
<p>Then scan this code to set up two-factor authentication:</p>${await svgQr(uri, 200)}`;
    case 'bg': {
      const b64 = (await pngQr(uri)).toString('base64');
      return `<div class="qr-bg" role="img" aria-label="QR code" style="width:200px;height:200px;background-image:url('data:image/png;base64,${b64}');background-size:contain;background-repeat:no-repeat"></div>`;
    }
    case 'iframe':
      return `<iframe src="/user/two-factor/qr-frame" title="QR code" width="230" height="230" style="border:0"></iframe>`;
    case 'text-only':
      return '';
    default:
      throw new Error(`Unknown QR style ${style}`);
  }
}
