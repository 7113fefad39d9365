// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { findQrCandidates, uriInImageUrl, type QrCandidate } from './find-qr-candidates';

const URI = 'otpauth://totp/example.com:alice?secret=JBSWY3DPEHPK3PXP&issuer=example.com';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
/** A long path like BaconQrCode / qrcode.react output; icons have short paths. */
const LONG_PATH = `M0 0h7v7H0z${'M1 1h1v1H1z'.repeat(40)}`;
const RECTS = '<rect width="1" height="1"/>'.repeat(30);

afterEach(() => {
  document.body.innerHTML = '';
});

function scan(html: string): QrCandidate[] {
  document.body.innerHTML = html;
  return findQrCandidates(document);
}

function summary(list: QrCandidate[]): string[] {
  return list.map((c) => (c.kind === 'uri' ? `uri:${c.uri}` : `${c.kind}:${c.element.id}`));
}

describe('findQrCandidates: DOM sources that need no pixels', () => {
  it('WordPress/Authelia: otpauth link first, the SVG inside it after', () => {
    const list = scan(`<a href="${URI}"><svg id="s" width="200" height="200"><path d="${LONG_PATH}"/></svg></a>`);
    expect(summary(list)).toEqual([`uri:${URI}`, 'svg:s']);
    expect(list[0]?.rect).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it('WHMCS remote generator: the URI is read from data=', () => {
    const src = `https://api.qrserver.com/v1/create-qr-code/?size=200x200&data=${encodeURIComponent(URI)}`;
    expect(summary(scan(`<img id="q" alt="barcode" src="${src}">`))).toEqual([`uri:${URI}`]);
  });

  it('Google Charts: the URI is read from chl=', () => {
    const src = `https://chart.googleapis.com/chart?cht=qr&chs=200x200&chl=${encodeURIComponent(URI)}`;
    expect(uriInImageUrl(src)).toBe(URI);
  });

  it('also finds otpauth-migration links', () => {
    const mig = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8%3D';
    expect(summary(scan(`<a href="${mig}">Export</a>`))).toEqual([`uri:${mig}`]);
  });

  it('lists a URI only once', () => {
    expect(scan(`<a href="${URI}">a</a><a href="${URI}">b</a>`)).toHaveLength(1);
  });

  it('ignores generator URLs that carry something else', () => {
    expect(uriInImageUrl('https://api.qrserver.com/v1/create-qr-code/?data=https%3A%2F%2Fexample.com')).toBeNull();
  });
});

describe('findQrCandidates: images, canvases, SVGs, backgrounds, frames', () => {
  it('Keycloak data: PNG, Bitwarden canvas, WHMCS inline SVG, rqrcode rect SVG', () => {
    const list = scan(`
      <img id="kc" src="${PNG}" width="246" height="246">
      <canvas id="bw" width="160" height="160"></canvas>
      <svg id="whmcs" width="200" height="200" viewBox="0 0 200 200"><path d="${LONG_PATH}"/></svg>
      <svg id="gl" viewBox="0 0 41 41" style="width:164px;height:164px">${RECTS}</svg>`);
    // Bigger first: 246 > 200 > 164 > 160.
    expect(summary(list)).toEqual(['img:kc', 'svg:whmcs', 'svg:gl', 'canvas:bw']);
    const img = list[0];
    expect(img?.kind === 'img' && img.src).toBe(PNG);
  });

  it('accepts Gitea\'s 320x240 image but not banners, tiny logos or huge images', () => {
    const list = scan(`
      <img id="gitea" src="${PNG}" width="320" height="240">
      <img id="banner" src="https://example.com/banner.png" width="600" height="100">
      <img id="logo" src="https://example.com/logo.png" width="48" height="48">
      <img id="dot" src="https://example.com/x.png" width="20" height="20">
      <img id="huge" src="https://example.com/bg.jpg" width="2000" height="2000">
      <img id="rel" src="about:blank" width="200" height="200">`);
    expect(summary(list)).toEqual(['img:gitea']);
  });

  it('ignores icon SVGs and canvases of default (non-square) size', () => {
    const list = scan(`<svg id="icon" width="48" height="48"><path d="M0 0L10 10"/></svg><canvas id="c"></canvas>`);
    expect(list).toEqual([]);
  });

  it('finds a CSS background image with its absolute URL', () => {
    const list = scan(`<style>.qr{background-image:url("/qr.png");width:200px;height:200px}</style><div id="bg" class="qr"></div>`);
    expect(summary(list)).toEqual(['background:bg']);
    const bg = list[0];
    expect(bg?.kind === 'background' && bg.src).toBe(new URL('/qr.png', document.baseURI).href);
  });

  it('puts visible candidates before hidden ones (GitLab hides its QR until asked)', () => {
    const list = scan(`<div class="gl-hidden" style="display:none"><svg id="hidden" width="300" height="300">${RECTS}</svg></div>
      <img id="shown" src="${PNG}" width="150" height="150">`);
    expect(summary(list)).toEqual(['img:shown', 'svg:hidden']);
  });

  it('recurses into same-origin iframes and open shadow roots', () => {
    document.body.innerHTML = `<iframe id="f" srcdoc="<canvas id='inner' width='150' height='150'></canvas>"></iframe><qr-box></qr-box>`;
    const shadow = (document.querySelector('qr-box') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = `<img id="sh" src="${PNG}" width="200" height="200">`;
    expect(summary(findQrCandidates(document))).toEqual(['img:sh', 'canvas:inner']);
  });

  it('reports a cross-origin iframe as a frame to screenshot, after everything else', () => {
    document.body.innerHTML = `<iframe id="x" width="300" height="300"></iframe><img id="small" src="${PNG}" width="100" height="100">`;
    Object.defineProperty(document.getElementById('x'), 'contentDocument', { get: () => null });
    const list = findQrCandidates(document);
    expect(summary(list)).toEqual(['img:small', 'frame:x']);
    expect(list[1]?.rect).toMatchObject({ width: 300, height: 300 });
  });
});
