// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FillError, fillCode, submitFormOf } from './fill-field';
import type { FieldMatch } from './find-code-field';

/** Record every event of interest reaching the document, in order. */
function recordEvents(): Array<{ type: string; target: EventTarget | null; bubbled: boolean; data?: string | null }> {
  const log: Array<{ type: string; target: EventTarget | null; bubbled: boolean; data?: string | null }> = [];
  for (const type of ['keydown', 'keyup', 'input', 'change']) {
    document.addEventListener(type, (e) =>
      log.push({ type, target: e.target, bubbled: e.bubbles, data: (e as InputEvent).data }),
    );
  }
  return log;
}

/**
 * Mimics React's value tracker: React installs an own `value` property on the instance that
 * remembers the last value *it* saw set. On `input` React compares the DOM value with the tracked
 * one and only fires onChange when they differ — so a plain `input.value = x` is swallowed.
 */
function installReactLikeTracker(input: HTMLInputElement): { instanceSets: string[]; onChange: string[] } {
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  if (!native?.get || !native.set) throw new Error('test setup: no native value descriptor');
  const nativeGet = native.get;
  const nativeSet = native.set;
  let tracked = nativeGet.call(input) as string;
  const instanceSets: string[] = [];
  const onChange: string[] = [];
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      return nativeGet.call(this);
    },
    set(v: string) {
      instanceSets.push(v);
      tracked = v;
      nativeSet.call(this, v);
    },
  });
  document.addEventListener('input', (e) => {
    if (e.target !== input) return;
    const current = nativeGet.call(input) as string;
    if (current !== tracked) {
      tracked = current;
      onChange.push(current);
    }
  });
  return { instanceSets, onChange };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('fillCode on a single field', () => {
  it('uses the native setter so a React-like tracker reports the change, and fires the events', () => {
    document.body.innerHTML = `<form><input id="otp" name="otp"></form>`;
    const input = document.getElementById('otp') as HTMLInputElement;
    const react = installReactLikeTracker(input);
    const log = recordEvents();
    const focus = vi.fn();
    const blur = vi.fn();
    input.addEventListener('focus', focus);
    input.addEventListener('blur', blur);

    fillCode({ kind: 'single', input, score: 50 }, '492039');

    expect(input.value).toBe('492039');
    expect(react.instanceSets).toEqual([]);
    expect(react.onChange).toEqual(['492039']);
    expect(log.map((e) => e.type)).toEqual(['keydown', 'input', 'keyup', 'change']);
    expect(log.every((e) => e.target === input && e.bubbled)).toBe(true);
    expect(log.find((e) => e.type === 'input')?.data).toBe('492039');
    expect(focus).toHaveBeenCalledTimes(1);
    expect(blur).toHaveBeenCalledTimes(1);
  });

  it('never submits the form', () => {
    document.body.innerHTML = `<form><input id="otp"><button type="submit">Go</button></form>`;
    const form = document.querySelector('form') as HTMLFormElement;
    const submitted = vi.fn((e: Event) => e.preventDefault());
    form.addEventListener('submit', submitted);
    fillCode({ kind: 'single', input: document.getElementById('otp') as HTMLInputElement, score: 50 }, '123456');
    expect(submitted).not.toHaveBeenCalled();
  });

  it('strips spaces inside the code ("123 456")', () => {
    document.body.innerHTML = `<input id="otp">`;
    const input = document.getElementById('otp') as HTMLInputElement;
    fillCode({ kind: 'single', input, score: 50 }, '123 456');
    expect(input.value).toBe('123456');
  });

  it.each(['', '12', 'abc!ef', '12345678901'])('rejects a malformed code %j with a typed error', (code) => {
    document.body.innerHTML = `<input id="otp">`;
    const input = document.getElementById('otp') as HTMLInputElement;
    expect(() => fillCode({ kind: 'single', input, score: 50 }, code)).toThrow(
      expect.objectContaining({ name: 'FillError', code: 'bad-code' }),
    );
    expect(input.value).toBe('');
  });

  it('reports a field that has left the page', () => {
    document.body.innerHTML = `<input id="otp">`;
    const input = document.getElementById('otp') as HTMLInputElement;
    input.remove();
    const err = (() => {
      try {
        fillCode({ kind: 'single', input, score: 50 }, '123456');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(FillError);
    expect((err as FillError).code).toBe('field-gone');
  });
});

describe('fillCode on split boxes', () => {
  function boxes(n: number): HTMLInputElement[] {
    document.body.innerHTML = `<form>${'<input maxlength="1">'.repeat(n)}</form>`;
    return Array.from(document.querySelectorAll('input'));
  }

  it('puts one character per box, each with its own input event', () => {
    const inputs = boxes(6);
    const log = recordEvents();
    fillCode({ kind: 'split', inputs, score: 60 }, '739104');
    expect(inputs.map((i) => i.value)).toEqual(['7', '3', '9', '1', '0', '4']);
    const inputEvents = log.filter((e) => e.type === 'input');
    expect(inputEvents.map((e) => e.target)).toEqual(inputs);
    expect(inputEvents.map((e) => e.data)).toEqual(['7', '3', '9', '1', '0', '4']);
    expect(log.filter((e) => e.type === 'change')).toHaveLength(6);
  });

  it('uses the native setter in every box (React-like trackers)', () => {
    const inputs = boxes(6);
    const trackers = inputs.map(installReactLikeTracker);
    fillCode({ kind: 'split', inputs, score: 60 }, '111222');
    expect(trackers.map((t) => t.instanceSets.length)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trackers.map((t) => t.onChange)).toEqual([['1'], ['1'], ['1'], ['2'], ['2'], ['2']]);
  });

  it('fills the first boxes when the code is shorter than the row', () => {
    const inputs = boxes(8);
    fillCode({ kind: 'split', inputs, score: 60 }, '123456');
    expect(inputs.map((i) => i.value)).toEqual(['1', '2', '3', '4', '5', '6', '', '']);
  });

  it('refuses a code longer than the row of boxes', () => {
    const inputs = boxes(4);
    expect(() => fillCode({ kind: 'split', inputs, score: 60 }, '123456')).toThrow(
      expect.objectContaining({ code: 'too-few-boxes' }),
    );
    expect(inputs.map((i) => i.value)).toEqual(['', '', '', '']);
  });
});

describe('submitFormOf', () => {
  it('calls requestSubmit on the field\'s form', () => {
    document.body.innerHTML = `<form><input id="otp"><button type="submit">Go</button></form>`;
    const form = document.querySelector('form') as HTMLFormElement;
    const spy = vi.spyOn(form, 'requestSubmit').mockImplementation(() => undefined);
    const match: FieldMatch = { kind: 'single', input: document.getElementById('otp') as HTMLInputElement, score: 50 };
    submitFormOf(match);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('uses the first box\'s form for split fields', () => {
    document.body.innerHTML = `<form>${'<input maxlength="1">'.repeat(6)}</form>`;
    const form = document.querySelector('form') as HTMLFormElement;
    const spy = vi.spyOn(form, 'requestSubmit').mockImplementation(() => undefined);
    submitFormOf({ kind: 'split', inputs: Array.from(document.querySelectorAll('input')), score: 60 });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('reports a field without a form instead of silently doing nothing', () => {
    document.body.innerHTML = `<div><input id="otp"></div>`;
    const match: FieldMatch = { kind: 'single', input: document.getElementById('otp') as HTMLInputElement, score: 50 };
    expect(() => submitFormOf(match)).toThrow(expect.objectContaining({ code: 'no-form' }));
  });
});
