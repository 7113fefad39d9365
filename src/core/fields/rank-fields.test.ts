// @vitest-environment happy-dom
/**
 * One test per rule of the finder (describe in the page + rank with the word tables), on the
 * shapes issue 11 names: real attribute shapes, visually hidden inputs, fields that decide how
 * much they take, SMS/email prompts, look-alikes, and the field taught for a site.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findCode, type FindResult } from './find-code-field';
import { describeFields } from './describe-fields';
import { rankFields, hintFor, type RankOptions } from './rank-fields';
import { chooseFrame } from './rank-frames';
import { FillError, fillCode } from './fill-field';

const APP = '<h1>Two-step verification</h1><p>Open your authenticator app and enter the code it shows.</p>';

function find(html: string, options: RankOptions = {}): FindResult {
  document.body.innerHTML = html;
  return findCode(document, options);
}
const picked = (r: FindResult) => (r.kind === 'single' ? [r.input] : r.kind === 'split' ? r.inputs : []);
const one = (sel: string) => [document.querySelector(sel)];

afterEach(() => {
  document.body.innerHTML = '';
  document.title = '';
});

describe('real attribute shapes', () => {
  it('Gmail: type=tel name=idvPin pattern="[0-9 ]*"', () => {
    const r = find(`<form>${APP}<input type="tel" name="idvPin" id="idvPin" pattern="[0-9 ]*"></form>`);
    expect(picked(r)).toEqual(one('[name=idvPin]'));
  });

  it('Live.com: name=otc id=idTxtBx_SAOTCC_OTC placeholder=Code', () => {
    const r = find(`<form><input type="email" name="login"><input type="tel" name="otc" id="idTxtBx_SAOTCC_OTC" placeholder="Code" maxlength="8"></form>`);
    expect(picked(r)).toEqual(one('#idTxtBx_SAOTCC_OTC'));
  });

  it('a field whose only hint is id="code", alone on a 2FA page', () => {
    expect(picked(find(`<form>${APP}<input type="text" id="code"></form>`))).toEqual(one('#code'));
  });

  it('but id="code" on a page that never speaks of a second factor is left alone', () => {
    expect(find(`<form><p>Enter the code printed on your ticket.</p><input type="text" id="code"></form>`).kind).toBe('none');
  });

  it('a German label alone is enough (no attribute hint)', () => {
    expect(picked(find(`<form><label for="x">Bestätigungscode</label><input id="x" name="f1"></form>`))).toEqual(one('#x'));
  });
});

describe('visually hidden but real inputs count; hidden ones do not', () => {
  const slots = '<div class="slot"></div>'.repeat(6);
  it.each([
    ['opacity 0.01 under slot boxes', 'style="opacity:0.01;position:absolute;inset:0"'],
    ['zero opacity, focusable', 'style="opacity:0;position:absolute"'],
    ['clipped (sr-only)', 'style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%)"'],
  ])('%s', (_name, style) => {
    const r = find(`<form>${APP}<div><input id="otp" ${style} autocomplete="one-time-code" inputmode="numeric" maxlength="6">${slots}</div></form>`);
    expect(picked(r)).toEqual(one('#otp'));
  });

  it.each([
    ['type=hidden', '<input type="hidden" name="otp">'],
    ['display:none', '<input name="otp" style="display:none">'],
    ['visibility:hidden', '<input name="otp" style="visibility:hidden">'],
    ['disabled', '<input name="otp" disabled>'],
  ])('%s is never the field', (_name, input) => {
    expect(find(`<form>${APP}${input}</form>`)).toEqual({ kind: 'none', reason: 'no-field' });
  });
});

describe('the field decides how much it takes', () => {
  it('maxlength=4 gets no 6-digit code (the reported bug)', () => {
    expect(find(`<form>${APP}<input name="otp" maxlength="4"></form>`)).toEqual({ kind: 'none', reason: 'does-not-fit' });
  });

  it('and fillCode refuses to write more than maxlength even when asked directly', () => {
    document.body.innerHTML = '<input id="x" maxlength="4">';
    const input = document.querySelector<HTMLInputElement>('#x')!;
    expect(() => fillCode({ kind: 'single', input, score: 0 }, '123456')).toThrow(FillError);
    expect(input.value).toBe('');
  });

  it('8-digit codes go only where 8 fit', () => {
    const html = `<form>${APP}<input name="otp" maxlength="6"></form>`;
    expect(find(html, { code: { length: 8, alphabet: 'digits' } })).toEqual({ kind: 'none', reason: 'does-not-fit' });
    const wide = find(`<form>${APP}<input name="otp" maxlength="8"></form>`, { code: { length: 8, alphabet: 'digits' } });
    expect(picked(wide)).toEqual(one('[name=otp]'));
  });

  it('a pattern that rejects the code (7 digits into [0-9]{6}) means no fill', () => {
    expect(find(`<form>${APP}<input name="otp" pattern="[0-9]{6}"></form>`, { code: { length: 7, alphabet: 'digits' } })).toEqual({
      kind: 'none',
      reason: 'does-not-fit',
    });
  });

  it('Steam letters never go into type=number', () => {
    expect(find(`<form>${APP}<input type="number" name="otp"></form>`, { code: { length: 5, alphabet: 'steam' } })).toEqual({
      kind: 'none',
      reason: 'does-not-fit',
    });
  });

  it.each([4, 6, 7, 8])('a row of %i boxes takes a code of that many digits, one per box', (n) => {
    const boxes = Array.from({ length: n }, (_, i) => `<input class="b" maxlength="1" inputmode="numeric" aria-label="Digit ${i + 1}">`).join('');
    const r = find(`<form>${APP}<div>${boxes}</div></form>`, { code: { length: n, alphabet: 'digits' } });
    expect(r.kind).toBe('split');
    expect(picked(r)).toEqual([...document.querySelectorAll('.b')]);
    fillCode(r as Extract<FindResult, { kind: 'split' }>, '12345678'.slice(0, n));
    expect([...document.querySelectorAll<HTMLInputElement>('.b')].map((b) => b.value).join('')).toBe('12345678'.slice(0, n));
  });

  it('six boxes do not take an 8-digit code', () => {
    const boxes = '<input maxlength="1" inputmode="numeric">'.repeat(6);
    expect(find(`<form>${APP}<div>${boxes}</div></form>`, { code: { length: 8, alphabet: 'digits' } })).toEqual({ kind: 'none', reason: 'does-not-fit' });
  });
});

describe('codes sent by SMS or email are not Tessera’s', () => {
  it('an emailed-code prompt is refused as email', () => {
    const r = find(`<h2>Email Two-Factor Authentication</h2><form><p>We sent a code to your email address. Check your inbox.</p><input name="authcode" autocomplete="one-time-code" maxlength="6"></form>`);
    expect(r).toEqual({ kind: 'none', reason: 'email' });
  });

  it('a texted-code prompt is refused as sms', () => {
    const r = find(`<form><p>We sent a text message with a code to your phone number ending in 42.</p><input name="otp" autocomplete="one-time-code"></form>`);
    expect(r).toEqual({ kind: 'none', reason: 'sms' });
  });

  it('a one-time-code field that names the authenticator app wins over "we can text you" elsewhere', () => {
    const r = find(`<form><label for="c">Code from your authenticator app</label><input id="c" autocomplete="one-time-code" inputmode="numeric">
      <p>Trouble signing in? We can text you a code instead.</p></form>`);
    expect(picked(r)).toEqual(one('#c'));
  });

  it('but not over its own label saying "check your email"', () => {
    const r = find(`<form>${APP}<label for="c">Check your email for the code</label><input id="c" autocomplete="one-time-code"></form>`);
    expect(r).toEqual({ kind: 'none', reason: 'email' });
  });
});

describe('look-alikes never get a code, by any trigger', () => {
  it.each([
    ['postal code', '<label for="f">ZIP code</label><input id="f" name="f" maxlength="6">'],
    ['coupon', '<label for="f">Promo code</label><input id="f" name="f">'],
    ['referral', '<input name="referralCode" placeholder="Code">'],
    ['captcha', '<input name="captcha_code" maxlength="6">'],
    ['card code', '<input name="cardnumber" autocomplete="cc-number"><label for="f">Security code</label><input id="f" name="security" maxlength="4">'],
    ['card PIN', '<label for="f">Card PIN</label><input id="f" name="f" maxlength="6">'],
  ])('%s on a two-factor page', (_name, field) => {
    const r = find(`<form>${APP}${field}</form>`);
    expect(r).toEqual({ kind: 'none', reason: 'look-alike' });
  });

  it('not when right-clicked ("Fill two-factor code" on the field)', () => {
    document.body.innerHTML = `<form>${APP}<label for="z">Postal code</label><input id="z" name="z"></form>`;
    const { page } = describeFields(document);
    expect(rankFields(page, { target: 0 })).toMatchObject({ kind: 'none', reason: 'look-alike' });
  });

  it('not when a taught hint names it', () => {
    document.body.innerHTML = `<form>${APP}<input id="zip" name="zip"></form>`;
    const { page } = describeFields(document);
    expect(rankFields(page, { hint: { name: 'zip', id: 'zip', label: '' } })).toMatchObject({ kind: 'none', reason: 'look-alike' });
  });

  it('a PIN paired with two-step words is a code field (Gmail "2-Step Verification PIN")', () => {
    const r = find(`<form><label for="p">2-Step Verification PIN</label><input id="p" name="f" type="tel"></form>`);
    expect(picked(r)).toEqual(one('#p'));
  });
});

describe('"this field", taught once per site', () => {
  const page2 = `<form>${APP}<input id="first" name="otp" maxlength="6"><input id="mine" name="answer"></form>`;

  it('the right-clicked field is filled even when another scores higher', () => {
    document.body.innerHTML = page2;
    const { page, inputs } = describeFields(document);
    const target = inputs.indexOf(document.querySelector<HTMLInputElement>('#mine')!);
    expect(rankFields(page, { target })).toMatchObject({ kind: 'single', index: target });
  });

  it('its hint (name and id, never a value) is preferred on later fills', () => {
    document.body.innerHTML = page2;
    const { page, inputs } = describeFields(document);
    const mine = inputs.indexOf(document.querySelector<HTMLInputElement>('#mine')!);
    const hint = hintFor(page.fields[mine]!);
    expect(hint).toEqual({ name: 'answer', id: 'mine', label: '' });
    expect(rankFields(page)).toMatchObject({ kind: 'single', index: 0 });
    expect(rankFields(page, { hint })).toMatchObject({ kind: 'single', index: mine });
  });
});

describe('across frames', () => {
  it('says why when a frame asks for an SMS code and none has a field', () => {
    document.body.innerHTML = `<form><p>We texted you a code.</p><input name="otp"></form>`;
    const sms = describeFields(document).page;
    document.body.innerHTML = `<form><input name="q" type="text"></form>`;
    const plain = describeFields(document).page;
    const frames = [
      { frameId: 0, page: plain, target: null },
      { frameId: 3, page: sms, target: null },
    ];
    expect(chooseFrame(frames, { length: 6, alphabet: 'digits' }, null, false)).toEqual({ kind: 'none', reason: 'sms' });
  });

  it('takes the best field of any frame', () => {
    document.body.innerHTML = `<form>${APP}<input name="otp" autocomplete="one-time-code"></form>`;
    const good = describeFields(document).page;
    document.body.innerHTML = `<form>${APP}<input id="code"></form>`;
    const weak = describeFields(document).page;
    const frames = [
      { frameId: 0, page: weak, target: null },
      { frameId: 5, page: good, target: null },
    ];
    expect(chooseFrame(frames, { length: 6, alphabet: 'digits' }, null, false)).toMatchObject({ kind: 'fill', frameId: 5, indices: [0] });
  });
});
