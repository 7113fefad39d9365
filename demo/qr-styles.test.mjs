import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startPortal, startQrImageHost, QR_STYLES } from './portal.mjs';
import { createClient, parseHtml } from './test-client.mjs';

/** @type {Awaited<ReturnType<typeof startPortal>>} */
let portal;
/** @type {ReturnType<typeof createClient>} */
let client;
const EMAIL = 'qr@example.com';

/** Fetches a setup page and returns its document, secret and the URI the QR must carry. @param {string} style */
async function setupPage(style) {
  const page = await client.get(`/user/two-factor/setup?style=${style}`);
  expect(page.status).toBe(200);
  const d = parseHtml(page.text);
  const secret = d.querySelector('form#frmTwoFactorConfigure strong')?.textContent ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // Written out by hand from the required format, not taken from the portal.
  const uri = `otpauth://totp/ClientZone:qr%40example.com?secret=${secret}&issuer=ClientZone`;
  return { d, html: page.text, secret, uri };
}

/** Decodes a PNG with jsQR. @param {Buffer} png */
function decodePng(png) {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

/** @param {string} dataUrl */
const dataUrlBytes = (dataUrl) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');

beforeAll(async () => {
  portal = await startPortal();
  client = createClient(portal.url);
  await client.post('/register', { firstname: 'Quinn', email: EMAIL, password: 'qr-password' });
});
afterAll(async () => {
  await portal.close();
});

describe('setup page QR styles', () => {
  it('issues a fresh secret on every setup page and keeps the WHMCS code field', async () => {
    const a = await setupPage('svg');
    const b = await setupPage('svg');
    expect(a.secret).not.toBe(b.secret);
    expect(a.html).toContain('<input type="text" name="verifykey" maxlength="6" class="form-control input-lg" placeholder="Enter authentication code" autofocus>');
    expect(a.d.querySelector('.qr > svg')?.getAttribute('width')).toBe('200');
    expect(a.d.querySelector('title')?.textContent).toBe('Enable Two-Factor Authentication - ClientZone');
    expect(a.d.querySelector('h1')).not.toBeNull();
  });

  it('svg variants: tiny is 90 px, dark is light-on-dark, two-codes has two, below-fold sits under 2000 px', async () => {
    expect((await setupPage('tiny')).d.querySelector('.qr > svg')?.getAttribute('width')).toBe('90');
    const dark = (await setupPage('dark')).d.querySelector('.qr > svg');
    expect(dark?.querySelector('path[fill]')?.getAttribute('fill')).toBe('#1b1f24');
    expect(dark?.querySelector('path[stroke]')?.getAttribute('stroke')).toBe('#f2f2f2');
    expect((await setupPage('two-codes')).d.querySelectorAll('.qr svg').length).toBe(2);
    const fold = (await setupPage('below-fold')).d;
    expect(fold.querySelector('.qr > div[style*="height:2000px"] + svg')).not.toBeNull();
  });

  it('img-png and bg carry a PNG that decodes to the otpauth URI', async () => {
    const png = await setupPage('img-png');
    const src = png.d.querySelector('img[alt=barcode]')?.getAttribute('src') ?? '';
    expect(src.startsWith('data:image/png;base64,')).toBe(true);
    expect(decodePng(dataUrlBytes(src))).toBe(png.uri);

    const bg = await setupPage('bg');
    const style = bg.d.querySelector('div.qr-bg')?.getAttribute('style') ?? '';
    const m = /background-image:url\('(data:image\/png;base64,[^']+)'\)/.exec(style);
    expect(m).not.toBeNull();
    expect(decodePng(dataUrlBytes(m?.[1] ?? ''))).toBe(bg.uri);
  });

  it('img-svg embeds an SVG data URL', async () => {
    const src = (await setupPage('img-svg')).d.querySelector('img[alt=barcode]')?.getAttribute('src') ?? '';
    expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(dataUrlBytes(src).toString('utf8')).toMatch(/^<svg [^>]*width="200"/);
  });

  it('img-once serves the PNG exactly once', async () => {
    const { d, uri } = await setupPage('img-once');
    const src = d.querySelector('img[alt=barcode]')?.getAttribute('src') ?? '';
    expect(src).toMatch(/^\/user\/two-factor\/qr\.png\?t=[0-9a-f]{32}$/);
    const first = await fetch(new URL(src, portal.url));
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(decodePng(Buffer.from(await first.arrayBuffer()))).toBe(uri);
    expect((await fetch(new URL(src, portal.url))).status).toBe(404);
  });

  it('remote points at the localhost image host, which serves a PNG without CORS and needs data=', async () => {
    const { d, uri } = await setupPage('remote');
    const src = new URL(d.querySelector('img[alt=barcode]')?.getAttribute('src') ?? '');
    expect(src.hostname).toBe('localhost');
    expect(src.port).not.toBe(String(portal.port));
    expect(src.pathname).toBe('/v1/create-qr-code/');
    expect(src.searchParams.get('size')).toBe('200x200');
    expect(src.searchParams.get('data')).toBe(uri);
    expect(src.search).toContain('ClientZone%3Aqr%2540example.com'); // rawurlencoded

    const res = await fetch(src);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(decodePng(Buffer.from(await res.arrayBuffer()))).toBe(uri);
    expect((await fetch(`${src.origin}/v1/create-qr-code/?size=200x200`)).status).toBe(400);
    expect((await fetch(`${src.origin}/`)).status).toBe(400);
  });

  it('canvas embeds a module matrix that is a readable QR of the URI', async () => {
    const { d, uri } = await setupPage('canvas');
    expect(d.querySelector('.qr > canvas')).not.toBeNull();
    const script = d.querySelector('.qr > script')?.textContent ?? '';
    expect(script).toContain('setTimeout');
    const rows = /** @type {string[]} */ (JSON.parse(/var rows=(\[[^\]]*\])/.exec(script)?.[1] ?? '[]'));
    // Paint the matrix ourselves (4 px per module, 4-module quiet zone) and let jsQR read it.
    const scale = 4;
    const size = (rows.length + 8) * scale;
    const rgba = new Uint8ClampedArray(size * size * 4).fill(255);
    rows.forEach((row, y) => [...row].forEach((bit, x) => {
      if (bit !== '1') return;
      for (let dy = 0; dy < scale; dy += 1) for (let dx = 0; dx < scale; dx += 1) {
        const i = (((y + 4) * scale + dy) * size + (x + 4) * scale + dx) * 4;
        rgba[i] = 0; rgba[i + 1] = 0; rgba[i + 2] = 0;
      }
    }));
    expect(jsQR(rgba, size, size)?.data).toBe(uri);
  });

  it('split shows six one-digit boxes feeding a hidden verifykey; otc uses one-time-code', async () => {
    const { d } = await setupPage('split');
    const boxes = [...d.querySelectorAll('.split-digits input')];
    expect(boxes.map((b) => b.getAttribute('aria-label'))).toEqual(['Digit 1', 'Digit 2', 'Digit 3', 'Digit 4', 'Digit 5', 'Digit 6']);
    for (const b of boxes) {
      expect([b.getAttribute('maxlength'), b.getAttribute('inputmode'), b.getAttribute('autocomplete'), b.getAttribute('name')])
        .toEqual(['1', 'numeric', 'one-time-code', null]);
    }
    expect(d.querySelectorAll('input[name=verifykey]').length).toBe(1);
    expect(d.querySelector('input[name=verifykey]')?.getAttribute('type')).toBe('hidden');

    const otc = (await setupPage('otc')).d.querySelector('input[name=verifykey]');
    expect([otc?.getAttribute('autocomplete'), otc?.getAttribute('inputmode'), otc?.getAttribute('maxlength')])
      .toEqual(['one-time-code', 'numeric', '6']);
  });

  it('iframe loads a same-origin frame with the QR; text-only has no QR at all', async () => {
    const { d } = await setupPage('iframe');
    const src = d.querySelector('.qr > iframe')?.getAttribute('src') ?? '';
    expect(src).toBe('/user/two-factor/qr-frame');
    const frame = parseHtml((await client.get(src)).text);
    expect(frame.querySelector('title')?.textContent).toBe('QR code');
    expect(frame.querySelector('body > svg')).not.toBeNull();

    const text = await setupPage('text-only');
    expect(text.d.querySelector('svg, img, canvas, iframe, .qr')).toBeNull();
  });

  it('refuses an unknown style with a 400 naming the valid ones', async () => {
    const res = await client.get('/user/two-factor/setup?style=nope');
    expect(res.status).toBe(400);
    expect(res.text).toContain(QR_STYLES.join(', '));
  });

  it('uses the portal-wide qrStyle and an external image host when given', async () => {
    const host = await startQrImageHost();
    const p = await startPortal({ qrStyle: 'remote', qrImageUrl: host.url });
    try {
      const c = createClient(p.url);
      await c.post('/register', { firstname: 'R', email: 'r@example.com', password: 'r-password' });
      const src = parseHtml((await c.get('/user/two-factor/setup')).text).querySelector('img[alt=barcode]')?.getAttribute('src');
      expect(src?.startsWith(`${host.url}/v1/create-qr-code/?size=200x200&data=otpauth%3A%2F%2Ftotp%2F`)).toBe(true);
    } finally {
      await Promise.all([p.close(), host.close()]);
    }
  });
});
