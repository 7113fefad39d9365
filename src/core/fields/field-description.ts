/**
 * What the page-side agent reports about the inputs that could take a code: attributes, the texts
 * around each one, and geometry. Plain data (it crosses from the page to the background), ranked
 * by rank-fields.ts with the word tables; the agent itself never matches words.
 */

export interface FieldDescription {
  /** Position in the agent's candidate list (document order, shadow roots and frames included). */
  index: number;
  /** The input's type attribute as the browser reads it ("text", "tel", "number"). */
  type: string;
  name: string;
  id: string;
  autocomplete: string;
  inputMode: string;
  /** -1 when not set. */
  maxLength: number;
  minLength: number;
  pattern: string;
  placeholder: string;
  ariaLabel: string;
  title: string;
  /** Text of its labels: `for=`, the wrapping <label>, aria-labelledby. */
  label: string;
  /** aria-describedby text and the nearest text before it (heading, paragraph, label-like div). */
  near: string;
  /** Index into PageDescription.contexts: the text of its form (or the block around it). */
  context: number;
  /** Rendered size in CSS px (0 in engines without layout). */
  width: number;
  height: number;
  autofocus: boolean;
  /** Shares a small container with the previous candidate (split boxes). */
  joinsPrevious: boolean;
  /** Its form also asks for a card number (autocomplete cc-*, card-number names). */
  cardForm: boolean;
}

export interface PageDescription {
  /** Document title and headings: what the page as a whole is about. */
  heading: string;
  contexts: string[];
  fields: FieldDescription[];
}

/** A field the site taught Tessera (the user's "Fill two-factor code" on it): kept in the vault. */
export interface FieldHint {
  name: string;
  id: string;
  label: string;
}
