// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://setup.example.com/2fa"}
import { afterEach, describe, expect, it } from 'vitest';
import { findQrCandidates, opaqueFrameOrigin } from './find-qr-candidates';

const URI = 'otpauth://totp/example.com:alice?secret=JBSWY3DPEHPK3PXP&issuer=example.com';

afterEach(() => {
  document.body.innerHTML = '';
});

function frame(attrs: Record<string, string>): HTMLIFrameElement {
  const f = document.createElement('iframe');
  for (const [k, v] of Object.entries(attrs)) f.setAttribute(k, v);
  return f;
}

describe('which origin showed a QR candidate', () => {
  it('a link or image in the page belongs to the page’s own origin', () => {
    document.body.innerHTML = `<a href="${URI}">link</a><img id="q" width="200" height="200" src="data:image/png;base64,iVBORw0KGgo=">`;
    const list = findQrCandidates(document);
    expect(list.map((c) => [c.kind, c.origin])).toEqual([
      ['uri', 'https://setup.example.com'],
      ['img', 'https://setup.example.com'],
    ]);
  });

  it('a frame we cannot read belongs to its element’s own (other) origin', () => {
    expect(opaqueFrameOrigin(frame({ src: 'https://accounts.other.example/qr?x=1' }))).toBe('https://accounts.other.example');
    expect(opaqueFrameOrigin(frame({ src: 'http://localhost:4000/qr' }))).toBe('http://localhost:4000');
  });

  it('cannot tell, so binds nothing, for frames whose src does not say who shows them', () => {
    // Unreadable although its src names our own origin: it navigated elsewhere, or is sandboxed.
    expect(opaqueFrameOrigin(frame({ src: '/qr-frame' }))).toBeNull();
    expect(opaqueFrameOrigin(frame({ src: 'https://setup.example.com/qr' }))).toBeNull();
    expect(opaqueFrameOrigin(frame({}))).toBeNull();
    expect(opaqueFrameOrigin(frame({ srcdoc: '<p>x</p>', src: 'https://other.example/' }))).toBeNull();
    expect(opaqueFrameOrigin(frame({ src: 'data:text/html,<p>x</p>' }))).toBeNull();
    expect(opaqueFrameOrigin(frame({ src: 'javascript:void 0' }))).toBeNull();
  });
});
