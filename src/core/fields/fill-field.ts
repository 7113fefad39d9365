/**
 * Types a code into the field found by findCodeField the way a person would, so page frameworks
 * (React, Vue, Angular, plain listeners) all notice. Never submits; submitting is a separate,
 * opt-in call.
 */

import type { FieldMatch } from './find-code-field';
import { acceptsValue } from './code-fit';

/** Why a fill or submit could not happen; `message` is meant for the user. */
export class FillError extends Error {
  override readonly name = 'FillError';
  constructor(
    readonly code: 'bad-code' | 'field-gone' | 'too-few-boxes' | 'does-not-fit' | 'no-form',
    message: string,
  ) {
    super(message);
  }
}

/** Letters are allowed because Steam Guard codes use them. */
const CODE_SHAPE = /^[0-9A-Za-z]{4,10}$/;

/**
 * Puts `code` into the matched field(s): one character per box for split fields.
 * @throws FillError when the code is malformed, the field left the page, or there are too few boxes.
 */
export function fillCode(match: FieldMatch, code: string): void {
  const clean = code.replace(/\s+/g, '');
  if (!CODE_SHAPE.test(clean)) {
    throw new FillError('bad-code', 'The code to fill in is not a valid one-time code.');
  }
  const inputs = match.kind === 'single' ? [match.input] : match.inputs;
  for (const input of inputs) {
    if (!input.isConnected || input.disabled || input.readOnly) {
      throw new FillError('field-gone', 'The code field is no longer available on this page. Try again.');
    }
  }
  // The field decides how much it takes: never more than maxlength, never what its pattern rejects.
  const fits = match.kind === 'single' ? takes(match.input, clean) : [...clean].every((ch, i) => !match.inputs[i] || takes(match.inputs[i]!, ch));
  if (!fits) throw new FillError('does-not-fit', 'The code does not fit the code field on this page, so nothing was filled.');
  if (match.kind === 'single') {
    typeInto(match.input, clean);
    match.input.blur();
    return;
  }
  if (clean.length > match.inputs.length) {
    throw new FillError(
      'too-few-boxes',
      `The page has ${match.inputs.length} boxes for the code, but the code has ${clean.length} characters.`,
    );
  }
  [...clean].forEach((ch, i) => typeInto(match.inputs[i] as HTMLInputElement, ch));
  match.inputs[clean.length - 1]?.blur();
}

/**
 * Submits the form holding the matched field, as if its submit button were pressed
 * (validation and submit listeners run). Only call when the user opted in to auto-submit.
 * @throws FillError when the field is not inside a form.
 */
export function submitFormOf(match: FieldMatch): void {
  const input = match.kind === 'single' ? match.input : match.inputs[0];
  const form = input?.form;
  if (!form || !form.isConnected) {
    throw new FillError('no-form', 'This page has no form to submit; press its button yourself.');
  }
  if (typeof form.requestSubmit === 'function') form.requestSubmit();
  // Old engines: clicking the submit button still runs the page's submit handlers.
  else if (form.querySelector<HTMLElement>('[type=submit]')) form.querySelector<HTMLElement>('[type=submit]')?.click();
  else form.submit();
}

function takes(input: HTMLInputElement, value: string): boolean {
  return acceptsValue({ maxLength: input.maxLength, minLength: input.minLength, type: input.type, pattern: input.getAttribute('pattern') ?? '' }, value);
}

function typeInto(input: HTMLInputElement, text: string): void {
  const view = input.ownerDocument.defaultView ?? window;
  input.focus();
  const key = text[text.length - 1] ?? '';
  input.dispatchEvent(new view.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  setNativeValue(input, text);
  const InputEventCtor = typeof view.InputEvent === 'function' ? view.InputEvent : view.Event;
  input.dispatchEvent(new InputEventCtor('input', { bubbles: true, data: text, inputType: 'insertText' } as InputEventInit));
  input.dispatchEvent(new view.KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
  input.dispatchEvent(new view.Event('change', { bubbles: true }));
}

/**
 * Sets the value through the prototype's setter, skipping any own `value` property a framework
 * installed on the instance: React's value tracker records instance sets and would then swallow
 * the `input` event as "no change" (react/react #10135, #11095).
 */
function setNativeValue(input: HTMLInputElement, value: string): void {
  for (let proto = Object.getPrototypeOf(input); proto; proto = Object.getPrototypeOf(proto)) {
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) {
      setter.call(input, value);
      return;
    }
  }
  input.value = value;
}
