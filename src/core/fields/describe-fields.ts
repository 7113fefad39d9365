/**
 * The page side of the finder: lists the inputs that could take a code and describes each one
 * (see field-description.ts). Runs in the page-side agent, so it stays small and fast: no word
 * tables, one pass over the inputs, and each form's text read once.
 */
import { collectRoots } from './dom-roots';
import { isVisible, parentAcrossShadow } from './visibility';
import type { FieldDescription, PageDescription } from './field-description';

/** Types a code can be typed into. `password` is deliberately absent (never fill a code there). */
const CODE_TYPES = new Set(['text', 'number', 'tel']);
const TEXT_CAP = 300;
const CONTEXT_CAP = 2000;
const HEADING_CAP = 600;
/** Work budgets on what a page controls: more inputs than any login form, a longer pattern than any real one. */
export const MAX_FIELDS = 200;
export const PATTERN_CAP = 200;
/** How far up the help text of a field is looked for; beyond that text stops describing it. */
const NEAR_LEVELS = 4;
const CONTEXT_LEVELS_ABOVE_FORM = 3;
const CONTEXT_LEVELS_NO_FORM = 5;
/** Split boxes are wrapped one per div; four levels cover wrapper + row + group. */
const BOX_LEVELS = 4;

export interface DescribedPage {
  page: PageDescription;
  /** The inputs, in the order of `page.fields`. */
  inputs: HTMLInputElement[];
}

/**
 * The visible-ish text under `el`, words of neighbouring elements kept apart ("<p>a</p><p>b</p>"
 * is "a b", not "ab"), script and style skipped, stopping at `cap` characters.
 */
function textOf(el: Element, cap: number): string {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  const parts: string[] = [];
  let length = 0;
  for (let n = walker.nextNode(); n && length < cap; n = walker.nextNode()) {
    const parent = n.parentElement?.localName;
    if (parent === 'script' || parent === 'style' || parent === 'noscript') continue;
    const t = n.nodeValue ?? '';
    if (t.trim()) {
      parts.push(t);
      length += t.length + 1;
    }
  }
  return clean(parts.join(' '), cap);
}

const clean = (s: string | null | undefined, cap = TEXT_CAP) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, cap);

/** Elements by tag name: the fast, cached collection where the root has one (shadow roots do not). */
function byTag(root: Document | ShadowRoot, tag: string): ArrayLike<Element> & Iterable<Element> {
  return 'getElementsByTagName' in root ? root.getElementsByTagName(tag) : root.querySelectorAll(tag);
}

/** Describes every input of `doc` (open shadow roots and readable frames included) that could hold a code. */
export function describeFields(doc: Document): DescribedPage {
  const inputs: HTMLInputElement[] = [];
  // label[for] per root, gathered once: `input.labels` scans the whole document for every input.
  const labelsFor = new Map<Node, Map<string, Element[]>>();
  for (const { root } of collectRoots(doc)) {
    const found = Array.from(byTag(root, 'input') as Iterable<HTMLInputElement>).filter(mayHoldCode);
    if (found.length === 0) continue;
    inputs.push(...found);
    const byId = new Map<string, Element[]>();
    for (const label of Array.from(byTag(root, 'label'))) {
      const id = label.getAttribute('for');
      if (!id) continue;
      byId.set(id, [...(byId.get(id) ?? []), label]);
    }
    labelsFor.set(root, byId);
  }
  const contexts: string[] = [];
  const contextOf = new Map<Element, number>();
  inputs.splice(MAX_FIELDS);
  const fields = inputs.map((input, index): FieldDescription => {
    const rect = input.getBoundingClientRect();
    const block = contextBlock(input);
    let context = contextOf.get(block);
    if (context === undefined) {
      context = contexts.push(textOf(block, CONTEXT_CAP)) - 1;
      contextOf.set(block, context);
    }
    const prev = inputs[index - 1];
    return {
      index,
      type: input.type,
      name: input.name,
      id: input.id,
      autocomplete: input.getAttribute('autocomplete') ?? '',
      inputMode: (input.getAttribute('inputmode') ?? '').toLowerCase(),
      maxLength: input.maxLength,
      minLength: input.minLength,
      pattern: (input.getAttribute('pattern') ?? '').slice(0, PATTERN_CAP + 1),
      placeholder: clean(input.placeholder),
      ariaLabel: clean(input.getAttribute('aria-label')),
      title: clean(input.title),
      label: labelText(input, labelsFor.get(input.getRootNode())),
      near: nearText(input),
      context,
      width: Math.round(rect.width),
      height: Math.round(rect.height),
      autofocus: input.autofocus,
      joinsPrevious: prev !== undefined && sameContainer(prev, input),
      cardForm: inCardForm(input),
    };
  });
  return { page: { heading: headingText(doc), contexts, fields }, inputs };
}

