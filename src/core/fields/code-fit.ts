/**
 * Whether an input takes a value as typed: its maxlength, minlength, type=number and pattern.
 * Used by the ranker (with a stand-in code of the right shape) and again by the agent right
 * before writing the real code. No word tables here: the page-side agent imports this file.
 */
import type { FieldDescription } from './field-description';

/** True when the field would take `value` as typed: maxlength, minlength, type=number, pattern. */
export function acceptsValue(f: Pick<FieldDescription, 'maxLength' | 'minLength' | 'type' | 'pattern'>, value: string): boolean {
  if (f.maxLength >= 0 && value.length > f.maxLength) return false;
  if (f.minLength > 0 && value.length < f.minLength) return false;
  if (f.type === 'number' && !/^\d+$/.test(value)) return false;
  const pattern = compilePattern(f.pattern);
  return pattern === null || pattern.test(value);
}

/** The pattern attribute as the browser applies it (whole value, `v` flag); an invalid one is ignored, as browsers do. */
function compilePattern(pattern: string): RegExp | null {
  // Longer than any real code pattern: not compiled (a page must not make us build huge regexes).
  if (!pattern || pattern.length > 200) return null;
  for (const flags of ['v', 'u']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // try the next flag set; browsers ignore a pattern that compiles under none
    }
  }
  return null;
}
