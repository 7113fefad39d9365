import type { PageDescription } from '../core/fields/field-description';

/** What the page-side agent answers; shared by the agent and the background that calls it. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AgentScan {
  origin: string;
  viewport: { width: number; height: number };
  /**
   * Each finding carries the origin of the document that showed it (an unreadable frame: the
   * frame element's own origin), or null when nobody can tell: the account binds to that site.
   * otpauth URIs read straight from the DOM (links, image URLs carrying `data=`).
   */
  uris: Array<{ uri: string; origin: string | null }>;
  /** Candidate images as PNG data URLs (≤ 1,024 px a side), with a quiet zone, for the background to decode. */
  images: Array<{ dataUrl: string; origin: string | null }>;
  /** Candidates whose pixels the page cannot give (tainted canvas, cross-origin frame): viewport rects. */
  regions: Array<{ rect: Rect; origin: string | null }>;
  /** Visible frames this document cannot read: a read of the whole screenshot may show any of them. */
  opaqueFrames: number;
  /** A base32 secret printed on the page for people who cannot scan. */
  secret: string | null;
  title: string;
}

export interface AgentField {
  origin: string;
  /** Random per page load: tells a re-fill on the same page from a fill on a new one. */
  documentToken: string;
  /** The inputs that could take a code, described for the background to rank (it holds the word tables). */
  page: PageDescription;
  /** When asked: the candidate the user right-clicked (or that has focus), else null. */
  target: number | null;
  /** Asked for a marked element that has left the document (a re-render, a navigation). */
  targetGone?: true;
}

/** The right-clicked field kept at a menu click (the vault was locked): found again after the unlock. */
export interface AgentMark {
  origin: string;
  documentToken: string;
  /** The agent's random token for that input, or null when the click was on no input. */
  element: string | null;
}

/** The page's own server's `Date` header and when the request left and returned (device time). */
export interface AgentClock {
  origin: string;
  date: string | null;
  sentAt: number;
  receivedAt: number;
}

/** What a fill did: written, the field went away, or the code does not fit the field. */
export type AgentFillOutcome = 'filled' | 'field-gone' | 'does-not-fit';

export interface AgentApi {
  scan(): Promise<AgentScan>;
  revealRegion(index: number): { rect: Rect; origin: string | null } | null;
  field(wantTarget: boolean, targetToken?: string | null): AgentField;
  markTarget(): AgentMark;
  /** Writes `code` into the candidates at `indices` (one, or a row of boxes) of the last field() call. */
  fill(code: string, submit: boolean, expectedOrigin: string, expectedToken: string, indices: number[]): AgentFillOutcome;
  backupCodes(): { origin: string; codes: string[] };
  serverClock(): Promise<AgentClock>;
}