/**
 * A real, typeable input: right type, enabled, editable, rendered. Visually hidden inputs count
 * (opacity near 0 under slot boxes, clipped): they are focusable and take the keystrokes.
 */
function mayHoldCode(input: HTMLInputElement): boolean {
  if (!CODE_TYPES.has(input.type) || input.disabled || input.readOnly) return false;
  const mode = (input.getAttribute('inputmode') ?? '').toLowerCase();
  if (mode === 'email' || mode === 'search' || mode === 'url') return false;
  return isVisible(input);
}

function textOfIds(input: Element, attr: string): string {
  const root = input.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById !== 'function') return '';
  return (input.getAttribute(attr) ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent ?? '')
    .join(' ');
}

function labelText(input: HTMLInputElement, labelsFor: Map<string, Element[]> | undefined): string {
  const labels = new Set<Element>(input.id ? (labelsFor?.get(input.id) ?? []) : []);
  const wrapping = input.closest('label');
  if (wrapping) labels.add(wrapping);
  const parts = [...labels].map((l) => textOf(l, TEXT_CAP));
  parts.push(textOfIds(input, 'aria-labelledby'));
  return clean(parts.join(' '));
}

/** aria-describedby, then the closest text before the field: a heading, paragraph or label-like block. */
function nearText(input: HTMLInputElement): string {
  const parts = [textOfIds(input, 'aria-describedby')];
  let node: Element | null = input;
  for (let level = 0; level < NEAR_LEVELS && node; level++) {
    let sib = node.previousElementSibling;
    for (let n = 0; sib && n < 3; n++, sib = sib.previousElementSibling) {
      if (sib.localName === 'script' || sib.localName === 'style' || sib.querySelector('input')) continue;
      const text = textOf(sib, TEXT_CAP);
      if (text) {
        parts.push(text);
        return clean(parts.join(' '));
      }
    }
    node = parentAcrossShadow(node);
  }
  return clean(parts.join(' '));
}

/** The form holding the field and a few levels above it (headings and help text sit just outside forms). */
function contextBlock(input: HTMLInputElement): Element {
  const form = input.closest('form');
  let node: Element = form ?? input;
  const top = input.ownerDocument.documentElement;
  for (let i = 0; i < (form ? CONTEXT_LEVELS_ABOVE_FORM : CONTEXT_LEVELS_NO_FORM); i++) {
    // Crossing shadow hosts: a web component's help text usually sits in the light DOM around it.
    const up = parentAcrossShadow(node);
    if (!up || up === top) break;
    node = up;
  }
  return node;
}

function headingText(doc: Document): string {
  const parts = [doc.title];
  for (const tag of ['h1', 'h2', 'h3', 'legend']) {
    for (const h of Array.from(doc.getElementsByTagName(tag)).slice(0, 3)) parts.push(textOf(h, 120));
  }
  return clean(parts.join(' | '), HEADING_CAP);
}

function sameContainer(a: HTMLInputElement, b: HTMLInputElement): boolean {
  if (a.form || b.form) return a.form === b.form;
  let node: Element | null = a;
  for (let i = 0; i < BOX_LEVELS && node; i++) {
    node = parentAcrossShadow(node);
    if (node && node.contains(b)) return true;
  }
  return false;
}

/** True when the input's form also asks for a card number (so a "security code" there is a CVC). */
function inCardForm(input: HTMLInputElement): boolean {
  const form = input.form;
  if (!form) return false;
  for (const other of Array.from(form.elements)) {
    if (!(other.localName === 'input')) continue;
    const ac = (other.getAttribute('autocomplete') ?? '').toLowerCase();
    const words = `${(other as HTMLInputElement).name} ${other.id}`.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    if (ac.startsWith('cc-') || /card[ _-]?(number|num|no)|cc[ _-]?(number|num)/.test(words)) return true;
  }
  return false;
}
